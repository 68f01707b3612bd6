package app.tableloop.ordering;

import app.tableloop.platform.http.Problem;

/** The refusals of tabs, carts and orders, in Simplified Chinese first. */
final class OrderingProblems {
  static final Problem TAB_NOT_FOUND = Problem.of(404, "tab_not_found", "找不到这桌的点单", "No such tab");
  static final Problem TAB_CLOSED = Problem.of(409, "tab_closed", "这桌已结束点单，请重新扫码",
      "This tab is closed; scan the table again");
  static final Problem STALE_CART = Problem.of(409, "stale_cart", "购物车已被同桌更新，请刷新后再试",
      "Someone at the table changed the cart; refresh and try again").atField("cart_version");
  static final Problem CART_EMPTY = Problem.of(400, "cart_empty", "购物车是空的", "The cart is empty");
  static final Problem LINE_NOT_FOUND = Problem.of(404, "cart_line_not_found", "购物车里没有这一项",
      "No such line in the cart").atField("line");
  static final Problem STORE_CLOSED = Problem.of(409, "store_closed", "门店现在不营业", "The store is closed now");
  static final Problem TABLE_INACTIVE = Problem.of(409, "table_inactive", "这张桌台暂停使用，请联系店员",
      "This table is out of service; please ask the staff");
  static final Problem IDEMPOTENCY_KEY_REUSED = Problem.of(409, "idempotency_key_reused",
      "重复提交的内容与第一次不同", "This idempotency key was used for a different order").atField("idempotency_key");
  static final Problem SCAN_REQUIRED = Problem.of(403, "scan_required", "请先扫描桌上的二维码",
      "Scan the code on the table first").atField("scan_token");
  static final Problem SCAN_INVALID = Problem.of(403, "scan_invalid", "扫码凭证不属于这张桌台，请重新扫描桌上的二维码",
      "This scan is not of this table; scan the code on the table again").atField("scan_token");
  static final Problem SCAN_EXPIRED = Problem.of(403, "scan_expired", "扫码已超过 10 分钟，请重新扫描桌上的二维码",
      "The scan is more than 10 minutes old; scan the code on the table again").atField("scan_token");
  static final Problem ORDER_IN_PROGRESS = Problem.of(409, "order_in_progress", "这笔订单正在提交，请稍后刷新",
      "This order is still being placed; refresh in a moment").atField("idempotency_key");
  static final Problem ORDER_NOT_FOUND = Problem.of(404, "order_not_found", "找不到这个订单", "No such order");
  static final Problem ITEM_NOT_FOUND = Problem.of(404, "order_item_not_found", "订单里没有这道菜",
      "No such item in the order").atField("item");
  static final Problem HURRIED_RECENTLY = Problem.of(429, "hurried_recently", "已经催过了，厨房正在加紧制作",
      "Already hurried; the kitchen is on it");

  private OrderingProblems() {
  }

  static Problem cannotMove(OrderStatus from, OrderStatus to) {
    return Problem.of(409, "order_state_conflict", "订单当前状态（" + from.wireName() + "）不能改为 " + to.wireName(),
        "The order is " + from.wireName() + " and cannot become " + to.wireName());
  }

  static Problem soldOut(String dishName) {
    return Problem.of(409, "sold_out", dishName + " 已售罄", dishName + " is sold out").atField("dish");
  }
}
