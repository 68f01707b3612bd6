package app.tableloop.platform.outbox;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.Forgetting;
import app.tableloop.platform.job.PeriodicJob;
import java.time.Duration;

/**
 * Forgets the events delivered to every handler a week before, with their handlers' records: what follows from them
 * is written where it belongs (points, visits, rewards), and a week is time enough to look into one. Undelivered and
 * parked events are kept however old.
 */
public final class OutboxForgetting {
  /** Event-bus address that runs a pass at once and replies with how many events it forgot. */
  public static final String FORGET_NOW = "outbox.forgetting";
  private static final Duration KEPT = Duration.ofDays(7);

  private OutboxForgetting() {
  }

  public static PeriodicJob job(Database database) {
    return Forgetting.job(database, FORGET_NOW, Duration.ofHours(1), "forget_delivered_events", KEPT);
  }
}
