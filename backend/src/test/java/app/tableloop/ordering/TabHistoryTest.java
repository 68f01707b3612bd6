package app.tableloop.ordering;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tab's answer carries its latest orders and totals over all of them, however long its history; its diners page
 * back through the rest.
 */
class TabHistoryTest {
  static RunningService service;
  static ARestaurant restaurant;
  static ARestaurant.Seated seated;
  /** The tab's orders, oldest first: 23 of them, the second rejected. */
  static final List<JsonObject> placed = new ArrayList<>();

  @BeforeAll
  static void setUp() {
    service = RunningService.start(TabHistoryTest.class);
    restaurant = ARestaurant.eatFirst(service, "长桌饭店", "H1-H2", 1800);
    seated = restaurant.seat("long-table", "H1");
    for (int quantity = 1; quantity <= 23; quantity++) {
      placed.add(restaurant.order(seated, quantity % 3 + 1));
    }
    placed.set(1, restaurant.post(restaurant.staff(), "/orders/" + placed.get(1).getString("id") + "/reject",
        new JsonObject().put("reason", "没有鱼了")));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theTabCarriesItsLatestOrdersAndTotalsOverAllOfThem() {
    JsonObject tab = ok(service.get(restaurant.path("/tabs/" + seated.tab()), seated.diner()));

    assertThat(ids(tab.getJsonArray("orders"))).isEqualTo(ids(placed.subList(3, 23)));
    assertThat(tab.getInteger("orders_count")).isEqualTo(23);
    long billed = placed.stream().filter(order -> !order.getString("status").equals("rejected"))
        .mapToLong(order -> order.getLong("total_fen")).sum();
    assertThat(tab.getLong("billed_fen")).isEqualTo(billed).isLessThan(sum(placed));
    assertThat(tab.getLong("due_fen")).as("eat first, nothing paid: all it billed").isEqualTo(billed);
  }

  @Test
  void dinersPageBackThroughTheEarlierOrders() {
    JsonObject latest = page("");
    assertThat(ids(latest.getJsonArray("orders"))).isEqualTo(ids(placed.subList(3, 23)));
    assertThat(latest.getBoolean("more")).isTrue();

    String firstShown = placed.get(3).getString("id");
    JsonObject two = page("?before=" + firstShown + "&limit=2");
    assertThat(ids(two.getJsonArray("orders"))).isEqualTo(ids(placed.subList(1, 3)));
    assertThat(two.getBoolean("more")).isTrue();
    assertThat(two.getJsonArray("orders").getJsonObject(0).getString("status")).isEqualTo("rejected");

    JsonObject rest = page("?before=" + firstShown);
    assertThat(ids(rest.getJsonArray("orders"))).isEqualTo(ids(placed.subList(0, 3)));
    assertThat(rest.getBoolean("more")).isFalse();

    JsonObject none = page("?before=" + placed.get(0).getString("id"));
    assertThat(none.getJsonArray("orders")).isEmpty();
    assertThat(none.getBoolean("more")).isFalse();
  }

  @Test
  void anOrderOfAnotherTabIsNoPlaceToPageFrom() {
    ARestaurant.Seated elsewhere = restaurant.seat("next-table", "H2");
    String theirs = restaurant.order(elsewhere, 1).getString("id");

    assertThat(problem(service.get(ordersPath("?before=" + theirs), seated.diner()), 404))
        .isEqualTo("order_not_found");
  }

  @Test
  void onlyTheTabsDinersReadItsOrders() {
    String stranger = service.signIn("stranger");

    assertThat(problem(service.get(ordersPath(""), stranger), 404)).isEqualTo("tab_not_found");
    assertThat(service.get(ordersPath(""), null).statusCode()).isEqualTo(401);
  }

  @Test
  void theTabIsNotFoundThroughAnotherRestaurantsStore() {
    ARestaurant elsewhere = ARestaurant.eatFirst(service, "隔壁饭店", "Z1", 1000);

    assertThat(problem(service.get(elsewhere.path("/tabs/" + seated.tab() + "/orders"), seated.diner()), 404))
        .isEqualTo("tab_not_found");
  }

  @Test
  void aBadPageIsRefused() {
    for (String query : List.of("?limit=0", "?limit=101", "?limit=many", "?before=not-an-id")) {
      assertThat(service.get(ordersPath(query), seated.diner()).statusCode()).as(query).isEqualTo(400);
    }
  }

  private static JsonObject page(String query) {
    return ok(service.get(ordersPath(query), seated.diner()));
  }

  private static String ordersPath(String query) {
    return restaurant.path("/tabs/" + seated.tab() + "/orders" + query);
  }

  private static List<String> ids(JsonArray orders) {
    return ids(orders.stream().map(JsonObject.class::cast).toList());
  }

  private static List<String> ids(List<JsonObject> orders) {
    return orders.stream().map(order -> order.getString("id")).toList();
  }

  private static long sum(List<JsonObject> orders) {
    return orders.stream().mapToLong(order -> order.getLong("total_fen")).sum();
  }
}
