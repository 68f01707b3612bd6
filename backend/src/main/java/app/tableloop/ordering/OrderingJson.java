package app.tableloop.ordering;

import app.tableloop.menu.PricedLine;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.http.WireTime;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tabs, carts and orders as the API and the live channels send them. */
final class OrderingJson {
  /**
   * Orders by identity, each with its JSON; an order no tab holds any more is dropped with it. A tab's answer looks
   * up each order it carries: the cache's upkeep runs on the reading thread, not handed to another thread (and its
   * wake-up) up to twenty times per request.
   */
  private static final Cache<Order, EncodedJson> ENCODED = Caffeine.newBuilder().weakKeys().maximumSize(100_000)
      .executor(Runnable::run).build();

  private OrderingJson() {
  }

  /** A tab with its cart priced from today's menu, its totals, and its latest orders. */
  static JsonObject tab(Tab tab, List<CartLine> cart, CartPricing.Outcome pricing, List<Order> orders) {
    JsonArray lines = new JsonArray();
    for (int i = 0; i < cart.size(); i++) {
      CartLine line = cart.get(i);
      JsonObject json = new JsonObject()
          .put("id", line.id().toString())
          .put("dish_id", line.dishId().toString())
          .put("choice_ids", new JsonArray(line.choiceIds().stream().map(UUID::toString).toList()))
          .put("quantity", line.quantity())
          .put("added_by", line.addedBy().toString());
      if (pricing.priced()) {
        PricedLine priced = pricing.lines().get(i);
        json.put("dish_name", priced.dish().name())
            .put("choices", new JsonArray(priced.choices().stream().map(choice -> choice.name()).toList()))
            .put("unit_price_fen", priced.unitPriceFen())
            .put("line_total_fen", priced.totalFen());
      }
      lines.add(json);
    }
    JsonObject cartJson = new JsonObject().put("version", tab.cartVersion()).put("lines", lines);
    if (pricing.priced()) {
      cartJson.put("total_fen", pricing.totalFen());
    } else {
      // Something in the cart can no longer be ordered; say what, so the table can fix it before submitting.
      cartJson.put("problem", Refusals.problem(pricing.refusal()).toJson(null));
    }
    return new JsonObject()
        .put("id", tab.id().toString())
        .put("store_id", tab.storeId().toString())
        .put("table_id", tab.tableId().toString())
        .put("status", tab.open() ? "open" : "closed")
        .put("cart", cartJson)
        .put("due_fen", orders.stream().filter(Order::dueWithTab).mapToLong(Order::totalFen).sum())
        .put("paid_fen", orders.stream().mapToLong(order -> order.payment().paidFen()).sum())
        .put("refunded_fen", orders.stream().mapToLong(order -> order.payment().refundedFen()).sum())
        .put("billed_fen", orders.stream().filter(Order::billed).mapToLong(Order::totalFen).sum())
        .put("orders_count", orders.size())
        .put("orders", encoded(TabHistory.latest(orders)));
  }

  /** A page of a tab's orders. */
  static JsonObject ordersPage(TabHistory.Page page) {
    return new JsonObject().put("orders", encoded(page.orders())).put("more", page.more());
  }

  /**
   * The orders, each written into the answer as it was encoded before. A tab is read on every change anyone at the
   * table makes, and its orders are then mostly the very same objects ({@link TabOrders} keeps them): each is encoded
   * once, not on every read, and kept as UTF-8 bytes (the dish names are multi-byte), which an answer copies rather
   * than encoding the text again.
   */
  private static JsonArray encoded(List<Order> orders) {
    JsonArray array = new JsonArray(new ArrayList<>(orders.size()));
    for (Order order : orders) {
      array.add(new RawValue(ENCODED.get(order, o -> new EncodedJson(order(o).encode()))));
    }
    return array;
  }

  /** An open tab as the counter sees it. */
  static JsonObject openTab(OpenTab tab) {
    return new JsonObject()
        .put("id", tab.id().toString())
        .put("table_id", tab.tableId().toString())
        .put("table_code", tab.tableCode())
        .put("table_name", tab.tableName())
        .put("opened_at", WireTime.of(tab.openedAt()))
        .put("due_fen", tab.dueFen())
        .put("awaiting_payment", new JsonArray(tab.awaitingPayment().stream().map(order -> new JsonObject()
            .put("order_id", order.orderId().toString())
            .put("number", order.number())
            .put("total_fen", order.totalFen())).toList()));
  }

  static JsonObject order(Order order) {
    return new JsonObject()
        .put("id", order.id().toString())
        .put("store_id", order.storeId().toString())
        .put("tab_id", order.tabId().toString())
        .put("table_id", order.tableId().toString())
        .put("number", order.number())
        .put("status", order.status().wireName())
        .put("head_count", order.headCount())
        .put("notes", order.notes())
        .put("subtotal_fen", order.subtotalFen())
        .put("discount_fen", order.discountFen())
        .put("adjustments", Orders.adjustmentsJson(order.adjustments()))
        .put("total_fen", order.totalFen())
        .put("placed_at", WireTime.of(order.placedAt()))
        .put("hurried_at", WireTime.of(order.hurriedAt()))
        .put("end_reason", order.endReason())
        .put("paid", order.paid())
        .put("payment", payment(order.payment()))
        .put("items", new JsonArray(order.items().stream().map(item -> new JsonObject()
            .put("id", item.id().toString())
            .put("dish_id", item.dishId().toString())
            .put("dish_name", item.dishName())
            .put("choices", new JsonArray(item.choices()))
            .put("unit_price_fen", item.unitPriceFen())
            .put("quantity", item.quantity())
            .put("added_by", item.addedBy().toString())
            .put("served", item.servedAt() != null)).toList()));
  }

  /** An order's payment state, the same in every answer and live message that carries the order. */
  static JsonObject payment(OrderPayment payment) {
    return new JsonObject()
        .put("state", payment.state().wireName())
        .put("method", payment.method())
        .put("paid_at", WireTime.of(payment.paidAt()))
        .put("paid_fen", payment.paidFen())
        .put("refunded_fen", payment.refundedFen());
  }
}
