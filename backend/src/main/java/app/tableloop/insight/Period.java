package app.tableloop.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/** Business days from {@code from} to {@code to}, both included, in the store's time zone. */
public record Period(PeriodKey key, LocalDate from, LocalDate to) {

  /** The period of this length ending with (and including) {@code today}. */
  public static Period ending(PeriodKey key, LocalDate today) {
    return new Period(key, today.minusDays(key.days() - 1L), today);
  }

  /** The period of the same length just before. */
  public Period previous() {
    return new Period(key, from.minusDays(key.days()), from.minusDays(1));
  }

  public List<LocalDate> days() {
    return Stream.iterate(from, day -> !day.isAfter(to), day -> day.plusDays(1)).toList();
  }
}
