package app.tableloop.ordering;

import java.util.Optional;
import java.util.UUID;

/**
 * An amount taken off an order's subtotal, as the order shows it: member prices, the member level's discount, or a
 * coupon (naming it).
 */
public record OrderAdjustment(Kind kind, String label, long amountFen, UUID couponId) {

  public enum Kind {
    MEMBER_PRICE("member_price"), LEVEL_DISCOUNT("level_discount"), COUPON("coupon");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Optional<Kind> fromWireName(String name) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(name)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }
}
