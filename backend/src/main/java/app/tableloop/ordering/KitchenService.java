package app.tableloop.ordering;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.ordering.ticket.KitchenTicket;
import app.tableloop.ordering.ticket.PaperWidth;
import app.tableloop.ordering.ticket.TicketLine;
import app.tableloop.ordering.ticket.TicketOrder;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.outbox.Outbox;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.OrderingMode;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the kitchen and the floor staff do with orders: see the live ones, accept or reject, serve item by item,
 * cancel what is unpaid (its stock and whatever else it held return), print tickets, close tabs. Diners may hurry an
 * order. Every change is pushed to the store's kitchen feed and to the order's table.
 */
public final class KitchenService {
  private static final int HURRY_EVERY_MINUTES = 2;
  /** The outbox topic of an order whose last dish was just served: {@code order_id, store_id, number}. */
  static final String ORDER_SERVED = "order.served";

  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final Tabs tabs;
  private final Orders orders;
  private final OrderEndings endings;
  private final TabStates tabStates;
  private final Diners diners;
  private final OrderingEvents events;
  private final Outbox outbox;

  KitchenService(Database database, Stores stores, DiningTables tables, Tabs tabs, Orders orders,
                  OrderEndings endings, TabStates tabStates, Diners diners, OrderingEvents events, Outbox outbox) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.tabs = tabs;
    this.orders = orders;
    this.endings = endings;
    this.tabStates = tabStates;
    this.diners = diners;
    this.events = events;
    this.outbox = outbox;
  }

  /** The orders the kitchen works on now, oldest first. */
  public Future<List<Order>> liveOrders(Access access) {
    return database.inTenant(access.tenantId(), sql -> orders.inKitchen(sql, access.tenantId(), access.storeId()));
  }

  public Future<List<OpenTab>> openTabs(Access access) {
    return database.inTenant(access.tenantId(), sql -> tabs.open(sql, access.tenantId(), access.storeId()));
  }

  public Future<Order> accept(Access access, UUID orderId) {
    return move(access, orderId, OrderStatus.ACCEPTED, null);
  }

  /** Rejecting gives the portions back; for a paid order the refund is the payment's business. */
  public Future<Order> reject(Access access, UUID orderId, String reason) {
    return move(access, orderId, OrderStatus.REJECTED, reason);
  }

  /** Only an unpaid order can be cancelled: awaiting payment, or any open order of an eat-first store. */
  public Future<Order> cancel(Access access, UUID orderId, String reason) {
    return move(access, orderId, OrderStatus.CANCELLED, reason);
  }

  /** Marks one item served; the order is served once all of its items are. */
  public Future<Order> serveItem(Access access, UUID orderId, UUID itemId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> order(sql, access, orderId)
            .compose(order -> order.status() == OrderStatus.ACCEPTED ? Future.succeededFuture(order)
                : Refusals.<Order>refuse(OrderingRefusal.cannotMove(order.status(), OrderStatus.SERVED)))
            .compose(order -> orders.serveItem(sql, tenantId, orderId, itemId))
            .compose(allServed -> allServed.isEmpty() ? Refusals.<Boolean>refuse(OrderingRefusal.ITEM_NOT_FOUND)
                : allServed.get() ? orders.move(sql, tenantId, orderId, OrderStatus.ACCEPTED, OrderStatus.SERVED, null)
                : Future.succeededFuture(false))
            .compose(moved -> order(sql, access, orderId)
                .compose(order -> moved ? served(sql, tenantId, order) : Future.succeededFuture(order))))
        .onSuccess(order -> announce(access, order, "order_updated"));
  }

  /** Announces, with the change, that the order's last dish was served (the diner may have asked to be told). */
  private Future<Order> served(SqlClient sql, UUID tenantId, Order order) {
    return outbox.append(sql, tenantId, ORDER_SERVED, new JsonObject()
            .put("order_id", order.id().toString())
            .put("store_id", order.storeId().toString())
            .put("number", order.number()))
        .map(order);
  }

  /** A diner's 催单: reaches the kitchen feed, at most every two minutes per order. */
  public Future<Order> hurry(Access access, UUID tabId, UUID orderId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> diners.order(sql, tenantId, access.storeId(), tabId, orderId,
                access.user().userId())
            .compose(order -> order.isPresent() ? Future.succeededFuture(order.get())
                : Refusals.<Order>refuse(OrderingRefusal.ORDER_NOT_FOUND))
            .compose(order -> orders.hurry(sql, tenantId, orderId, HURRY_EVERY_MINUTES))
            .compose(hurried -> hurried ? order(sql, access, orderId)
                : Refusals.<Order>refuse(OrderingRefusal.HURRIED_RECENTLY)))
        .onSuccess(order -> events.kitchenOrder(order.storeId(), "order_hurried", OrderingJson.order(order)));
  }

  public Future<Void> closeTab(Access access, UUID tabId) {
    return database.inTenant(access.tenantId(), sql -> tabs.close(sql, access.tenantId(), access.storeId(), tabId,
            access.user().userId(), "staff")
            .compose(closed -> closed ? tabStates.of(sql, access.tenantId(), access.storeId(), tabId, Optional.empty())
                .map(Optional::orElseThrow) : Refusals.<JsonObject>refuse(OrderingRefusal.TAB_NOT_FOUND)))
        .onSuccess(state -> events.tabChanged(tabId, state))
        .mapEmpty();
  }

  /** The order as a plain-text ticket for a 58 mm or 80 mm receipt printer. */
  public Future<String> ticket(Access access, UUID orderId, PaperWidth paper) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> order(sql, access, orderId)
        .compose(order -> stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
            .compose(store -> tables.find(sql, tenantId, store.id(), order.tableId()).map(Optional::orElseThrow)
                .compose(table -> orders.ofTab(sql, tenantId, order.tabId()).map(all -> KitchenTicket.render(
                    new TicketOrder(store.name(), order.number(), table.name(),
                        order.placedAt().atZoneSameInstant(store.timeZone()), order.headCount(), order.notes(),
                        order.items().stream().map(item -> new TicketLine(item.dishName(), item.choices(),
                            item.quantity())).toList(),
                        !all.get(0).id().equals(order.id())),
                    paper))))));
  }

  private Future<Order> move(Access access, UUID orderId, OrderStatus to, String reason) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> order(sql, access, orderId)
            .compose(order -> stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
                .compose(store -> allowed(order, to, store) ? orders.move(sql, tenantId, orderId, order.status(), to,
                        reason)
                    .compose(moved -> moved ? ended(sql, tenantId, order, to, store)
                        : Refusals.<Void>refuse(OrderingRefusal.cannotMove(order.status(), to)))
                    : Refusals.<Void>refuse(OrderingRefusal.cannotMove(order.status(), to))))
            .compose(moved -> order(sql, access, orderId)))
        .onSuccess(order -> announce(access, order, "order_updated"));
  }

  private static boolean allowed(Order order, OrderStatus to, Store store) {
    if (to == OrderStatus.CANCELLED && order.status() != OrderStatus.AWAITING_PAYMENT
        && store.orderingMode() != OrderingMode.EAT_FIRST) {
      return false;
    }
    return order.status().mayBecome(to);
  }

  private Future<Void> ended(SqlClient sql, UUID tenantId, Order order, OrderStatus to, Store store) {
    return to == OrderStatus.REJECTED || to == OrderStatus.CANCELLED
        ? endings.ended(sql, tenantId, order, to, store.timeZone()) : Future.succeededFuture();
  }

  private Future<Order> order(SqlClient sql, Access access, UUID orderId) {
    return orders.find(sql, access.tenantId(), access.storeId(), orderId)
        .compose(order -> order.map(Future::succeededFuture)
            .orElseGet(() -> refuse(OrderingRefusal.ORDER_NOT_FOUND)));
  }

  private void announce(Access access, Order order, String type) {
    events.kitchenOrder(order.storeId(), type, OrderingJson.order(order));
    events.tabChanged(order.tabId(), () -> tabStates.read(access.tenantId(), access.storeId(), order.tabId()));
  }
}
