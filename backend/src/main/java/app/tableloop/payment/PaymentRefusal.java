package app.tableloop.payment;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of payments, in Simplified Chinese first; what they are, never how HTTP answers them. */
public enum PaymentRefusal implements Refusal {
  ORDER_NOT_FOUND(Kind.NOT_FOUND, "order_not_found", "找不到这个订单", "No such order"),
  NOT_AWAITING_PAYMENT(Kind.CONFLICT, "order_not_awaiting_payment", "这个订单不需要支付",
      "This order is not awaiting payment"),
  TAB_NOT_FOUND(Kind.NOT_FOUND, "tab_not_found", "找不到这桌的点单", "No such tab"),
  TAB_NOT_OPEN(Kind.CONFLICT, "tab_not_open", "这桌已经结束，不能再付款", "This tab is closed; it takes no payment"),
  STORED_VALUE_CHANGED(Kind.CONFLICT, "stored_value_changed", "储值余额已变化，请重新选择付款方式",
      "The stored-value balance changed meanwhile; choose how to pay again"),
  NOTHING_TO_PAY(Kind.CONFLICT, "nothing_to_pay", "这桌没有待付款的订单", "This tab has no unpaid orders"),
  PAID_WITH_WECHAT(Kind.CONFLICT, "paid_with_wechat", "顾客已用微信支付付款，请勿再收款",
      "The diner has already paid with WeChat Pay; take no money at the counter"),
  WECHAT_PAY_UNAVAILABLE(Kind.UPSTREAM_FAILED, "wechat_pay_unavailable", "微信支付暂时不可用，请稍后再试",
      "WeChat Pay is unavailable; try again shortly"),
  NOTIFICATION_UNVERIFIED(Kind.UNAUTHENTICATED, "notification_unverified", "通知的签名验证失败",
      "The notification's signature does not verify"),
  NOTIFICATION_STALE(Kind.UNAUTHENTICATED, "notification_stale", "通知的时间戳与当前时间相差超过 5 分钟",
      "The notification's timestamp is more than 5 minutes off"),
  PAYMENT_MISMATCH(Kind.CONFLICT, "payment_mismatch", "微信支付的交易与我们的支付单不符",
      "The WeChat Pay transaction does not match our payment"),
  STAFF_MAY_NOT_REFUND(Kind.FORBIDDEN, "staff_may_not_refund", "店主未允许店员退款",
      "The owner has not allowed staff to refund"),
  ORDER_NOT_PAID(Kind.CONFLICT, "order_not_paid", "这个订单还没有付款，无可退款",
      "This order has not been paid; there is nothing to refund"),
  REFUND_KEY_REUSED(Kind.CONFLICT, "idempotency_key_reused", "这个幂等键已用于另一笔退款",
      "This idempotency key was used for another refund"),
  WECHAT_REFUND_REFUSED(Kind.UPSTREAM_FAILED, "wechat_refund_refused", "微信支付拒绝了这笔退款，金额未退出",
      "WeChat Pay refused the refund; no money was returned"),
  REFUND_MISMATCH(Kind.CONFLICT, "refund_mismatch", "微信支付的退款与我们的退款单不符",
      "The WeChat Pay refund does not match our refund");

  private final Kind kind;
  private final String code;
  private final String message;
  private final String messageEn;

  PaymentRefusal(Kind kind, String code, String message, String messageEn) {
    this.kind = kind;
    this.code = code;
    this.message = message;
    this.messageEn = messageEn;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String message() {
    return message;
  }

  @Override
  public String messageEn() {
    return messageEn;
  }
}
