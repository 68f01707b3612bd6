package app.tableloop.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * One payment of an order, of a tab's unpaid orders at the end of an eat-first meal, or of a stored-value top-up.
 *
 * @param orderId      the order paid (payments of an order only)
 * @param tabId        the tab paid (payments of a tab only)
 * @param payerOpenId  the WeChat user paying (WeChat Pay only)
 * @param description  what the diner sees in WeChat Pay (WeChat Pay only)
 * @param expiresAt    when WeChat Pay stops taking it (WeChat Pay only)
 * @param recordedBy   the staff member who took it (counter payments only)
 * @param topUpId      the stored-value top-up paid (payments of a top-up only)
 * @param holdId       the stored-value payment held for the order that this WeChat payment of the rest completes
 */
public record Payment(UUID id, UUID storeId, UUID orderId, UUID tabId, String outTradeNo, PaymentMethod method,
                      long amountFen, PaymentStatus status, String payerOpenId, String description, String prepayId,
                      String transactionId, Instant paidAt, UUID recordedBy, Instant expiresAt,
                      UUID topUpId, UUID holdId) {

  /** Still payable on WeChat for at least {@code margin} seconds from {@code now}: worth handing out again. */
  public boolean reusableAt(Instant now, long marginSeconds) {
    return status == PaymentStatus.PENDING && expiresAt != null && expiresAt.isAfter(now.plusSeconds(marginSeconds));
  }
}
