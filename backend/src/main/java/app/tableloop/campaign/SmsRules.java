package app.tableloop.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a marketing SMS may go out: not in the store's quiet hours (21:00 to 09:00 local time), and not past the cap
 * of marketing messages a member gets a week across campaigns. An SMS that may not go now is deferred to when it may,
 * never dropped. Plain rules, no I/O.
 */
public final class SmsRules {
  public static final LocalTime QUIET_FROM = LocalTime.of(21, 0);
  public static final LocalTime QUIET_UNTIL = LocalTime.of(9, 0);
  /** Marketing SMS a member gets at most in any {@link #CAP_WINDOW}. */
  public static final int WEEKLY_CAP = 2;
  public static final Duration CAP_WINDOW = Duration.ofDays(7);

  private SmsRules() {
  }

  /** The end of the quiet hours when {@code now} is in them, in the store's zone. */
  public static Optional<Instant> afterQuietHours(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    if (!time.isBefore(QUIET_FROM)) {
      return Optional.of(local.toLocalDate().plusDays(1).atTime(QUIET_UNTIL).atZone(zone).toInstant());
    }
    if (time.isBefore(QUIET_UNTIL)) {
      return Optional.of(local.toLocalDate().atTime(QUIET_UNTIL).atZone(zone).toInstant());
    }
    return Optional.empty();
  }

  /**
   * When the member may get another marketing SMS, given those sent (or handed to the provider) within the last
   * window, oldest first; empty when they may now.
   */
  public static Optional<Instant> afterCap(List<Instant> sentWithinWindow) {
    if (sentWithinWindow.size() < WEEKLY_CAP) {
      return Optional.empty();
    }
    return Optional.of(sentWithinWindow.get(sentWithinWindow.size() - WEEKLY_CAP).plus(CAP_WINDOW));
  }
}
