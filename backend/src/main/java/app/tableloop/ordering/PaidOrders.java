package app.tableloop.ordering;

import app.tableloop.platform.database.Database;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What payment needs from ordering once an order is paid: the order as clients see it, and telling everyone. */
public final class PaidOrders {
  private final Database database;
  private final Tabs tabs;
  private final TabService tabService;
  private final OrderingEvents events;

  public PaidOrders(Database database, Tabs tabs, TabService tabService, OrderingEvents events) {
    this.database = database;
    this.tabs = tabs;
    this.tabService = tabService;
    this.events = events;
  }

  public static JsonObject json(Order order) {
    return OrderingJson.order(order);
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
