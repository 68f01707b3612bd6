package app.tableloop.insight.suggestion;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RacingRelays;
import app.tableloop.testing.RunningService;
import app.tableloop.tenancy.DiningTable;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dish pairs of many paid orders, handled by the relays of several instances at once, add up exactly: no count
 * is lost to two payments counted side by side, and none counted twice.
 */
class DishPairsRaceTest {
  static final RacingRelays RELAYS = new RacingRelays();
  static final int ORDERS = 24;

  static RunningService service;

  @BeforeAll
  static void start() {
    service = RunningService.startReachable(DishPairsRaceTest.class, RELAYS.modules());
    RELAYS.of(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void pairsOfOrdersPaidAtOnceAndHandledByRacingRelaysAddUpExactly() {
    ARestaurant shop = ARestaurant.payFirst(service, "并发搭配面馆", "R1-R24", 1500);
    String category = shop.post(shop.owner(), "/menu/categories", new JsonObject().put("name", "小菜")).getString("id");
    String cucumber = shop.post(shop.owner(), "/menu/dishes", new JsonObject().put("category_id", category)
        .put("name", "拍黄瓜").put("price_fen", 800)).getString("id");
    RELAYS.hold("order.paid");
    try {
      for (int i = 1; i <= ORDERS; i++) {
        String diner = service.signIn("racer-" + UUID.randomUUID());
        DiningTable table = shop.table("R" + i);
        String tab = ok(service.openTab(shop.store(), table, diner)).getString("id");
        shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.dish()).put("quantity", 1));
        shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumber).put("quantity", 2));
        String order = shop.post(diner, "/tabs/" + tab + "/orders", new JsonObject()
            .put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 1)).getString("id");
        shop.post(shop.staff(), "/orders/" + order + "/counter-payment", new JsonObject().put("method", "cash"));
      }

      RELAYS.race(() -> service.env().count("SELECT count(*) FROM dish_pair_orders p JOIN orders o ON o.id = p.order_id"
          + " WHERE o.store_id = '" + shop.store().id() + "'") == ORDERS);

      assertThat(service.env().count("SELECT orders FROM dish_pairs WHERE dish_id = '" + shop.dish()
          + "' AND with_dish_id = '" + cucumber + "'")).isEqualTo(ORDERS);
      assertThat(service.env().count("SELECT orders FROM dish_pairs WHERE dish_id = '" + cucumber
          + "' AND with_dish_id = '" + shop.dish() + "'")).isEqualTo(ORDERS);
    } finally {
      RELAYS.release();
    }
  }
}
