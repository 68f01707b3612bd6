package app.tableloop.loyalty.points;

import app.tableloop.loyalty.level.Levels;
import app.tableloop.membership.MemberTenants;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Expires what is left of lots whose time is up: a tenant at a time, a batch of members at a time, each member's due
 * lots in one ledger entry. The members are locked (in id order, under the tenant's level rules like every other
 * change of several members) before their lots, as every change of points does.
 */
public final class PointsExpiry {
  /** Event-bus address that runs a pass at once and replies with how many lots it expired. */
  public static final String EXPIRE_NOW = "loyalty.points.expiry";
  private static final int BATCH = 200;

  private final Database database;
  private final Levels levels;
  private final PointsLedger ledger = new PointsLedger();
  private final Clock clock;

  public PointsExpiry(Database database, Levels levels, Clock clock) {
    this.database = database;
    this.levels = levels;
    this.clock = clock;
  }

  public PeriodicJob job() {
    return new PeriodicJob(EXPIRE_NOW, Duration.ofMinutes(10), this::pass);
  }

  public Future<Integer> pass() {
    Instant now = clock.instant();
    return MemberTenants.each(database, tenantId -> expire(tenantId, now));
  }

  /** The tenant's due lots, batch after batch until none is left. */
  private Future<Integer> expire(UUID tenantId, Instant now) {
    return database.inTenant(tenantId, sql -> levels.holdRules(sql, tenantId)
            .compose(held -> ledger.lockMembersWithLotsDue(sql, tenantId, now, BATCH))
            .compose(members -> members.isEmpty() ? Future.succeededFuture(0)
                : ledger.expireDue(sql, tenantId, members, now)))
        .compose(expired -> expired == 0 ? Future.succeededFuture(0)
            : expire(tenantId, now).map(more -> expired + more));
  }
}
