package app.tableloop.payment.refund;

import app.tableloop.payment.PaymentMethod;
import java.time.Instant;
import java.util.UUID;

/**
 * Money given back from one payment: through WeChat Pay for a WeChat payment, by hand at the counter otherwise.
 *
 * @param orderId     the order whose money this gives back; null for a tab's payment given back whole
 * @param tabId       the tab whose payment this gives back whole; null for an order's refund
 * @param outRefundNo our id of the refund towards WeChat Pay, derived from the caller's idempotency key
 * @param requestedBy who asked for it; null when the service gave back a duplicate payment by itself
 */
public record Refund(UUID id, UUID storeId, UUID paymentId, UUID orderId, UUID tabId, String idempotencyKey,
                     String outRefundNo, PaymentMethod method, long amountFen, String reason, Status status,
                     Cause cause, String wechatRefundId, UUID requestedBy, Instant createdAt, Instant succeededAt) {

  /** Why the money goes back: someone asked, or the service found it paid twice. */
  public enum Cause {
    REQUESTED, DUPLICATE_PAYMENT;

    public String wireName() {
      return name().toLowerCase();
    }

    public static Cause fromWireName(String value) {
      return valueOf(value.toUpperCase());
    }
  }

  /** Processing while WeChat Pay has not confirmed it; failed when WeChat Pay refused it (its amount released). */
  public enum Status {
    PROCESSING, SUCCEEDED, FAILED;

    public String wireName() {
      return name().toLowerCase();
    }

    public static Status fromWireName(String value) {
      return valueOf(value.toUpperCase());
    }
  }

  /** Whether a repeated request with the same key asks for this very refund. */
  public boolean sameRequestAs(UUID order, RefundRequest request) {
    return order.equals(orderId) && amountFen == request.amountFen() && reason.equals(request.reason());
  }
}
