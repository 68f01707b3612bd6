package app.tableloop.ordering;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes tabs that were opened by a scan and then left empty, so that the table is free again. Every instance runs
 * the sweep; it is one idempotent statement, so running it twice does no harm.
 */
public final class TabExpiry {
  private static final Logger LOG = LoggerFactory.getLogger(TabExpiry.class);
  /** Event-bus address that runs a sweep at once and replies with how many tabs it closed. */
  public static final String EXPIRE_NOW = "ordering.tab-expiry";
  static final Duration IDLE = Duration.ofHours(2);
  private static final Duration EVERY = Duration.ofMinutes(10);

  private final Database database;

  public TabExpiry(Database database) {
    this.database = database;
  }

  public PeriodicJob job() {
    return new PeriodicJob(EXPIRE_NOW, EVERY, this::sweep);
  }

  Future<Integer> sweep() {
    return database.pool().preparedQuery("SELECT expire_abandoned_tabs(make_interval(mins => $1)) AS closed")
        .execute(Tuple.of((int) IDLE.toMinutes()))
        .map(rows -> rows.iterator().next().getInteger("closed"))
        .onSuccess(closed -> {
          if (closed > 0) {
            LOG.info("Closed {} abandoned empty tab(s)", closed);
          }
        });
  }
}
