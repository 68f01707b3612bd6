package app.tableloop.loyalty.level;

import app.tableloop.identity.Access;
import app.tableloop.loyalty.level.DefaultLevels.Level;
import app.tableloop.membership.MembershipRefusal;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The owner's level rules, and the member's level with their progress to the next. */
public final class MemberLevels {
  private final Database database;
  private final Levels levels;

  public MemberLevels(Database database, Levels levels) {
    this.database = database;
    this.levels = levels;
  }

  /** What the member's card shows: their level, what they spent over the last 12 months, the level above. */
  public record Card(Level level, long spendOfLastYearFen, Optional<Level> next, List<Level> levels) {
  }

  public Future<List<Level>> rules(Access access) {
    return database.inTenant(access.tenantId(), sql -> levels.of(sql, access.tenantId()));
  }

  /** Replaces the levels and puts every member at the level their spend now reaches, in one transaction. */
  public Future<List<Level>> replace(Access access, List<Level> rules) {
    UUID tenantId = access.tenantId();
    Optional<Future<List<Level>>> refused = LevelRules.refusal(rules).map(Refusals::refuse);
    return refused.orElseGet(() -> database.inTenant(tenantId, sql -> levels.replace(sql, tenantId, rules)
        .compose(replaced -> levels.of(sql, tenantId))));
  }

  /**
   * The card's three reads (the member's rank, the rules, the spend) go out together in one read-only transaction:
   * one round trip, and one moment of the database, so that a payment's event, which moves the spend and the rank in
   * one transaction, shows on the card whole or not at all.
   */
  public Future<Card> card(Access access) {
    UUID tenantId = access.tenantId();
    UUID userId = access.user().userId();
    return database.readingInTenant(tenantId, sql -> {
      Future<Optional<Integer>> rank = levels.rankOfUser(sql, tenantId, userId);
      Future<List<Level>> all = levels.of(sql, tenantId);
      Future<Long> spend = database.committingWith(sql, levels.spendOfLastYear(sql, tenantId, userId));
      return Pipelined.all(rank, all, spend).compose(read -> rank.result().isEmpty()
          ? Refusals.<Card>refuse(MembershipRefusal.NOT_A_MEMBER)
          : Future.succeededFuture(new Card(LevelRules.ofRank(all.result(), rank.result().get()), spend.result(),
              LevelRules.above(all.result(), rank.result().get()), all.result())));
    });
  }
}
