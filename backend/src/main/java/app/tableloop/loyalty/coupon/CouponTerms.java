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
 */
public record CouponTerms(Kind kind, long thresholdFen, Long amountOffFen, Integer percentOff, Long capFen,
                          UUID freeDishId, boolean firstVisitOnly, Scope scope, List<UUID> scopeIds,
                          boolean stackable) {

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
