package app.tableloop.campaign;

import static app.tableloop.campaign.CampaignSteps.launching;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaign cards count the members each campaign would reach from the store's own data; a launch writes the campaign
 * and its recipients once, however often it is sent; bad launches and changes are refused with nothing written.
 */
class CampaignLaunchTest {
  static RunningService service;
  static CampaignSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(CampaignLaunchTest.class);
    steps = new CampaignSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** A sleeping big spender, a sleeping small one, a regular, one asleep too long, and a newcomer with a birthday. */
  private static Map<String, String> seededMembers(ARestaurant shop) {
    String sleeper = steps.aMember(shop, "sleeper-" + UUID.randomUUID(), true, "13800000001");
    steps.history(shop, sleeper, 2, 40_000, 100, 300);
    String small = steps.aMember(shop, "small-" + UUID.randomUUID(), true, null);
    steps.history(shop, small, 1, 5_000, 100, 300);
    String regular = steps.aMember(shop, "regular-" + UUID.randomUUID(), false, null);
    steps.history(shop, regular, 3, 45_000, 5, 200);
    String ancient = steps.aMember(shop, "ancient-" + UUID.randomUUID(), true, "13800000004");
    steps.history(shop, ancient, 2, 36_000, 400, 500);
    String newcomer = steps.aMember(shop, "newcomer-" + UUID.randomUUID(), true, "13800000005");
    steps.birthdayIn(shop, newcomer, 3);
    return Map.of("sleeper", sleeper, "small", small, "regular", regular, "ancient", ancient, "newcomer", newcomer);
  }

  private static JsonObject audience(long count, long avgBasketFen, long reachable) {
    return new JsonObject().put("count", count).put("avg_basket_fen", avgBasketFen).put("reachable_by_sms", reachable);
  }

  @Test
  void cardsCountSleepingRepeatAndNewMembersFromTheStoresOwnData() {
    ARestaurant shop = ARestaurant.payFirst(service, "营销面馆", "M1", 2000);
    seededMembers(shop);

    JsonArray items = ok(service.get(shop.path("/campaign-cards"), shop.owner())).getJsonArray("items");
    Map<String, JsonObject> cards = items.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(card -> card.getString("type"), Function.identity()));

    JsonObject winBack = cards.get("win_back");
    assertThat(winBack.getJsonObject("audience"))
        .as("sleeping 45 to 365 days with a basket at least the median (¥150): the big spender only")
        .isEqualTo(audience(1, 20_000, 1));
    assertThat(winBack.getString("summary")).isEqualTo("1 位沉睡顾客，平均客单价 ¥200");
    assertThat(winBack.getJsonObject("params").getLong("min_avg_basket_fen")).isEqualTo(15_000);
    JsonObject offer = winBack.getJsonObject("offer");
    assertThat(List.of(offer.getLong("threshold_fen"), offer.getLong("amount_off_fen"),
        offer.getLong("validity_days"))).containsExactly(20_000L, 3_000L, 14L);
    JsonObject estimate = winBack.getJsonObject("estimate");
    assertThat(List.of(estimate.getLong("coupon_cost_fen"), estimate.getLong("message_cost_fen"),
        estimate.getLong("total_cost_fen"))).as("10% of one member use ¥30 off; one SMS at ¥0.1")
        .containsExactly(300L, 10L, 310L);
    assertThat(estimate.getString("assumptions")).contains("10%").contains("¥0.1");
    assertThat(winBack.getJsonObject("preview").getString("sms")).contains("满200减30元").endsWith("退订回T");
    assertThat(winBack.getValue("running_campaign_id")).isNull();

    JsonObject boost = cards.get("basket_boost");
    assertThat(boost.getJsonObject("audience")).as("two visits or more, one with consent and a phone")
        .isEqualTo(audience(3, 121_000 / 7, 2));
    assertThat(boost.getJsonObject("offer").getLong("threshold_fen")).as("¥172.85 × 1.2, up to ¥5").isEqualTo(21_000);
    assertThat(boost.getJsonObject("offer").getBoolean("per_member")).isTrue();

