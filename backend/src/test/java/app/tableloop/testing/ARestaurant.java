package app.tableloop.testing;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.TenantBootstrap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;

/**
 * A restaurant ready to take payments, as the payment tests need one: its tables, an owner, a cashier (staff) and one
 * dish at a known price, in the ordering mode asked for; and the steps its diners and cashier take.
 */
public final class ARestaurant {
  private final RunningService service;
  private final TenantBootstrap.Bootstrapped restaurant;
  private final String owner;
  private final String staff;
  private final String dish;
  private final long priceFen;

  /** A diner at a table of this restaurant, with the tab they opened or joined. */
  public record Seated(ARestaurant restaurant, String diner, DiningTable table, String tab) {
  }

  /** An order of a diner's tab. */
  public record Ordered(ARestaurant restaurant, String diner, String tab, String order, long totalFen) {
  }

  private ARestaurant(RunningService service, TenantBootstrap.Bootstrapped restaurant, String owner, String staff,
                      String dish, long priceFen) {
    this.service = service;
    this.restaurant = restaurant;
    this.owner = owner;
    this.staff = staff;
    this.dish = dish;
    this.priceFen = priceFen;
  }

  /** A pay-first restaurant (orders reach the kitchen once paid) selling one dish at {@code priceFen}. */
  public static ARestaurant payFirst(RunningService service, String name, String tables, long priceFen) {
    return open(service, name, tables, null, priceFen);
  }

  /** An eat-first restaurant (orders go straight to the kitchen, the tab is paid at the end). */
  public static ARestaurant eatFirst(RunningService service, String name, String tables, long priceFen) {
    return open(service, name, tables, "eat_first", priceFen);
  }

  private static ARestaurant open(RunningService service, String name, String tables, String mode, long priceFen) {
    TenantBootstrap.Bootstrapped restaurant = service.aRestaurant(name, tables);
    String owner = service.signInAndAccept("owner-" + UUID.randomUUID(), restaurant.ownerInvite().token());
    String path = "/api/v1/stores/" + restaurant.store().id();
    String staff = service.signInAndAccept("cashier-" + UUID.randomUUID(), ok(service.call(HttpMethod.POST,
        path + "/invites", owner, new JsonObject().put("role", "staff"))).getString("token"));
    if (mode != null) {
      ok(service.call(HttpMethod.PATCH, path, owner, new JsonObject().put("ordering_mode", mode)));
    }
    String category = ok(service.call(HttpMethod.POST, path + "/menu/categories", owner,
        new JsonObject().put("name", "面"))).getString("id");
    String dish = ok(service.call(HttpMethod.POST, path + "/menu/dishes", owner, new JsonObject()
        .put("category_id", category).put("name", "红烧牛肉面").put("price_fen", priceFen))).getString("id");
    return new ARestaurant(service, restaurant, owner, staff, dish, priceFen);
  }

  public TenantBootstrap.Bootstrapped bootstrapped() {
    return restaurant;
  }

  public Store store() {
    return restaurant.store();
  }

  public String owner() {
    return owner;
  }

  public String staff() {
    return staff;
  }

  public String dish() {
    return dish;
  }

  /** The store's API path ending in {@code rest}. */
  public String path(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }

  /** POSTs to the store's {@code rest} and answers the JSON of its success. */
  public JsonObject post(String token, String rest, JsonObject body) {
    return ok(call(token, rest, body));
  }

  /** POSTs to the store's {@code rest}, whatever it answers. */
  public HttpResponse<Buffer> call(String token, String rest, JsonObject body) {
    return service.call(HttpMethod.POST, path(rest), token, body);
  }

  public DiningTable table(String code) {
    return restaurant.tables().stream().filter(table -> table.code().equals(code)).findFirst().orElseThrow();
  }

  /** {@code user} signs in, scans the table and opens or joins its tab. */
  public Seated seat(String user, String tableCode) {
    String diner = service.signIn(user);
    DiningTable table = table(tableCode);
    return new Seated(this, diner, table, ok(service.openTab(restaurant.store(), table, diner)).getString("id"));
  }

  /** The diner orders {@code quantity} of the dish from their tab's cart; answers the order as placed. */
  public JsonObject order(Seated seated, int quantity) {
    return order(seated, quantity, null);
  }

  /**
   * As {@link #order(Seated, int)}, with the coupon asked for ({@code "best"}, {@code "none"} or a coupon's id; null:
   * the default).
   */
  public JsonObject order(Seated seated, int quantity, String coupon) {
    post(seated.diner(), "/tabs/" + seated.tab() + "/cart", new JsonObject().put("dish_id", dish)
        .put("quantity", quantity));
    JsonObject placing = new JsonObject().put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 1);
    return post(seated.diner(), "/tabs/" + seated.tab() + "/orders",
        coupon == null ? placing : placing.put("coupon", coupon));
  }

  /** {@code user} sits at the table and orders; answers the order, whatever its state. */
  public Ordered anOrder(String user, String tableCode, int quantity) {
    Seated seated = seat(user, tableCode);
    return ordered(seated, order(seated, quantity));
  }

  /** As {@link #anOrder}, in a pay-first restaurant: the order awaits payment, priced from the menu. */
  public Ordered anOrderAwaitingPayment(String user, String tableCode, int quantity) {
    Seated seated = seat(user, tableCode);
    JsonObject order = order(seated, quantity);
    assertThat(order.getString("status")).isEqualTo("awaiting_payment");
    assertThat(order.getLong("total_fen")).isEqualTo(priceFen * quantity);
    return ordered(seated, order);
  }

  private Ordered ordered(Seated seated, JsonObject order) {
    return new Ordered(this, seated.diner(), seated.tab(), order.getString("id"), order.getLong("total_fen"));
  }

  /** The diner asks to pay the order with WeChat Pay: the payment and what {@code wx.requestPayment} takes. */
  public JsonObject requestWeChatPayment(Ordered ordered) {
    return post(ordered.diner(), "/tabs/" + ordered.tab() + "/orders/" + ordered.order() + "/wechat-payment", null);
  }
}
