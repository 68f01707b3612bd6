package app.tableloop.ordering;

import app.tableloop.platform.database.Database;
import io.vertx.core.Vertx;
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
  static final Duration IDLE = Duration.ofHours(2);
  private static final Duration EVERY = Duration.ofMinutes(10);

  private TabExpiry() {
  }

  public static long start(Vertx vertx, Database database) {
    return vertx.setPeriodic(EVERY.toMillis(), timer -> sweep(database));
  }

  static void sweep(Database database) {
    database.pool().preparedQuery("SELECT expire_abandoned_tabs(make_interval(mins => $1)) AS closed")
        .execute(Tuple.of((int) IDLE.toMinutes()))
        .onSuccess(rows -> {
          int closed = rows.iterator().next().getInteger("closed");
          if (closed > 0) {
            LOG.info("Closed {} abandoned empty tab(s)", closed);
          }
        })
        .onFailure(failure -> LOG.warn("Expiring abandoned tabs failed: {}", failure.getMessage()));
  }
}
