package app.tableloop.notice;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of recording subscribe-message answers, in Simplified Chinese first. */
public enum NoticeRefusal implements Refusal.Listed {
  TEMPLATE_UNKNOWN(Refusal.of(Kind.INVALID, "subscribe_template_unknown", "不是本小程序的订阅消息模板",
      "This is not one of our subscribe-message templates").at("results")),
  ORDER_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "order_not_found", "找不到这笔订单", "No such order at this store")
      .at("order_id"));

  private final Refusal words;

  NoticeRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
