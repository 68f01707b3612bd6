package app.tableloop.loyalty.coupon;

import java.time.Instant;
import java.util.UUID;

/** A coupon in a member's wallet, with its template's name and terms. */
public record Coupon(UUID id, UUID templateId, UUID memberId, String name, CouponTerms terms, CouponSource source,
                     Instant issuedAt, Instant validFrom, Instant validUntil, Instant usedAt, UUID orderId) {

  public enum State {
    AVAILABLE, USED, EXPIRED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public State state(Instant now) {
    if (usedAt != null) {
      return State.USED;
    }
    return now.isBefore(validUntil) ? State.AVAILABLE : State.EXPIRED;
  }
}
