package app.tableloop.ordering;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;

/**
 * The diner check: what of a tab a signed-in caller may see. A tab is theirs only if they joined it, and an order
 * only if it is of that tab; to anyone else neither exists. Statements that read more with the tab check it by
 * {@link Tabs#dinerJoin}.
 */
final class Diners {
  private final Tabs tabs;
  private final Orders orders;

  Diners(Tabs tabs, Orders orders) {
    this.tabs = tabs;
    this.orders = orders;
  }

  /** The store's tab, if {@code userId} is one of its diners. */
  Future<Optional<Tab>> tab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId) {
    return tabs.findForDiner(sql, tenantId, storeId, tabId, userId);
  }

  /** The store's order, if it is of this tab and {@code userId} is one of the tab's diners. */
  Future<Optional<Order>> order(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID orderId, UUID userId) {
    return tabs.isDiner(sql, tenantId, tabId, userId)
        .compose(diner -> !diner ? Future.succeededFuture(Optional.<Order>empty())
            : orders.find(sql, tenantId, storeId, orderId))
        .map(order -> order.filter(found -> found.tabId().equals(tabId)));
  }
}