    assertThat(cards.get("welcome").getJsonObject("audience").getLong("count")).isEqualTo(1);
    assertThat(cards.get("birthday").getJsonObject("audience").getLong("count")).isEqualTo(1);
    assertThat(items.stream().map(JsonObject.class::cast)
        .map(card -> card.getJsonObject("estimate").getLong("expected_revenue_fen")
            - card.getJsonObject("estimate").getLong("total_cost_fen")).toList())
        .as("ranked by expected return over cost").isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void aBasketBoostGivesEachRepeatCustomerAThresholdAboveTheirOwnAverageBasket() {
    ARestaurant shop = ARestaurant.payFirst(service, "提客单面馆", "B1", 2000);
    Map<String, String> members = seededMembers(shop);

    JsonObject campaign = ok(steps.launch(shop, shop.owner(), launching("basket_boost")));

    String id = campaign.getString("id");
    assertThat(campaign.getString("status")).isEqualTo("running");
    Map<String, Long> thresholds = Map.of("sleeper", 24_000L, "regular", 18_000L, "ancient", 22_000L);
    thresholds.forEach((who, threshold) -> assertThat(steps.count("""
        SELECT o.threshold_fen FROM campaign_recipients r
          JOIN campaign_offers o ON o.campaign_id = r.campaign_id AND o.template_id = r.template_id
         WHERE r.campaign_id = '%s' AND r.member_id = '%s'""".formatted(id,
        steps.memberId(shop, members.get(who))))).as(who).isEqualTo(threshold));
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id + "'")).isEqualTo(3);
    assertThat(steps.count("SELECT sum(amount_off_fen) FROM campaign_offers WHERE campaign_id = '" + id + "'"))
        .as("rewards of 10%: ¥24 + ¥18 + ¥22").isEqualTo(6_400);
  }

  @Test
  void anOffPeakOfferIsForTheStoresQuietHoursOnceItsOrdersShowThem() {
    ARestaurant shop = ARestaurant.payFirst(service, "错峰面馆", "P1", 2000);
    seededMembers(shop);

    JsonObject waiting = card(shop, "off_peak");
    assertThat(waiting.getJsonObject("audience")).isEqualTo(audience(0, 0, 0));
    assertThat(waiting.getString("summary")).startsWith("近 8 周的订单还不足以看出空闲时段");
    assertThat(problem(steps.launch(shop, shop.owner(), launching("off_peak")), 409))
        .isEqualTo("campaign_no_quiet_hours");
    String order = shop.anOrderAwaitingPayment("bills-" + UUID.randomUUID(), "P1", 1).order();
    steps.paidBills(shop, order, 12, 120, 20, 1);
    assertThat(card(shop, "off_peak").getJsonObject("audience").getLong("count"))
        .as("120 bills since 20 days ago: too short a history").isZero();

    // Eight weeks of lunches and dinners: 14:00, 15:00 and 21:00 are the quietest of the hours the store sells in.
    Map.of(11, 30, 13, 15, 14, 2, 15, 3, 17, 20, 18, 30, 19, 25, 21, 4)
        .forEach((hour, bills) -> steps.paidBills(shop, order, hour, bills, 50, 1));
    steps.paidBills(shop, order, 9, 1, 70, 60);

    JsonObject offPeak = card(shop, "off_peak");
    assertThat(offPeak.getJsonObject("audience")).as("every member who visited; bills before 8 weeks do not count")
        .isEqualTo(audience(4, 126_000 / 8, 2));
    assertThat(offPeak.getString("summary"))
        .isEqualTo("4 位老顾客可错峰来店（空闲时段 14:00–16:00、21:00–22:00），平均客单价 ¥157.50");
    JsonObject offer = offPeak.getJsonObject("offer");
    assertThat(offer.getJsonArray("valid_hours")).containsExactly(14, 15, 21);
    assertThat(List.of(offer.getLong("threshold_fen"), offer.getLong("amount_off_fen"),
        offer.getLong("validity_days"))).containsExactly(15_500L, 2_400L, 30L);
    assertThat(offPeak.getJsonObject("preview").getString("coupon"))
        .isEqualTo("满155减24元，仅限每天 14:00–16:00、21:00–22:00 使用");
    assertThat(offPeak.getJsonObject("preview").getString("message"))
        .contains("仅限每天 14:00–16:00、21:00–22:00 使用").contains("30 天内有效");
    assertThat(offPeak.getJsonObject("estimate").getLong("coupon_cost_fen")).as("8% of 4 use ¥24 off")
        .isEqualTo((4 * 8 * 2_400 + 50) / 100);

    String id = ok(steps.launch(shop, shop.owner(), launching("off_peak"))).getString("id");
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id + "'"))
        .isEqualTo(4);
    assertThat(steps.count("""
        SELECT count(*) FROM campaign_offers o JOIN coupon_templates t ON t.id = o.template_id
         WHERE o.campaign_id = '%s' AND t.valid_hours = '{14,15,21}'""".formatted(id)))
        .as("the coupon is usable in the quiet hours only").isEqualTo(1);
  }

  private static JsonObject card(ARestaurant shop, String type) {
    return ok(service.get(shop.path("/campaign-cards"), shop.owner())).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(card -> card.getString("type").equals(type)).findFirst().orElseThrow();
  }

  @Test
  void launchingTwiceWithOneKeyMakesOneCampaignEvenAtOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "一次面馆", "K1", 2000);
    seededMembers(shop);
    JsonObject body = launching("win_back").put("params", new JsonObject().put("min_avg_basket_fen", 0));

    List<HttpResponse<Buffer>> answers = IntStream.range(0, 8)
        .mapToObj(i -> service.callAsync(HttpMethod.POST, shop.path("/campaigns"), shop.owner(), body))
        .toList().stream().map(launch -> launch.toCompletionStage().toCompletableFuture().join()).toList();

    assertThat(answers).allMatch(answer -> answer.statusCode() == 201);
    assertThat(answers.stream().map(answer -> answer.bodyAsJsonObject().getString("id")).distinct()).hasSize(1);
    String id = answers.get(0).bodyAsJsonObject().getString("id");
    assertThat(steps.count("SELECT count(*) FROM campaigns WHERE id = '" + id + "'")).isEqualTo(1);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id + "'"))
        .as("the basket floor edited to 0: both sleepers").isEqualTo(2);
    assertThat(steps.count("SELECT count(*) FROM campaign_offers WHERE campaign_id = '" + id + "'")).isEqualTo(1);
    JsonArray cards = ok(service.get(shop.path("/campaign-cards"), shop.owner())).getJsonArray("items");
    assertThat(cards.stream().map(JsonObject.class::cast).filter(card -> card.getString("type").equals("win_back"))
        .findFirst().orElseThrow().getString("running_campaign_id")).isEqualTo(id);
    assertThat(problem(steps.launch(shop, shop.owner(), launching("win_back")), 409))
        .as("one live campaign of a type").isEqualTo("campaign_already_running");
    assertThat(problem(steps.launch(shop, shop.owner(), body.copy().put("type", "welcome")), 409))
        .isEqualTo("idempotency_key_reused");
  }

  @Test
  void badLaunchesAndChangesAreRefusedWithNothingWritten() {
    ARestaurant shop = ARestaurant.payFirst(service, "拒绝面馆", "X1", 2000);
    String diner = seededMembers(shop).get("regular");
    ARestaurant other = ARestaurant.payFirst(service, "别家营销面馆", "Y1", 2000);

    assertThat(problem(steps.launch(shop, shop.owner(), launching("lottery")), 400))
        .isEqualTo("campaign_type_unknown");
    assertThat(problem(steps.launch(shop, shop.owner(), launching("win_back").put("offer", new JsonObject()
        .put("threshold_fen", 5_000).put("amount_off_fen", 5_000).put("validity_days", 7))), 400))
        .isEqualTo("campaign_offer_invalid");
    assertThat(problem(steps.launch(shop, shop.owner(), launching("win_back").put("params", new JsonObject()
        .put("min_days", 90).put("max_days", 60))), 400)).isEqualTo("campaign_params_invalid");
    assertThat(problem(steps.launch(shop, shop.owner(), launching("win_back").put("params", new JsonObject()
        .put("min_days", "soon"))), 400)).isEqualTo("invalid_field");
    assertThat(problem(steps.launch(shop, shop.owner(), launching("win_back").put("params", new JsonObject()
        .put("min_days", 1).put("max_days", 2))), 409)).isEqualTo("campaign_audience_empty");
    assertThat(steps.launch(shop, shop.staff(), launching("win_back")).statusCode()).isEqualTo(403);
    assertThat(steps.launch(shop, diner, launching("win_back")).statusCode())
        .as("a diner has no role here: the operation is not theirs to see").isEqualTo(404);
    assertThat(service.get(shop.path("/campaign-cards"), shop.staff()).statusCode()).isEqualTo(403);
    assertThat(steps.count("SELECT count(*) FROM campaigns c JOIN stores s ON s.id = c.store_id WHERE s.id = '"
        + shop.store().id() + "'")).isZero();

    String id = ok(steps.launch(shop, shop.owner(), launching("win_back"))).getString("id");
    assertThat(problem(service.get(other.path("/campaigns/" + id), other.owner()), 404))
        .as("another brand's campaign is unknown").isEqualTo("campaign_not_found");
    assertThat(problem(service.call(HttpMethod.POST, other.path("/campaigns/" + id + "/stop"), other.owner(), null),
        404)).isEqualTo("campaign_not_found");
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/resume"), shop.owner(), null),
        409)).isEqualTo("campaign_status_conflict");
    assertThat(ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/pause"), shop.owner(), null))
        .getString("status")).isEqualTo("paused");
    assertThat(ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/resume"), shop.owner(), null))
        .getString("status")).isEqualTo("running");
    assertThat(ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/stop"), shop.owner(), null))
        .getString("status")).isEqualTo("stopped");
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/resume"), shop.owner(), null),
        409)).as("a stopped campaign stays stopped").isEqualTo("campaign_status_conflict");
    assertThat(ok(service.get(shop.path("/campaigns"), shop.owner())).getJsonArray("items")).hasSize(1);
  }
}
