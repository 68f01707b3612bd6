package app.tableloop.insight.suggestion;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.campaign.CampaignSteps;
import app.tableloop.membership.MemberSteps;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import app.tableloop.tenancy.DiningTable;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the menu suggests to a signed-in diner ("你常点" from their second visit, "常一起点" from the store's paid
 * orders, each counted once), and the campaigns suggested to the owner, ranked by expected return.
 */
class SuggestionsTest {
  static RunningService service;
  static MemberSteps members;
  static CampaignSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(SuggestionsTest.class);
    members = new MemberSteps(service);
    steps = new CampaignSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** The owner adds dishes to a new category of the shop; answers their ids by name. */
  private static Map<String, String> dishes(ARestaurant shop, String... names) {
    String category = shop.post(shop.owner(), "/menu/categories", new JsonObject().put("name", "小菜"))
        .getString("id");
    return List.of(names).stream().collect(Collectors.toMap(Function.identity(), name -> shop.post(shop.owner(),
        "/menu/dishes", new JsonObject().put("category_id", category).put("name", name).put("price_fen", 800))
        .getString("id")));
  }

  /** The diner sits at the table, orders one of each dish, and the cashier takes cash for it. */
  private static void paidOrderOf(ARestaurant shop, String diner, String tableCode, String... dishIds) {
    DiningTable table = shop.table(tableCode);
    String tab = ok(service.openTab(shop.store(), table, diner)).getString("id");
    for (String dish : dishIds) {
      shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", dish).put("quantity", 1));
    }
    String order = shop.post(diner, "/tabs/" + tab + "/orders", new JsonObject()
        .put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 1)).getString("id");
    shop.post(shop.staff(), "/orders/" + order + "/counter-payment", new JsonObject().put("method", "cash"));
  }

  private static JsonObject suggestions(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/menu/suggestions"), diner));
  }

  private static Map<String, List<Object>> together(JsonObject suggestions) {
    return suggestions.getJsonArray("together").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(entry -> entry.getString("dish_id"), entry -> entry.getJsonArray("with").getList()));
  }

  @Test
  void aDinerSeesTheirUsualDishesFromTheirSecondVisitOn() {
    ARestaurant shop = ARestaurant.payFirst(service, "常点面馆", "U1-U3", 1500);
    String diner = steps.aMember(shop, "usual-" + UUID.randomUUID(), false, null);
    members.paidOrder(shop, diner, "U1", 2);
    service.eventsHandled();

    assertThat(suggestions(shop, diner).getJsonArray("usual")).as("one visit is no habit").isEmpty();

    members.paidOrder(shop, diner, "U2", 1);
    service.eventsHandled();

    assertThat(suggestions(shop, diner).getJsonArray("usual"))
        .containsExactly(new JsonObject().put("dish_id", shop.dish()).put("times", 2));
    assertThat(suggestions(shop, service.signIn("newcomer-" + UUID.randomUUID())).getJsonArray("usual")).isEmpty();

    ok(service.call(HttpMethod.PUT, shop.path("/menu/dishes/" + shop.dish() + "/active"), shop.owner(),
        new JsonObject().put("active", false)));
    assertThat(suggestions(shop, diner).getJsonArray("usual")).as("only what the menu has now").isEmpty();
  }

  @Test
  void theUsualDishesFollowTheDinerToTheBrandsOtherStoresWhosePairsAreTheirOwn() {
    ARestaurant shop = ARestaurant.payFirst(service, "连锁面馆", "L1-L2", 1500);
    String side = dishes(shop, "拍黄瓜").get("拍黄瓜");
    String diner = service.signIn("chain-" + UUID.randomUUID());
    paidOrderOf(shop, diner, "L1", shop.dish(), side);
    paidOrderOf(shop, diner, "L2", shop.dish());
    String operator = service.anOperatorOf(shop.bootstrapped().tenantId(), "operator-" + UUID.randomUUID());
    String second = ok(service.call(HttpMethod.POST, "/api/v1/tenants/" + shop.bootstrapped().tenantId() + "/stores",
        operator, new JsonObject().put("name", "连锁面馆 二店"))).getString("id");
    String path = "/api/v1/stores/" + second;
    String category = ok(service.call(HttpMethod.POST, path + "/menu/categories", operator,
        new JsonObject().put("name", "面"))).getString("id");
    String noodlesThere = ok(service.call(HttpMethod.POST, path + "/menu/dishes", operator, new JsonObject()
        .put("category_id", category).put("name", "红烧牛肉面").put("price_fen", 1600))).getString("id");
    String sideThere = ok(service.call(HttpMethod.POST, path + "/menu/dishes", operator, new JsonObject()
        .put("category_id", category).put("name", "拍黄瓜").put("price_fen", 900))).getString("id");
    service.eventsHandled();

    JsonObject there = ok(service.get(path + "/menu/suggestions", diner));

    assertThat(there.getJsonArray("usual")).as("the same dishes of the second store's menu, by their names")
        .containsExactly(new JsonObject().put("dish_id", noodlesThere).put("times", 2),
            new JsonObject().put("dish_id", sideThere).put("times", 1));
    assertThat(there.getJsonArray("together")).as("the first store's orders are not the second's").isEmpty();
    assertThat(together(suggestions(shop, diner))).isEqualTo(Map.of(shop.dish(), List.of(side),
        side, List.of(shop.dish())));
  }

  @Test
  void dishesOftenInTheSameOrderAreCountedOncePerPaidOrderAtThisStoreOnly() {
    ARestaurant shop = ARestaurant.payFirst(service, "搭配面馆", "T1-T6", 1500);
    Map<String, String> dish = dishes(shop, "拍黄瓜", "卤蛋", "豆浆");
    String noodles = shop.dish();
    String cucumber = dish.get("拍黄瓜");
    String egg = dish.get("卤蛋");
    String milk = dish.get("豆浆");
    String diner = service.signIn("pairs-" + UUID.randomUUID());
    paidOrderOf(shop, diner, "T1", noodles, cucumber);
    paidOrderOf(shop, diner, "T2", noodles, cucumber);
    paidOrderOf(shop, diner, "T3", noodles, egg);
    paidOrderOf(shop, diner, "T4", noodles, cucumber, egg);
    paidOrderOf(shop, diner, "T5", milk);
    // Placed but never paid: no pair.
    DiningTable unpaid = shop.table("T6");
    String tab = ok(service.openTab(shop.store(), unpaid, diner)).getString("id");
    shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", milk).put("quantity", 1));
    shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", egg).put("quantity", 1));
    shop.post(diner, "/tabs/" + tab + "/orders", new JsonObject().put("idempotency_key", "order-" + UUID.randomUUID())
        .put("head_count", 1));
    ARestaurant other = ARestaurant.payFirst(service, "别家面馆", "O1", 1500);
    members.paidOrder(other, service.signIn("elsewhere-" + UUID.randomUUID()), "O1", 2);
    service.eventsHandled();

    Map<String, List<Object>> pairs = together(suggestions(shop, diner));
    assertThat(pairs).as("noodles and cucumber 3 times, noodles and egg twice, cucumber and egg once; milk alone")
        .isEqualTo(Map.of(noodles, List.of(cucumber, egg), cucumber, List.of(noodles, egg),
            egg, List.of(noodles, cucumber)));

    service.deliverAgain("order.paid");
    assertThat(steps.count("SELECT orders FROM dish_pairs WHERE dish_id = '" + noodles + "' AND with_dish_id = '"
        + cucumber + "'")).as("each paid order counted once, however often its event comes").isEqualTo(3);
    assertThat(steps.count("SELECT count(*) FROM dish_pairs WHERE store_id <> '" + shop.store().id()
        + "' AND (dish_id IN ('" + noodles + "', '" + cucumber + "', '" + egg + "', '" + milk + "'))")).isZero();
    assertThat(together(suggestions(other, service.signIn("there-" + UUID.randomUUID())))).isEmpty();

    ok(service.call(HttpMethod.PUT, shop.path("/menu/dishes/" + egg + "/active"), shop.owner(),
        new JsonObject().put("active", false)));
    assertThat(together(suggestions(shop, diner))).as("a hidden dish is suggested with nothing")
        .isEqualTo(Map.of(noodles, List.of(cucumber), cucumber, List.of(noodles)));
  }

  @Test
  void menuSuggestionsNeedASignedInDinerAndLeaveThePublicMenuAsItWas() {
    ARestaurant shop = ARestaurant.payFirst(service, "公开面馆", "M1", 1500);
    problem(service.get(shop.path("/menu/suggestions"), null), 401);
    JsonObject menu = ok(service.get(shop.path("/menu"), null));
    assertThat(menu.fieldNames()).doesNotContain("usual", "together");
  }

  @Test
  void suggestedCampaignsAreTheCardsThatReachSomebodyRankedByExpectedReturn() {
    ARestaurant shop = ARestaurant.payFirst(service, "建议面馆", "C1", 2000);
    ARestaurant other = ARestaurant.payFirst(service, "别的建议面馆", "D1", 2000);
    String sleeper = steps.aMember(shop, "sleeper-" + UUID.randomUUID(), true, "13800000001");
    steps.history(shop, sleeper, 2, 40_000, 100, 300);
    String regular = steps.aMember(shop, "regular-" + UUID.randomUUID(), false, null);
    steps.history(shop, regular, 3, 45_000, 5, 200);

    JsonArray items = ok(service.get(shop.path("/insights/suggestions"), shop.owner())).getJsonArray("items");

    JsonArray cards = ok(service.get(shop.path("/campaign-cards"), shop.owner())).getJsonArray("items");
    // The referral programme's card runs from its settings: it is no campaign to launch in one tap.
    List<String> reaching = cards.stream().map(JsonObject.class::cast)
        .filter(card -> card.getJsonObject("audience").getLong("count") > 0)
        .filter(card -> !card.getString("type").equals("referral"))
        .map(card -> card.getString("type")).toList();
    assertThat(items.stream().map(JsonObject.class::cast).map(item -> item.getString("type")).toList())
        .as("the launchable cards with an audience, in the cards' order").isEqualTo(reaching).contains("win_back");
    assertThat(items.stream().map(JsonObject.class::cast).map(item -> item.getLong("expected_return_fen")).toList())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    JsonObject winBack = items.stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("type").equals("win_back")).findFirst().orElseThrow();
    JsonObject estimate = winBack.getJsonObject("estimate");
    assertThat(winBack.getLong("expected_return_fen"))
        .isEqualTo(estimate.getLong("expected_revenue_fen") - estimate.getLong("total_cost_fen"));
    assertThat(winBack.getString("reason")).isEqualTo("1 位沉睡顾客，平均客单价 ¥200");

    problem(service.get(shop.path("/insights/suggestions"), shop.staff()), 403);
    problem(service.get(shop.path("/insights/suggestions"), other.owner()), 404);
    assertThat(ok(service.get(other.path("/insights/suggestions"), other.owner())).getJsonArray("items"))
        .as("the other brand has no members").isEmpty();
  }
}
