package app.tableloop.payment.refund;

import java.time.Instant;

/** A refund as WeChat Pay reports it, in a notification or a query's answer (verified). */
public record WeChatRefund(String outRefundNo, String refundId, String status, long refundFen, Instant successTime) {
}
