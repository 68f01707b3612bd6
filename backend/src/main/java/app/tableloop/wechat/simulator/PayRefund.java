package app.tableloop.wechat.simulator;

import java.time.Instant;

/**
 * One refund of a paid order; amounts in fen. It is PROCESSING when accepted and SUCCESS once the money is back.
 *
 * @param notifyUrl where the REFUND.SUCCESS notification goes, or null when the merchant gave none
 * @param successAt when it succeeded (else null)
 */
record PayRefund(String refundId, String outRefundNo, String outTradeNo, String transactionId, String reason,
                 String notifyUrl, long refund, long total, Instant createdAt, Status status, Instant successAt) {

  enum Status { PROCESSING, SUCCESS }

  PayRefund succeeded(Instant at) {
    return new PayRefund(refundId, outRefundNo, outTradeNo, transactionId, reason, notifyUrl, refund, total, createdAt,
        Status.SUCCESS, at);
  }

  /** A repeated request with the same out_refund_no is the same refund only if it asks for the same money. */
  boolean sameTermsAs(RefundApplication application, PayOrder order) {
    return outTradeNo.equals(order.outTradeNo()) && refund == application.refund() && total == application.total();
  }
}
