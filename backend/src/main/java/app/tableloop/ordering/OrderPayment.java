package app.tableloop.ordering;

import java.time.OffsetDateTime;

/**
 * Whether an order is paid, as its diners and staff are told: by which method, when, what it paid and how much of it
 * has been given back.
 *
 * @param method      the paying payment's method (wechat, cash, card, other, stored_value); null when unpaid
 * @param paidAt      when it was paid; null when unpaid
 * @param paidFen     what was paid for it (its total); 0 when unpaid
 * @param refundedFen what of it has been refunded (refunds that succeeded)
 */
public record OrderPayment(State state, String method, OffsetDateTime paidAt, long paidFen, long refundedFen) {

  public enum State {
    /** Nothing has paid it. */
    UNPAID,
    /** A WeChat payment of it was asked for and WeChat Pay has not confirmed it yet. */
    PENDING,
    PAID,
    PARTIALLY_REFUNDED,
    REFUNDED;

    public String wireName() {
      return name().toLowerCase();
    }
  }

  public static OrderPayment unpaid() {
    return new OrderPayment(State.UNPAID, null, null, 0, 0);
  }

  /**
   * The state from what the records hold: the paying payment's method and time (null when none paid it), the order's
   * total, its refunds that succeeded, and whether a WeChat payment of it is still open.
   */
  public static OrderPayment of(String method, OffsetDateTime paidAt, long totalFen, long refundedFen,
                                boolean wechatPending) {
    if (paidAt == null) {
      return wechatPending ? new OrderPayment(State.PENDING, null, null, 0, 0) : unpaid();
    }
    State state = refundedFen <= 0 ? State.PAID
        : refundedFen >= totalFen ? State.REFUNDED : State.PARTIALLY_REFUNDED;
    return new OrderPayment(state, method, paidAt, totalFen, refundedFen);
  }

  public boolean paid() {
    return paidAt != null;
  }
}
