package app.tableloop.payment;

import app.tableloop.platform.http.Problem;

/** The refusals of payments, in Simplified Chinese first. */
final class PaymentProblems {
  static final Problem ORDER_NOT_FOUND = Problem.of(404, "order_not_found", "找不到这个订单", "No such order");
  static final Problem NOT_AWAITING_PAYMENT = Problem.of(409, "order_not_awaiting_payment", "这个订单不需要支付",
      "This order is not awaiting payment");
  static final Problem TAB_NOT_FOUND = Problem.of(404, "tab_not_found", "找不到这桌的点单", "No such tab");
  static final Problem TAB_NOT_OPEN = Problem.of(409, "tab_not_open", "这桌已经结束，不能再付款",
      "This tab is closed; it takes no payment");
  static final Problem NOTHING_TO_PAY = Problem.of(409, "nothing_to_pay", "这桌没有待付款的订单",
      "This tab has no unpaid orders");
  static final Problem PAID_WITH_WECHAT = Problem.of(409, "paid_with_wechat",
      "顾客已用微信支付付款，请勿再收款", "The diner has already paid with WeChat Pay; take no money at the counter");
  static final Problem WECHAT_PAY_UNAVAILABLE = Problem.of(502, "wechat_pay_unavailable",
      "微信支付暂时不可用，请稍后再试", "WeChat Pay is unavailable; try again shortly");
  static final Problem NOTIFICATION_UNVERIFIED = Problem.of(401, "notification_unverified",
      "通知的签名验证失败", "The notification's signature does not verify");
  static final Problem NOTIFICATION_STALE = Problem.of(401, "notification_stale",
      "通知的时间戳与当前时间相差超过 5 分钟", "The notification's timestamp is more than 5 minutes off");
  static final Problem PAYMENT_MISMATCH = Problem.of(409, "payment_mismatch",
      "微信支付的交易与我们的支付单不符", "The WeChat Pay transaction does not match our payment");
  static final Problem STAFF_MAY_NOT_REFUND = Problem.of(403, "staff_may_not_refund", "店主未允许店员退款",
      "The owner has not allowed staff to refund");
  static final Problem ORDER_NOT_PAID = Problem.of(409, "order_not_paid", "这个订单还没有付款，无可退款",
      "This order has not been paid; there is nothing to refund");
  static final Problem REFUND_KEY_REUSED = Problem.of(409, "idempotency_key_reused",
      "这个幂等键已用于另一笔退款", "This idempotency key was used for another refund");
  static final Problem WECHAT_REFUND_REFUSED = Problem.of(502, "wechat_refund_refused",
      "微信支付拒绝了这笔退款，金额未退出", "WeChat Pay refused the refund; no money was returned");
  static final Problem REFUND_MISMATCH = Problem.of(409, "refund_mismatch",
      "微信支付的退款与我们的退款单不符", "The WeChat Pay refund does not match our refund");

  private PaymentProblems() {
  }

  /** More than can still be refunded: the message names what can. */
  static Problem overRefund(long refundableFen) {
    return Problem.of(409, "refund_exceeds_refundable",
        "退款金额超过可退金额，最多还可退 " + String.format(java.util.Locale.ROOT, "%d.%02d", refundableFen / 100, refundableFen % 100) + " 元（" + refundableFen + " 分）",
        "The refund exceeds what can still be refunded: at most " + refundableFen + " fen").atField("amount_fen");
  }
}
