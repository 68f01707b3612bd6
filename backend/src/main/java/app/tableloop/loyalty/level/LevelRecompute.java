package app.tableloop.loyalty.level;

import app.tableloop.membership.MemberTenants;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Puts every member at the level their last 12 months' spend reaches, a tenant at a time, every six hours: besides
 * each payment and refund, which recompute their member's level at once, time moves spend out of the 12 months, and a
 * diner who joins brings the visits they paid before.
 */
public final class LevelRecompute {
  /** Event-bus address that runs a pass at once and replies with how many tenants it went through. */
  public static final String RECOMPUTE_NOW = "loyalty.levels.recompute";

  private final Database database;
  private final Levels levels;

  public LevelRecompute(Database database, Levels levels) {
    this.database = database;
    this.levels = levels;
  }

  public PeriodicJob job() {
    return new PeriodicJob(RECOMPUTE_NOW, Duration.ofHours(6), this::pass);
  }

  public Future<Integer> pass() {
    return MemberTenants.each(database,
        tenantId -> database.inTenant(tenantId, sql -> levels.recomputeAll(sql, tenantId)).map(1));
  }
}
