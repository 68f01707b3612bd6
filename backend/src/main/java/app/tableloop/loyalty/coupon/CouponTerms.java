package app.tableloop.loyalty.coupon;

import java.util.List;
import java.util.UUID;

/**
 * What a coupon takes off, and on what: its template's terms, fixed once the template exists so that issued coupons
 * keep the terms they were issued with.
 *
 * @param thresholdFen what the in-scope part of the order must reach
 * @param percentOff   the percent taken off (20 is 8折), for {@code percent_off}
 * @param capFen       the most a {@code percent_off} coupon takes off, or null
 * @param stackable    whether it combines with the member level's discount percent (member prices always apply);
 *                     an order takes one coupon
 * @param validHours   the hours of the day (0–23, the redeeming store's local time) in which it can be used, in
 *                     order; empty for any time of day
 * @param storeIds     the stores it can be used at, or null for every store of the tenant
 */
public record CouponTerms(Kind kind, long thresholdFen, Long amountOffFen, Integer percentOff, Long capFen,
                          UUID freeDishId, boolean firstVisitOnly, Scope scope, List<UUID> scopeIds,
                          boolean stackable, List<Integer> validHours, List<UUID> storeIds) {

  /** Terms usable at every store: what an owner defines. */
  public CouponTerms(Kind kind, long thresholdFen, Long amountOffFen, Integer percentOff, Long capFen,
                     UUID freeDishId, boolean firstVisitOnly, Scope scope, List<UUID> scopeIds,
                     boolean stackable, List<Integer> validHours) {
    this(kind, thresholdFen, amountOffFen, percentOff, capFen, freeDishId, firstVisitOnly, scope, scopeIds, stackable,
        validHours, null);
  }

  /** Whether it can be used at this store. */
  public boolean usableAt(UUID storeId) {
    return storeIds == null || storeIds.contains(storeId);
  }

  /** Whether it can be used in this hour of the day. */
  public boolean usableInHour(int hour) {
    return validHours.isEmpty() || validHours.contains(hour);
  }

  /** Hours of the day, in order, as spans: [14, 15, 16, 21] is 14:00–17:00、21:00–22:00. */
  public static String hoursText(List<Integer> hours) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < hours.size(); i++) {
      int start = hours.get(i);
      int end = start + 1;
      while (i + 1 < hours.size() && hours.get(i + 1) == end) {
        end++;
        i++;
      }
      text.append(text.isEmpty() ? "" : "、").append(String.format("%02d:00–%02d:00", start, end));
    }
    return text.toString();
  }

  public enum Kind {
    AMOUNT_OFF, PERCENT_OFF, FREE_DISH;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind fromWireName(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Which dishes of the order the coupon applies to. */
  public enum Scope {
    MENU, CATEGORIES, DISHES;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Scope fromWireName(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
