package app.tableloop.menu;

import app.tableloop.tenancy.BusinessHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A store's whole menu at one version, read for one business day (its dishes' {@code stockLeft} are that day's):
 * what the diners' menu is drawn from.
 */
public record MenuSnapshot(UUID storeId, long version, ZoneId zone, List<MenuCategory> categories,
                           List<MenuItem> items) {

  /**
   * The first moment after {@code now} at which the menu changes by itself, with nobody editing it: a dish's serving
   * window opens or closes, or a new business day starts (and with it a fresh daily stock).
   */
  public Instant nextChangeAfter(Instant now) {
    Instant next = BusinessDay.nextStart(now, zone);
    LocalDate today = now.atZone(zone).toLocalDate();
    for (MenuItem item : items) {
      for (BusinessHours.Period period : item.windows().periods()) {
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
          if (!period.days().contains(day.getDayOfWeek())) {
            continue;
          }
          LocalDate closingDay = period.open().isBefore(period.close()) ? day : day.plusDays(1);
          for (Instant edge : List.of(ZonedDateTime.of(day, period.open(), zone).toInstant(),
              ZonedDateTime.of(closingDay, period.close(), zone).toInstant())) {
            if (edge.isAfter(now) && edge.isBefore(next)) {
              next = edge;
            }
          }
        }
      }
    }
    return next;
  }
}
