package app.tableloop.ordering;

import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.DishStock;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.ZoneId;
import java.util.UUID;

/** What payment needs from ordering when an order's payment expired: cancel the order and give its portions back. */
public final class UnpaidOrders {
  private final Orders orders;
  private final DishStock stock;
  private final PaidOrders paidOrders;

  public UnpaidOrders(Orders orders, DishStock stock, PaidOrders paidOrders) {
    this.orders = orders;
    this.stock = stock;
    this.paidOrders = paidOrders;
  }

  /**
   * In the caller's tenant transaction: cancels the order if it still awaits payment, returning its stock to the
   * business day it was taken from; false when it no longer awaited payment.
   */
  public Future<Boolean> cancel(SqlClient sql, UUID tenantId, Order order, ZoneId storeZone, String reason) {
    return orders.move(sql, tenantId, order.id(), OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED, reason)
        .compose(cancelled -> {
          if (!cancelled) {
            return Future.succeededFuture(false);
          }
          var day = BusinessDay.of(order.placedAt().toInstant(), storeZone);
          Future<Void> chain = Future.succeededFuture();
          for (Order.Item item : order.items()) {
            chain = chain.compose(previous -> stock.giveBack(sql, tenantId, item.dishId(), item.quantity(), day));
          }
          return chain.map(true);
        });
  }

  /** After commit: the kitchen and the table see the order as it is now. */
  public void announce(UUID tenantId, Order order) {
    paidOrders.announceChanged(tenantId, order);
  }
}
