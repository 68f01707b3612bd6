package app.tableloop.loyalty.coupon;

import java.util.Locale;

/** How a coupon came into a member's wallet. */
public enum CouponSource {
  /** The owner granted it. */
  OWNER,
  /** The member claimed it with a code or link. */
  CLAIM,
  /** The member paid points for it. */
  POINTS,
  /** A campaign gave it. */
  CAMPAIGN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CouponSource fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
