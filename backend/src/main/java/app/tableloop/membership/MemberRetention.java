package app.tableloop.membership;

import app.tableloop.identity.Sessions;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Anonymises members who have not been seen for longer than their tenant keeps members (three years unless the owner
 * set otherwise), as if they had left: a tenant at a time, a batch at a time, each erasure audited.
 */
public final class MemberRetention {
  /** Event-bus address that runs a pass at once and replies with how many members it anonymised. */
  public static final String RETAIN_NOW = "membership.retention";
  private static final int BATCH = 200;

  private final Database database;
  private final Members members;
  private final Erasure erasure;
  private final Sessions sessions;
  private final Clock clock;

  public MemberRetention(Database database, Members members, Erasure erasure, Sessions sessions, Clock clock) {
    this.database = database;
    this.members = members;
    this.erasure = erasure;
    this.sessions = sessions;
    this.clock = clock;
  }

  public PeriodicJob job() {
    return new PeriodicJob(RETAIN_NOW, Duration.ofHours(6), this::pass);
  }

  public Future<Integer> pass() {
    return MemberTenants.each(database, this::anonymise);
  }

  private Future<Integer> anonymise(UUID tenantId) {
    return database.inTenant(tenantId, sql -> members.inactive(sql, tenantId, clock.instant(), BATCH)
            .compose(ids -> {
              Future<List<UUID>> chain = Future.succeededFuture(new ArrayList<>());
              for (UUID id : ids) {
                chain = chain.compose(erased -> members.byId(sql, tenantId, id)
                    .compose(member -> member.isEmpty() ? Future.succeededFuture(Optional.<UUID>empty())
                        : erasure.erase(sql, tenantId, member.get(), AccessAudit.Actor.SYSTEM,
                            AccessAudit.Action.MEMBER_ANONYMISED, clock.instant()))
                    .map(user -> {
                      user.ifPresent(erased::add);
                      return erased;
                    }));
              }
              return chain;
            }))
        .compose(users -> Future.all(users.stream().map(sessions::closeAll).toList()).map(users.size()));
  }
}
