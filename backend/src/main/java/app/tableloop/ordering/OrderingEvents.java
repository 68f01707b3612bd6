package app.tableloop.ordering;

import app.tableloop.platform.live.LiveHub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Supplier;

/** The live channels of ordering: one per tab (its diners) and one per store's kitchen (its staff). */
public final class OrderingEvents {
  private final LiveHub hub;

  public OrderingEvents(LiveHub hub) {
    this.hub = hub;
  }

  static String tabChannel(UUID tabId) {
    return "tab:" + tabId;
  }

  static String kitchenChannel(UUID storeId) {
    return "kitchen:" + storeId;
  }

  /**
   * The tab's state changed (cart or orders): every diner watching the table gets the new state, which is built only
   * if someone watches.
   */
  void tabChanged(UUID tabId, Supplier<Future<JsonObject>> tabState) {
    hub.publishWatched(tabChannel(tabId), () -> tabState.get()
        .map(state -> new JsonObject().put("type", "tab").put("tab", state)));
  }

  /** As {@link #tabChanged(UUID, Supplier)}, with the state already built (a cart change answers it anyway). */
  void tabChanged(UUID tabId, JsonObject tabState) {
    tabChanged(tabId, () -> Future.succeededFuture(tabState));
  }

  /** An order the kitchen must see appeared or changed. */
  void kitchenOrder(UUID storeId, String type, JsonObject order) {
    hub.publish(kitchenChannel(storeId), new JsonObject().put("type", type).put("order", order));
  }

  LiveHub hub() {
    return hub;
  }
}
