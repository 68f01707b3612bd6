package app.tableloop.ordering;

import app.tableloop.platform.refusal.Refusal;

/**
 * The refusals of tabs, carts, orders and the kitchen, in Simplified Chinese first (those whose words name a dish or
 * an order's state are made by the methods below).
 */
public enum OrderingRefusal implements Refusal.Listed {
  TAB_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "tab_not_found", "找不到这桌的点单", "No such tab")),
  TAB_CLOSED(Refusal.of(Kind.CONFLICT, "tab_closed", "这桌已结束点单，请重新扫码",
      "This tab is closed; scan the table again")),
  STALE_CART(Refusal.of(Kind.CONFLICT, "stale_cart", "购物车已被同桌更新，请刷新后再试",
      "Someone at the table changed the cart; refresh and try again").at("cart_version")),
  CART_EMPTY(Refusal.of(Kind.INVALID, "cart_empty", "购物车是空的", "The cart is empty")),
  LINE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "cart_line_not_found", "购物车里没有这一项",
      "No such line in the cart").at("line")),
  UNKNOWN_DISH(Refusal.of(Kind.NOT_FOUND, "dish_not_found", "菜单上没有这道菜",
      "No such dish on this store's menu").at("dish_id")),
  STORE_CLOSED(Refusal.of(Kind.CONFLICT, "store_closed", "门店现在不营业", "The store is closed now")),
  TABLE_INACTIVE(Refusal.of(Kind.CONFLICT, "table_inactive", "这张桌台暂停使用，请联系店员",
      "This table is out of service; please ask the staff")),
  IDEMPOTENCY_KEY_REUSED(Refusal.of(Kind.CONFLICT, "idempotency_key_reused",
      "重复提交的内容与第一次不同", "This idempotency key was used for a different order").at("idempotency_key")),
  SCAN_REQUIRED(Refusal.of(Kind.FORBIDDEN, "scan_required", "请先扫描桌上的二维码",
      "Scan the code on the table first").at("scan_token")),
  SCAN_INVALID(Refusal.of(Kind.FORBIDDEN, "scan_invalid", "扫码凭证不属于这张桌台，请重新扫描桌上的二维码",
      "This scan is not of this table; scan the code on the table again").at("scan_token")),
  SCAN_EXPIRED(Refusal.of(Kind.FORBIDDEN, "scan_expired", "扫码已超过 10 分钟，请重新扫描桌上的二维码",
      "The scan is more than 10 minutes old; scan the code on the table again").at("scan_token")),
  ORDER_IN_PROGRESS(Refusal.of(Kind.CONFLICT, "order_in_progress", "这笔订单正在提交，请稍后刷新",
      "This order is still being placed; refresh in a moment").at("idempotency_key")),
  ORDER_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "order_not_found", "找不到这个订单", "No such order")),
  ITEM_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "order_item_not_found", "订单里没有这道菜",
      "No such item in the order").at("item")),
  HURRIED_RECENTLY(Refusal.of(Kind.TOO_MANY, "hurried_recently", "已经催过了，厨房正在加紧制作",
      "Already hurried; the kitchen is on it")),
  WEBSOCKET_REQUIRED(Refusal.of(Kind.INVALID, "websocket_required",
      "请用 WebSocket 连接（wx.connectSocket）", "Connect with a WebSocket (wx.connectSocket)")),
  NOTES_REFUSED(Refusal.of(Kind.INVALID, "notes_refused", "备注含有不适宜的内容，请修改后再提交",
      "The notes contain words that cannot be passed on; change them and submit again").at("notes")),
  NOTES_UNCHECKED(Refusal.of(Kind.UPSTREAM_FAILED, "wechat_unavailable", "暂时无法检查备注，请稍后再试，或去掉备注再提交",
      "The notes cannot be checked now; try again later, or submit without them"));

  private final Refusal words;

  OrderingRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }

  static Refusal cannotMove(OrderStatus from, OrderStatus to) {
    return Refusal.of(Kind.CONFLICT, "order_state_conflict",
        "订单当前状态（" + from.wireName() + "）不能改为 " + to.wireName(),
        "The order is " + from.wireName() + " and cannot become " + to.wireName());
  }

  /** The last portions went to another order while this one was placed. */
  static Refusal soldOut(String dishName) {
    return Refusal.of(Kind.CONFLICT, "sold_out", dishName + " 已售罄", dishName + " is sold out").at("dish");
  }
}
