package app.tableloop.ordering;

import app.tableloop.identity.Access;
import app.tableloop.identity.Callers;
import app.tableloop.identity.LiveViewers;
import app.tableloop.ordering.ticket.PaperWidth;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The HTTP side of tabs, carts, orders and the kitchen, and their live WebSocket feeds. */
public final class OrderingApi implements ApiModule {
  private final TabService tabs;
  private final KitchenService kitchen;
  private final OrderingEvents events;
  private final LiveViewers viewers;

  public OrderingApi(TabService tabs, KitchenService kitchen, OrderingEvents events, LiveViewers viewers) {
    this.tabs = tabs;
    this.kitchen = kitchen;
    this.events = events;
    this.viewers = viewers;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("openTab").addHandler(rc -> respond(rc, tabs.openOrJoin(Callers.of(rc), Requests.id(rc, "table"),
        Optional.ofNullable(Requests.optionalBody(rc).getString("scan_token")))));
    api.getRoute("getTab").addHandler(rc -> respond(rc, tabs.view(Callers.of(rc), Requests.id(rc, "tab"))));
    api.getRoute("addCartLine").addHandler(this::addCartLine);
    api.getRoute("updateCartLine").addHandler(rc -> respond(rc, tabs.setQuantity(Callers.of(rc),
        Requests.id(rc, "tab"), Requests.body(rc).getLong("cart_version"), Requests.id(rc, "line"),
        Requests.body(rc).getInteger("quantity"))));
    api.getRoute("removeCartLine").addHandler(rc -> respond(rc, tabs.removeLine(Callers.of(rc),
        Requests.id(rc, "tab"), Requests.query(rc, "cart_version").map(RequestParameter::getLong).orElse(null),
        Requests.id(rc, "line"))));
    api.getRoute("listTabOrders").addHandler(rc -> respond(rc, tabs.orders(Callers.of(rc), Requests.id(rc, "tab"),
        Requests.query(rc, "before").map(before -> UUID.fromString(before.getString())),
        Requests.query(rc, "limit").map(RequestParameter::getInteger).orElse(TabHistory.LATEST))));
    api.getRoute("placeOrder").addHandler(this::placeOrder);
    api.getRoute("hurryOrder").addHandler(rc -> respondOrder(rc, kitchen.hurry(Callers.of(rc),
        Requests.id(rc, "tab"), Requests.id(rc, "order"))));
    api.getRoute("watchTab").addHandler(this::watchTab);

    api.getRoute("listKitchenOrders").addHandler(rc -> kitchen.liveOrders(Callers.of(rc))
        .onSuccess(list -> rc.json(new JsonObject().put("orders",
            new JsonArray(list.stream().map(OrderingJson::order).toList()))))
        .onFailure(rc::fail));
    api.getRoute("listOpenTabs").addHandler(rc -> kitchen.openTabs(Callers.of(rc))
        .onSuccess(list -> rc.json(new JsonObject().put("tabs", new JsonArray(list.stream()
            .map(OrderingJson::openTab).toList()))))
        .onFailure(rc::fail));
    api.getRoute("acceptOrder").addHandler(rc -> respondOrder(rc, kitchen.accept(Callers.of(rc),
        Requests.id(rc, "order"))));
    api.getRoute("rejectOrder").addHandler(rc -> respondOrder(rc, kitchen.reject(Callers.of(rc),
        Requests.id(rc, "order"), Requests.body(rc).getString("reason"))));
    api.getRoute("cancelOrder").addHandler(rc -> respondOrder(rc, kitchen.cancel(Callers.of(rc),
        Requests.id(rc, "order"), Requests.body(rc).getString("reason"))));
    api.getRoute("serveOrderItem").addHandler(rc -> respondOrder(rc, kitchen.serveItem(Callers.of(rc),
        Requests.id(rc, "order"), Requests.id(rc, "item"))));
    api.getRoute("getOrderTicket").addHandler(this::ticket);
    api.getRoute("closeTab").addHandler(rc -> kitchen.closeTab(Callers.of(rc), Requests.id(rc, "tab"))
        .onSuccess(closed -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail));
    api.getRoute("watchKitchen").addHandler(this::watchKitchen);
  }

