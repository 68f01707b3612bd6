package app.tableloop.ordering;

import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.DishStock;
import app.tableloop.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What follows an order that ended unpaid or refused (cancelled, rejected, or released when its payment closed), in
 * the transaction that ended it: its portions back on sale for the business day they were taken from, and the event
 * {@code order.ended} for what else it held (a coupon it redeemed).
 */
final class OrderEndings {
  static final String ORDER_ENDED = "order.ended";

  private final DishStock stock;
  private final Outbox outbox;

  OrderEndings(DishStock stock, Outbox outbox) {
    this.stock = stock;
    this.outbox = outbox;
  }

  Future<Void> ended(SqlClient sql, UUID tenantId, Order order, OrderStatus status, ZoneId storeZone) {
    LocalDate day = BusinessDay.of(order.placedAt().toInstant(), storeZone);
    Future<Void> chain = Future.succeededFuture();
    for (Order.Item item : order.items()) {
      chain = chain.compose(previous -> stock.giveBack(sql, tenantId, item.dishId(), item.quantity(), day));
    }
    return chain.compose(given -> outbox.append(sql, tenantId, ORDER_ENDED, new JsonObject()
        .put("order_id", order.id().toString())
        .put("store_id", order.storeId().toString())
        .put("tab_id", order.tabId().toString())
        .put("status", status.wireName())));
  }
}
