package app.tableloop.ordering;

import java.util.Optional;
import java.util.UUID;

/**
 * Which coupon the diner wants on an order: the best one usable ({@code best}, the default), none, or one of their
 * coupons by id.
 */
public record CouponChoice(boolean best, Optional<UUID> couponId) {
  public static final CouponChoice BEST = new CouponChoice(true, Optional.empty());
  public static final CouponChoice NONE = new CouponChoice(false, Optional.empty());

  /** The choice as the API spells it: {@code best}, {@code none} or a coupon id (validated by the contract). */
  public static CouponChoice parse(String wire) {
    if (wire == null || wire.equals("best")) {
      return BEST;
    }
    return wire.equals("none") ? NONE : new CouponChoice(false, Optional.of(UUID.fromString(wire)));
  }

  public String wireName() {
    return best ? "best" : couponId.map(UUID::toString).orElse("none");
  }
}
