package app.tableloop.ordering;

import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Ordering's side of {@link PayableOrders}, built on ordering's repositories alone (no service of ordering). */
final class OrderingForPayment implements PayableOrders {
  private final Stores stores;
  private final Tabs tabs;
  private final Orders orders;
  private final OrderEndings endings;
  private final Diners diners;
  private final TabStates tabStates;
  private final OrderingEvents events;

  OrderingForPayment(Stores stores, Tabs tabs, Orders orders, OrderEndings endings, Diners diners,
                     TabStates tabStates, OrderingEvents events) {
    this.stores = stores;
    this.tabs = tabs;
    this.orders = orders;
    this.endings = endings;
    this.diners = diners;
    this.tabStates = tabStates;
    this.events = events;
  }

  @Override
  public Future<Optional<Order>> order(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId) {
    return orders.find(sql, tenantId, storeId, orderId);
  }

  @Override
  public Future<Optional<Order>> dinersOrder(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID orderId,
                                             UUID userId) {
    return diners.order(sql, tenantId, storeId, tabId, orderId, userId);
  }

  @Override
  public Future<Optional<Tab>> tab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return tabs.find(sql, tenantId, storeId, tabId);
  }

  @Override
  public Future<Optional<Tab>> dinersTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId) {
    return diners.tab(sql, tenantId, storeId, tabId, userId);
  }

  @Override
  public Future<List<Order>> unpaidOfTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return orders.unpaidOfTab(sql, tenantId, storeId, tabId);
  }

  @Override
  public Future<Optional<Order>> placePaid(SqlClient sql, UUID tenantId, UUID orderId, UUID paymentId) {
    return orders.placePaid(sql, tenantId, orderId, paymentId);
  }

  @Override
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

  @Override
  public Future<Optional<Order>> release(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId, String reason) {
    return stores.find(sql, tenantId, storeId).map(Optional::orElseThrow)
        .compose(store -> orders.find(sql, tenantId, storeId, orderId).map(Optional::orElseThrow)
            .compose(order -> orders.move(sql, tenantId, orderId, OrderStatus.AWAITING_PAYMENT,
                    OrderStatus.CANCELLED, reason)
                .compose(cancelled -> !cancelled ? Future.succeededFuture(false)
                    : endings.ended(sql, tenantId, order, OrderStatus.CANCELLED, store.timeZone()).map(true))))
        .compose(cancelled -> !cancelled ? Future.succeededFuture(Optional.<Order>empty())
            : orders.find(sql, tenantId, storeId, orderId));
  }

  @Override
  public Future<JsonObject> tabState(SqlClient sql, UUID tenantId, UUID storeId, Tab tab) {
    return tabStates.of(sql, tenantId, storeId, tab.id(), Optional.empty()).map(Optional::orElseThrow);
  }

  @Override
  public void announcePlaced(UUID tenantId, Order order) {
    announce(tenantId, order, "order_placed");
  }

  @Override
  public void announceChanged(UUID tenantId, Order order) {
    announce(tenantId, order, "order_updated");
  }

  @Override
  public void announceTabPaid(UUID tenantId, UUID storeId, UUID tabId) {
    announceTab(tenantId, storeId, tabId);
  }

  private void announce(UUID tenantId, Order order, String type) {
    events.kitchenOrder(order.storeId(), type, OrderingJson.order(order));
    announceTab(tenantId, order.storeId(), order.tabId());
  }

  private void announceTab(UUID tenantId, UUID storeId, UUID tabId) {
    events.tabChanged(tabId, () -> tabStates.read(tenantId, storeId, tabId));
  }

  @Override
  public JsonObject json(Order order) {
    return OrderingJson.order(order);
  }
}
