package app.tableloop.ordering;

import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.Menus;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** A tab as its diners see it: the cart priced from today's menu, and the tab's orders. */
final class TabStates {
  private final Stores stores;
  private final Carts carts;
  private final Menus menus;
  private final Orders orders;
  private final Clock clock;

  TabStates(Stores stores, Carts carts, Menus menus, Orders orders, Clock clock) {
    this.stores = stores;
    this.carts = carts;
    this.menus = menus;
    this.orders = orders;
    this.clock = clock;
  }

  Future<JsonObject> of(SqlClient sql, UUID tenantId, UUID storeId, Tab tab) {
    return carts.lines(sql, tenantId, tab.id())
        .compose(cart -> stores.find(sql, tenantId, storeId).map(Optional::orElseThrow)
            .compose(store -> menus.dishes(sql, tenantId, storeId,
                cart.stream().map(CartLine::dishId).distinct().toList(),
                BusinessDay.of(clock.instant(), store.timeZone())))
            .map(menu -> CartPricing.price(cart, menu))
            .compose(pricing -> orders.ofTab(sql, tenantId, tab.id())
                .map(placed -> OrderingJson.tab(tab, cart, pricing, placed))));
  }
}
