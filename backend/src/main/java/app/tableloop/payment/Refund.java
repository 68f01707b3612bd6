package app.tableloop.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * Money given back from one payment: through WeChat Pay for a WeChat payment, by hand at the counter otherwise.
 *
 * @param outRefundNo our id of the refund towards WeChat Pay, derived from the caller's idempotency key
 */
public record Refund(UUID id, UUID storeId, UUID paymentId, UUID orderId, String idempotencyKey, String outRefundNo,
                     PaymentMethod method, long amountFen, String reason, Status status, String wechatRefundId,
                     UUID requestedBy, Instant createdAt, Instant succeededAt) {

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
    return orderId.equals(order) && amountFen == request.amountFen() && reason.equals(request.reason());
  }
}
