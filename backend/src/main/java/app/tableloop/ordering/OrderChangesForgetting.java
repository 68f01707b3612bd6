package app.tableloop.ordering;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.Forgetting;
import app.tableloop.platform.job.PeriodicJob;
import java.time.Duration;

/**
 * Forgets which orders changed when, once no instance's copy of a tab's orders ({@link TabOrders}) can still need it:
 * copies live an hour at most, the notes a day.
 */
public final class OrderChangesForgetting {
  /** Event-bus address that runs a pass at once and replies with how many notes it forgot. */
  public static final String FORGET_NOW = "ordering.order-changes-forgetting";
  private static final Duration KEPT = Duration.ofDays(1);

  private OrderChangesForgetting() {
  }

  public static PeriodicJob job(Database database) {
    return Forgetting.job(database, FORGET_NOW, Duration.ofHours(1), "forget_order_changes", KEPT);
  }
}
