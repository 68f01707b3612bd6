package app.tableloop.menu;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The day a store's daily stock belongs to. It begins at 04:00 in the store's time zone, not at midnight, so that a
 * late-night service (夜宵) that runs past midnight draws on one day's portions.
 */
public final class BusinessDay {
  public static final LocalTime STARTS_AT = LocalTime.of(4, 0);

  private BusinessDay() {
  }

  public static LocalDate of(Instant instant, ZoneId zone) {
    LocalDateTime local = instant.atZone(zone).toLocalDateTime();
    return local.toLocalTime().isBefore(STARTS_AT) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
  }

  /** When the business day after the one of {@code instant} begins. */
  public static Instant nextStart(Instant instant, ZoneId zone) {
    return ZonedDateTime.of(of(instant, zone).plusDays(1), STARTS_AT, zone).toInstant();
  }
}
