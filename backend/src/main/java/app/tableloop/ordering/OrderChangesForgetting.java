package app.tableloop.ordering;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Forgets which orders changed when, once no instance's copy of a tab's orders ({@link TabOrders}) can still need it:
 * copies live an hour at most, the notes a day. Every instance runs it; deleting what is already gone does no harm.
 */
public final class OrderChangesForgetting {
  /** Event-bus address that runs a pass at once and replies with how many notes it forgot. */
  public static final String FORGET_NOW = "ordering.order-changes-forgetting";
  static final Duration KEPT = Duration.ofDays(1);
  private static final Duration EVERY = Duration.ofHours(1);

  private final Database database;

  public OrderChangesForgetting(Database database) {
    this.database = database;
  }

  public PeriodicJob job() {
    return new PeriodicJob(FORGET_NOW, EVERY, this::pass);
  }

  Future<Long> pass() {
    return database.pool().preparedQuery("SELECT forget_order_changes(make_interval(hours => $1)) AS forgotten")
        .execute(Tuple.of((int) KEPT.toHours()))
        .map(rows -> rows.iterator().next().getLong("forgotten"));
  }
}
