package app.tableloop.ordering;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;

/** A tab's cart priced from today's menu, as one of its diners is about to order it: what a checkout quote prices. */
public final class DinerCarts {
  private final TabStates tabStates;
  private final Tabs tabs;

  DinerCarts(Tabs tabs, TabStates tabStates) {
    this.tabs = tabs;
    this.tabStates = tabStates;
  }

  /** The cart of the store's tab, priced at menu prices; empty when there is no such tab or the user is not at it. */
  public Future<Optional<CartPricing.Outcome>> priced(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId,
                                                      UUID userId) {
    return tabs.view(sql, tenantId, storeId, tabId, Optional.of(userId)).compose(view -> view.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : tabStates.menu(sql, tenantId, view.get().store(), tabStates.businessDay(view.get().store()),
                view.get().lines())
            .map(menu -> Optional.of(CartPricing.price(view.get().lines(), menu))));
  }
}
