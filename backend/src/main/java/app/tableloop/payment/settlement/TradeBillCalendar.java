package app.tableloop.payment.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * When WeChat Pay's trade bills exist. A bill covers one China date, midnight to midnight, and WeChat Pay makes it
 * the next morning: it says to ask from 10:00 (China time) on. Before then there is nothing to ask for.
 */
public final class TradeBillCalendar {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final LocalTime ISSUED_AT = LocalTime.of(10, 0);

  private TradeBillCalendar() {
  }

  /** When the date's bill can be had. */
  public static Instant issuedAt(LocalDate billDate) {
    return billDate.plusDays(1).atTime(ISSUED_AT).atZone(CHINA).toInstant();
  }

  /** Where the date's bill starts: its midnight in China. */
  public static Instant startOf(LocalDate billDate) {
    return billDate.atStartOfDay(CHINA).toInstant();
  }

  /** The China dates whose bills cover the hours from {@code from} (inclusive) to {@code to}, in order. */
  public static List<LocalDate> datesCovering(Instant from, Instant to) {
    LocalDate last = to.minusNanos(1).atZone(CHINA).toLocalDate();
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = from.atZone(CHINA).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
      dates.add(date);
    }
    return dates;
  }
}
