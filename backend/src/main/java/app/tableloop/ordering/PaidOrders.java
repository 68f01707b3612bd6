package app.tableloop.ordering;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;

/**
 * What payment needs from ordering once an order or a tab is paid: what is still to pay, marking orders paid, the order
 * as clients see it, and telling everyone.
 */
public final class PaidOrders {
  private final Database database;
  private final Tabs tabs;
  private final Orders orders;
  private final TabService tabService;
  private final OrderingEvents events;

  public PaidOrders(Database database, Tabs tabs, Orders orders, TabService tabService, OrderingEvents events) {
    this.database = database;
    this.tabs = tabs;
    this.orders = orders;
    this.tabService = tabService;
    this.events = events;
  }

  public static JsonObject json(Order order) {
    return OrderingJson.order(order);
  }

  /** In the caller's tenant transaction: the tab's orders still to be paid, oldest first. */
  public Future<List<Order>> unpaidOfTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return orders.unpaidOfTab(sql, tenantId, storeId, tabId);
  }

  /** In the caller's tenant transaction: the order was paid by the payment. */
  public Future<Void> markPaid(SqlClient sql, UUID tenantId, UUID orderId, UUID paymentId) {
    return orders.markPaid(sql, tenantId, List.of(orderId), paymentId).mapEmpty();
  }

  /**
   * In the caller's tenant transaction: the payment paid these orders of the tab, all of them or none (false when one
   * was paid otherwise or ended meanwhile). A tab left with nothing to pay is closed as paid, so its table is free.
   */
  public Future<Boolean> settleTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, List<UUID> orderIds,
                                   UUID paymentId) {
    // The tab's lock queues two payments of the same tab, so that only one of them marks its orders.
    return tabs.lock(sql, tenantId, storeId, tabId)
        .compose(locked -> orders.markPaid(sql, tenantId, orderIds, paymentId))
        .compose(marked -> !marked ? Future.succeededFuture(false)
            : orders.unpaidOfTab(sql, tenantId, storeId, tabId)
                .compose(unpaid -> unpaid.isEmpty() ? tabs.close(sql, tenantId, storeId, tabId, null, "paid")
                    : Future.succeededFuture(false))
                .map(true));
  }

  /** After commit: the tab's diners see it as it is now (closed once paid). */
  public void announceTabPaid(UUID tenantId, UUID storeId, UUID tabId) {
    database.inTenant(tenantId, sql -> tabs.find(sql, tenantId, storeId, tabId)
            .compose(tab -> tabService.state(sql, tenantId, storeId, tab.orElseThrow())))
        .onSuccess(state -> events.tabChanged(tabId, state));
  }

  /** A paid order reached the kitchen: its feed gets the order, the table its tab's new state. */
  public void announcePlaced(UUID tenantId, Order order) {
    announce(tenantId, order, "order_placed");
  }

  void announceChanged(UUID tenantId, Order order) {
    announce(tenantId, order, "order_updated");
  }

  private void announce(UUID tenantId, Order order, String type) {
    events.kitchenOrder(order.storeId(), type, OrderingJson.order(order));
    database.inTenant(tenantId, sql -> tabs.find(sql, tenantId, order.storeId(), order.tabId())
            .compose(tab -> tabService.state(sql, tenantId, order.storeId(), tab.orElseThrow())))
        .onSuccess(state -> events.tabChanged(order.tabId(), state));
  }
}