  private void addCartLine(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    List<UUID> choices = body.getJsonArray("choice_ids", new JsonArray()).stream()
        .map(choice -> UUID.fromString(String.valueOf(choice))).toList();
    respond(rc, tabs.addLine(Callers.of(rc), Requests.id(rc, "tab"), body.getLong("cart_version"),
        UUID.fromString(body.getString("dish_id")), choices, body.getInteger("quantity")));
  }

  private void placeOrder(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    tabs.placeOrder(Callers.of(rc), Requests.id(rc, "tab"), new TabService.PlaceOrder(body.getString("idempotency_key"),
            body.getInteger("head_count"), body.getString("notes"),
            body.containsKey("coupon") ? CouponChoice.parse(body.getString("coupon")) : null))
        .onSuccess(order -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(OrderingJson.order(order).encode()))
        .onFailure(rc::fail);
  }

  private void ticket(RoutingContext rc) {
    PaperWidth width = Requests.query(rc, "paper").map(RequestParameter::getInteger).orElse(58) == 58
        ? PaperWidth.MM58 : PaperWidth.MM80;
    kitchen.ticket(Callers.of(rc), Requests.id(rc, "order"), width)
        .onSuccess(text -> rc.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(text))
        .onFailure(rc::fail);
  }

  /**
   * The table's live feed: the tab's state now, then again after every change anyone at the table makes; it closes
   * when the diner's session ends.
   */
  private void watchTab(RoutingContext rc) {
    UUID tabId = Requests.id(rc, "tab");
    Access access = Callers.of(rc);
    openFeed(rc, OrderingEvents.tabChannel(tabId), access,
        () -> tabs.view(access, tabId).map(state -> new JsonObject().put("type", "tab").put("tab", state)));
  }

  /**
   * The kitchen's live feed: the open orders now, then every new, changed or hurried order; it closes when the staff
   * member's session ends or their role at the store is taken away.
   */
  private void watchKitchen(RoutingContext rc) {
    Access access = Callers.of(rc);
    openFeed(rc, OrderingEvents.kitchenChannel(access.storeId()), access,
        () -> kitchen.liveOrders(access).map(live -> new JsonObject().put("type", "orders").put("orders",
            new JsonArray(live.stream().map(OrderingJson::order).toList()))));
  }

  /**
   * Upgrades to a socket on {@code channel} and sends it the {@code state} read once it listens there: a change made
   * meanwhile is in that state or comes after it as an event. The state is read before the upgrade too, so that a
   * caller it refuses gets an HTTP answer; a socket whose state cannot be sent is closed, and its client reconnects.
   */
  private void openFeed(RoutingContext rc, String channel, Access access, Supplier<Future<JsonObject>> state) {
    if (!rc.request().canUpgradeToWebSocket()) {
      rc.fail(new Refused(OrderingRefusal.WEBSOCKET_REQUIRED));
      return;
    }
    state.get().compose(allowed -> rc.request().toWebSocket())
        .onFailure(rc::fail)
        .onSuccess(socket -> events.hub().attach(channel, socket, viewers.of(access))
            .compose(listening -> state.get())
            .compose(now -> socket.writeTextMessage(now.encode()))
            .onFailure(failure -> socket.close()));
  }

  private static void respond(RoutingContext rc, Future<JsonObject> result) {
    result.onSuccess(rc::json).onFailure(rc::fail);
  }

  private static void respondOrder(RoutingContext rc, Future<Order> result) {
    result.onSuccess(order -> rc.json(OrderingJson.order(order))).onFailure(rc::fail);
  }
}
