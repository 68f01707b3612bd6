package app.tableloop.platform.outbox;

import java.time.Duration;

/**
 * How the relay works through the outbox.
 *
 * @param every       how often each instance looks for events that are due
 * @param batchSize   how many events one pass claims at most
 * @param maxAttempts how many failed deliveries park an event (it then waits for a person)
 * @param firstRetry  the wait after a first failure, doubled after each further one, up to {@code maxRetry}
 */
public record RelaySettings(Duration every, int batchSize, int maxAttempts, Duration firstRetry, Duration maxRetry) {
  public static final RelaySettings DEFAULTS = new RelaySettings(Duration.ofSeconds(1), 100, 10, Duration.ofSeconds(5),
      Duration.ofMinutes(10));

  /** The wait before the next try of an event that has now failed {@code failures} times. */
  Duration backoff(int failures) {
    Duration wait = firstRetry;
    for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
