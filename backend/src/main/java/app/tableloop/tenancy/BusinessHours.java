package app.tableloop.tenancy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * When a store takes orders: periods on given weekdays, each from an opening to a closing time in the store's own
 * time zone. A period may run past midnight (18:00–02:00 belongs to the day it opens). No periods: always open.
 */
public record BusinessHours(List<Period> periods) {

  public record Period(Set<DayOfWeek> days, LocalTime open, LocalTime close) {
    boolean covers(ZonedDateTime at) {
      LocalTime time = at.toLocalTime();
      if (open.isBefore(close)) {
        return days.contains(at.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
      }
      return (days.contains(at.getDayOfWeek()) && !time.isBefore(open))
          || (days.contains(at.getDayOfWeek().minus(1)) && time.isBefore(close));
    }
  }

  public static final BusinessHours ALWAYS = new BusinessHours(List.of());

  public boolean isOpenAt(ZonedDateTime at) {
    return periods.isEmpty() || periods.stream().anyMatch(period -> period.covers(at));
  }
}
