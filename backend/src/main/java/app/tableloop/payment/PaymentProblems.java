package app.tableloop.payment;

import app.tableloop.platform.http.Problem;

/** The refusals of payments, in Simplified Chinese first. */
final class PaymentProblems {
  static final Problem ORDER_NOT_FOUND = Problem.of(404, "order_not_found", "找不到这个订单", "No such order");
  static final Problem NOT_AWAITING_PAYMENT = Problem.of(409, "order_not_awaiting_payment", "这个订单不需要支付",
      "This order is not awaiting payment");
  static final Problem WECHAT_PAY_UNAVAILABLE = Problem.of(502, "wechat_pay_unavailable",
      "微信支付暂时不可用，请稍后再试", "WeChat Pay is unavailable; try again shortly");
  static final Problem NOTIFICATION_UNVERIFIED = Problem.of(401, "notification_unverified",
      "通知的签名验证失败", "The notification's signature does not verify");
  static final Problem NOTIFICATION_STALE = Problem.of(401, "notification_stale",
      "通知的时间戳与当前时间相差超过 5 分钟", "The notification's timestamp is more than 5 minutes off");
  static final Problem PAYMENT_MISMATCH = Problem.of(409, "payment_mismatch",
      "微信支付的交易与我们的支付单不符", "The WeChat Pay transaction does not match our payment");

  private PaymentProblems() {
  }
}
