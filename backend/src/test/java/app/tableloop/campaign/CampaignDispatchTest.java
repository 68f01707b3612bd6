package app.tableloop.campaign;

import static app.tableloop.campaign.CampaignSteps.launching;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.campaign.inbox.Messages;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.JobLease;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dispatch reaches each member of a campaign exactly once, with one coupon and one message, however many dispatchers
 * race; a paused campaign waits; and the result card reads what a reached member's order with the coupon brought.
 */
class CampaignDispatchTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static RunningService service;
  static CampaignSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(CampaignDispatchTest.class);
    steps = new CampaignSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static int dispatch() {
    return service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
  }

  @Test
  void fourDispatchersRacingReachEachMemberExactlyOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "并发营销面馆", "R1", 2000);
    List<String> members = IntStream.range(0, 150)
        .mapToObj(i -> steps.aMember(shop, "regular-" + UUID.randomUUID(), i % 2 == 0, null)).toList();
    steps.sql("UPDATE members SET visits = 3, spend_fen = 3 * (10000 + (hashtext(id::text) & 4095)),"
        + " last_visit_at = now() - interval '3 days', first_visit_at = now() - interval '90 days'"
        + " WHERE tenant_id = '" + shop.bootstrapped().tenantId() + "'");
    steps.everyMemberVisited(shop, 3, 10_000);
    String id = ok(steps.launch(shop, shop.owner(), launching("basket_boost"))).getString("id");
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id + "'"))
        .isEqualTo(150);

    List<CompletableFuture<Integer>> racing = IntStream.range(0, 4)
        .mapToObj(i -> CompletableFuture.supplyAsync(CampaignDispatchTest::dispatch)).toList();
    int reached = racing.stream().mapToInt(CompletableFuture::join).sum();

    assertThat(reached).as("the passes (and any the timer ran) settled each recipient once").isBetween(1, 150);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND state = 'sent'")).isEqualTo(150);
    assertThat(steps.count("""
        SELECT count(*) FROM coupons c JOIN campaign_offers o ON o.template_id = c.template_id
         WHERE o.campaign_id = '%s' AND c.source = 'campaign'""".formatted(id))).isEqualTo(150);
    assertThat(steps.count("""
        SELECT count(*) FROM (SELECT c.member_id FROM coupons c
                                JOIN campaign_offers o ON o.template_id = c.template_id
                               WHERE o.campaign_id = '%s' GROUP BY c.member_id HAVING count(*) > 1) twice"""
        .formatted(id))).as("nobody got two").isZero();
    assertThat(steps.count("SELECT count(*) FROM member_messages WHERE campaign_id = '" + id + "'")).isEqualTo(150);
    assertThat(steps.count("SELECT sum(t.issued_count) FROM coupon_templates t JOIN campaign_offers o"
        + " ON o.template_id = t.id WHERE o.campaign_id = '" + id + "'")).isEqualTo(150);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND sms_state = 'due'")).as("no member gave a phone: no SMS is due").isZero();
    assertThat(dispatch()).as("nothing is left to reach").isZero();
    assertThat(steps.campaign(shop, id).getString("status")).as("everyone reached, no SMS due").isEqualTo("finished");
    assertThat(steps.launch(shop, shop.owner(), launching("basket_boost")).statusCode())
        .as("the type is free again").isEqualTo(201);

    String diner = members.get(0);
    JsonObject box = ok(service.get(shop.path("/messages"), diner));
    assertThat(box.getLong("unread")).isEqualTo(1);
    JsonObject message = box.getJsonArray("items").getJsonObject(0);
    assertThat(message.getString("campaign_id")).isEqualTo(id);
    JsonArray wallet = ok(service.get(shop.path("/wallet/coupons"), diner)).getJsonArray("items");
    assertThat(wallet).singleElement().matches(coupon -> ((JsonObject) coupon).getString("id")
        .equals(message.getString("coupon_id")));
  }

  @Test
  void aPausedCampaignReachesNobodyUntilItResumesAndAStoppedOneNobodyMore() {
    ARestaurant shop = ARestaurant.payFirst(service, "暂停营销面馆", "P1", 2000);
    String diner = steps.aMember(shop, "sleeper-" + UUID.randomUUID(), true, "13900000001");
    steps.history(shop, diner, 2, 30_000, 60, 200);
    String id = ok(steps.launch(shop, shop.owner(), launching("win_back"))).getString("id");
    ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/pause"), shop.owner(), null));

    dispatch();
    assertThat(steps.campaign(shop, id).getJsonObject("results").getLong("reached")).isZero();
    assertThat(service.get(shop.path("/messages/banner"), diner).statusCode()).isEqualTo(204);

    ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/resume"), shop.owner(), null));
    dispatch();
    JsonObject results = steps.campaign(shop, id).getJsonObject("results");
    assertThat(List.of(results.getLong("reached"), results.getLong("coupons_issued"),
        results.getLong("messages_sent"))).containsExactly(1L, 1L, 1L);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND sms_state = 'due'")).as("consent and a phone: an SMS is due").isEqualTo(1);
    JsonObject banner = ok(service.get(shop.path("/messages/banner"), diner)).getJsonObject("message");
    assertThat(banner.getString("body")).contains("暂停营销面馆").contains("券包");
    assertThat(service.call(HttpMethod.POST, shop.path("/messages/" + banner.getString("id") + "/read"), diner, null)
        .statusCode()).isEqualTo(204);
    assertThat(service.get(shop.path("/messages/banner"), diner).statusCode()).isEqualTo(204);
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/messages/" + UUID.randomUUID() + "/read"), diner,
        null), 404)).isEqualTo("message_not_found");
    String stranger = service.signIn("stranger-" + UUID.randomUUID());
    assertThat(problem(service.get(shop.path("/messages"), stranger), 409)).isEqualTo("join_first");
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/messages/" + banner.getString("id") + "/read"),
        steps.aMember(shop, "other-" + UUID.randomUUID(), false, null), null), 404))
        .as("another member's message is not theirs").isEqualTo("message_not_found");
  }

  @Test
  void theResultCardReadsTheOrderAReachedMemberPaidWithTheCoupon() {
    ARestaurant shop = ARestaurant.payFirst(service, "回头客面馆", "T1", 17_000);
    CouponOrder placed = aWonBackMemberOrdersWithTheCoupon(shop, "T1");
    String id = placed.campaign();
    JsonObject order = placed.order();
    assertThat(order.getLong("total_fen")).as("5 × ¥170 less ¥50").isEqualTo(80_000);
    assertThat(steps.campaign(shop, id).getJsonObject("results").getLong("coupons_redeemed"))
        .as("not paid yet: not counted").isZero();
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + order.getString("id") + "/counter-payment"),
        shop.staff(), new JsonObject().put("method", "cash")));

    JsonObject results = service.eventually(() -> steps.campaign(shop, id).getJsonObject("results"),
        found -> found.getLong("visits_in_window") == 1);
    assertThat(List.of(results.getLong("reached"), results.getLong("coupons_redeemed"),
        results.getLong("attributed_orders"), results.getLong("attributed_revenue_fen"),
        results.getLong("coupon_cost_fen"), results.getLong("cost_fen")))
        .containsExactly(1L, 1L, 1L, 80_000L, 5_000L, 5_000L);
    assertThat(results.getDouble("return_on_cost")).isEqualTo(16.0);
    assertThat(results.getInteger("window_days")).isEqualTo(14);
  }

  @Test
  void refundsComeOffTheAttributedRevenueAndAnOrderRefundedInFullCountsNeitherRevenueNorCoupon() {
    ARestaurant shop = ARestaurant.payFirst(service, "退款面馆", "F1", 17_000);
    CouponOrder placed = aWonBackMemberOrdersWithTheCoupon(shop, "F1");
    String id = placed.campaign();
    String coupon = placed.coupon();
    String order = placed.order().getString("id");
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + order + "/counter-payment"), shop.staff(),
        new JsonObject().put("method", "cash")));

    refund(shop, order, 10_000);
    JsonObject partly = steps.campaign(shop, id).getJsonObject("results");
    assertThat(List.of(partly.getLong("coupons_redeemed"), partly.getLong("attributed_orders"),
        partly.getLong("attributed_revenue_fen"), partly.getLong("coupon_cost_fen")))
        .as("¥800 paid, ¥100 of it refunded: the coupon was still used").containsExactly(1L, 1L, 70_000L, 5_000L);
    assertThat(partly.getDouble("return_on_cost")).isEqualTo(14.0);

    // Expired meanwhile, so a full refund cannot give the coupon back to the wallet: it stays on the order.
    steps.sql("UPDATE coupons SET valid_from = now() - interval '20 days', valid_until = now() - interval '1 day'"
        + " WHERE id = '" + coupon + "'");
    refund(shop, order, 70_000);
    service.eventsHandled();

    assertThat(steps.count("SELECT count(*) FROM coupons WHERE id = '" + coupon + "' AND order_id = '" + order + "'"))
        .isEqualTo(1);
    JsonObject refunded = steps.campaign(shop, id).getJsonObject("results");
    assertThat(List.of(refunded.getLong("coupons_redeemed"), refunded.getLong("attributed_orders"),
        refunded.getLong("attributed_revenue_fen"), refunded.getLong("coupon_cost_fen"), refunded.getLong("cost_fen")))
        .as("refunded in full: no sale, no coupon spent").containsExactly(0L, 0L, 0L, 0L, 0L);
    assertThat(refunded.getValue("return_on_cost")).isNull();
  }

  /** A won-back member's order, placed (not paid) with the campaign's coupon: 5 × ¥170 less ¥50. */
  private record CouponOrder(String campaign, String coupon, JsonObject order) {
  }

  private static CouponOrder aWonBackMemberOrdersWithTheCoupon(ARestaurant shop, String table) {
    // No phone: the card's cost is the coupon alone, whenever the SMS timer runs.
    String diner = steps.aMember(shop, "comeback-" + UUID.randomUUID(), false, null);
    steps.history(shop, diner, 2, 40_000, 90, 300);
    String id = ok(steps.launch(shop, shop.owner(), launching("win_back").put("offer", new JsonObject()
        .put("threshold_fen", 50_000).put("amount_off_fen", 5_000).put("validity_days", 14)))).getString("id");
    dispatch();
    String coupon = ok(service.get(shop.path("/messages"), diner)).getJsonArray("items").getJsonObject(0)
        .getString("coupon_id");
    String tab = ok(service.openTab(shop.store(), shop.table(table), diner)).getString("id");
    shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.dish()).put("quantity", 5));
    return new CouponOrder(id, coupon, shop.post(diner, "/tabs/" + tab + "/orders", new JsonObject()
        .put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 2).put("coupon", coupon)));
  }

  private static void refund(ARestaurant shop, String order, long amountFen) {
    JsonObject refund = ok(service.call(HttpMethod.POST, shop.path("/orders/" + order + "/refunds"), shop.owner(),
        new JsonObject().put("amount_fen", amountFen).put("reason", "菜品问题")
            .put("idempotency_key", "refund-" + UUID.randomUUID())));
    assertThat(refund.getString("status")).isEqualTo("succeeded");
  }

  @Test
  void aWelcomeCampaignKeepsReachingMembersWhoJoinLaterOnceEach() {
    ARestaurant shop = ARestaurant.payFirst(service, "新客礼面馆", "W1", 2000);
    String first = steps.aMember(shop, "first-" + UUID.randomUUID(), false, null);
    String id = ok(steps.launch(shop, shop.owner(), launching("welcome"))).getString("id");
    dispatch();
    String later = steps.aMember(shop, "later-" + UUID.randomUUID(), false, null);

    dispatch();
    dispatch();

    for (String diner : List.of(first, later)) {
      assertThat(ok(service.get(shop.path("/wallet/coupons"), diner)).getJsonArray("items")).hasSize(1);
    }
    assertThat(steps.campaign(shop, id).getJsonObject("results").getLong("reached")).isEqualTo(2);
  }

  @Test
  void aBudgetCapsTheFaceValueIssuedAndTheRestAreSkipped() {
    ARestaurant shop = ARestaurant.payFirst(service, "预算面馆", "G1", 2000);
    for (int i = 0; i < 3; i++) {
      steps.history(shop, steps.aMember(shop, "budget-" + UUID.randomUUID(), false, null), 2, 40_000, 100, 300);
    }
    String id = ok(steps.launch(shop, shop.owner(), launching("win_back").put("budget_fen", 7_000)
        .put("offer", new JsonObject().put("threshold_fen", 20_000).put("amount_off_fen", 3_000)
            .put("validity_days", 7)))).getString("id");

    dispatch();

    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND state = 'sent'")).as("¥70 buys two ¥30 coupons").isEqualTo(2);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND state = 'skipped' AND skip_reason = 'budget_spent'")).isEqualTo(1);
    assertThat(steps.count("SELECT issued_fen FROM campaigns WHERE id = '" + id + "'")).isEqualTo(6_000);
  }

  @Test
  void aScheduledCampaignReachesNobodyBeforeItsStartEvenWhenPausedAndResumed() {
    ARestaurant shop = ARestaurant.payFirst(service, "定时面馆", "H1", 2000);
    steps.history(shop, steps.aMember(shop, "later-" + UUID.randomUUID(), false, null), 2, 40_000, 100, 300);
    JsonObject campaign = ok(steps.launch(shop, shop.owner(), launching("win_back")
        .put("starts_at", Instant.now().plus(1, ChronoUnit.DAYS).toString())));
    String id = campaign.getString("id");
    assertThat(campaign.getString("status")).isEqualTo("scheduled");

    dispatch();
    ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/pause"), shop.owner(), null));
    JsonObject resumed = ok(service.call(HttpMethod.POST, shop.path("/campaigns/" + id + "/resume"), shop.owner(),
        null));
    dispatch();

    assertThat(resumed.getString("status")).isEqualTo("scheduled");
    assertThat(steps.campaign(shop, id).getJsonObject("results").getLong("reached")).isZero();
    steps.sql("UPDATE campaigns SET starts_at = now() - interval '1 minute' WHERE id = '" + id + "'");
    dispatch();
    assertThat(steps.campaign(shop, id).getJsonObject("results").getLong("reached")).isEqualTo(1);
  }

  @Test
  void anInstanceWithoutTheLeaseStartsNoScheduledCampaignAndEnrolsNobodyUntilTheLeaseIsItsToTake() {
    ARestaurant shop = ARestaurant.payFirst(service, "租约面馆", "L1", 2000);
    String first = steps.aMember(shop, "first-" + UUID.randomUUID(), false, null);
    String welcome = ok(steps.launch(shop, shop.owner(), launching("welcome"))).getString("id");
    String sleeper = steps.aMember(shop, "sleeper-" + UUID.randomUUID(), false, null);
    steps.history(shop, sleeper, 2, 40_000, 100, 300);
    String winBack = ok(steps.launch(shop, shop.owner(), launching("win_back")
        .put("starts_at", Instant.now().plus(1, ChronoUnit.DAYS).toString()))).getString("id");
    steps.sql("UPDATE campaigns SET starts_at = now() - interval '1 minute' WHERE id = '" + winBack + "'");
    steps.sql("""
        INSERT INTO job_leases (name, holder, expires_at)
        VALUES ('campaign.dispatch', 'another-instance', now() + interval '1 hour')
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at""");
    String later;
    try {
      later = steps.aMember(shop, "later-" + UUID.randomUUID(), false, null);

      dispatch();

      assertThat(ok(service.get(shop.path("/wallet/coupons"), first)).getJsonArray("items"))
          .as("members enrolled at launch are reached by any instance").hasSize(1);
      assertThat(ok(service.get(shop.path("/wallet/coupons"), later)).getJsonArray("items"))
          .as("only the holder enrols newcomers").isEmpty();
      assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + welcome + "'"))
          .isEqualTo(1);
      assertThat(steps.campaign(shop, winBack).getString("status")).as("only the holder starts it")
          .isEqualTo("scheduled");
    } finally {
      steps.sql("UPDATE job_leases SET expires_at = now() - interval '1 second' WHERE name = 'campaign.dispatch'");
    }

    dispatch();

    assertThat(ok(service.get(shop.path("/wallet/coupons"), later)).getJsonArray("items")).hasSize(1);
    assertThat(steps.campaign(shop, welcome).getJsonObject("results").getLong("reached")).isEqualTo(2);
    assertThat(steps.campaign(shop, winBack).getJsonObject("results").getLong("reached")).isEqualTo(1);
    assertThat(steps.count("SELECT count(*) FROM job_leases WHERE name = 'campaign.dispatch'"
        + " AND holder <> 'another-instance' AND expires_at > now()")).as("taken over").isEqualTo(1);
  }

  @Test
  void aBirthdayCampaignGreetsItsMemberOncePerBirthdayWhileDispatchersRaceAcrossTheYearBoundary() {
    ARestaurant shop = ARestaurant.payFirst(service, "生日面馆", "B1", 2000);
    String diner = steps.aMember(shop, "birthday-" + UUID.randomUUID(), false, null);
    String member = steps.memberId(shop, diner);
    steps.sql("UPDATE members SET birthday = '1990-01-02' WHERE id = '" + member + "'");
    String id = ok(steps.launch(shop, shop.owner(), launching("birthday"))).getString("id");
    int year = LocalDate.now(SHANGHAI).getYear() + 2;
    Vertx vertx = VertxFactory.create().vertx();
    Database others = Database.connect(vertx, service.env().appUrl(), 8, "other-instances");
    try {
      for (int birthday : List.of(year, year + 1)) {
        // Two instances a week before the birthday and two on New Year's Day, each believing it leads (as when a
        // pass outlasts the lease): all of them find the member due the same birthday.
        Instant weekBefore = LocalDate.of(birthday - 1, 12, 28).atTime(10, 0).atZone(SHANGHAI).toInstant();
        Instant newYear = LocalDate.of(birthday, 1, 1).atTime(10, 0).atZone(SHANGHAI).toInstant();
        List<CampaignDispatch> racing = IntStream.range(0, 4).mapToObj(i -> dispatcher(others,
            Clock.fixed(i % 2 == 0 ? weekBefore : newYear, ZoneOffset.UTC), birthday + "-" + i)).toList();

        Await.result(Future.all(racing.stream().map(CampaignDispatch::pass).toList()));
        Await.result(racing.get(1).pass());

        assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
            + "' AND occasion = '" + birthday + "' AND state = 'sent'")).as("greeted once for " + birthday)
            .isEqualTo(1);
      }
    } finally {
      Await.result(others.close());
      Await.result(vertx.close());
    }
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id + "'"))
        .as("once a year, two years").isEqualTo(2);
    assertThat(steps.count("""
        SELECT count(*) FROM coupons c JOIN campaign_offers o ON o.template_id = c.template_id
         WHERE o.campaign_id = '%s' AND c.member_id = '%s'""".formatted(id, member))).isEqualTo(2);
    assertThat(steps.count("SELECT count(DISTINCT occasion) FROM member_messages WHERE campaign_id = '" + id
        + "' AND member_id = '" + member + "'")).isEqualTo(2);
    assertThat(steps.count("SELECT count(*) FROM member_messages WHERE campaign_id = '" + id + "'")).isEqualTo(2);
  }

  /** Another instance's dispatcher on the service's database, with its own clock and its own lease, which it holds. */
  private static CampaignDispatch dispatcher(Database database, Clock clock, String instance) {
    return new CampaignDispatch(database, new Audiences(), new CouponIssuing(clock), new Messages(),
        new JobLease(database, "test.instance." + instance, instance, Duration.ofMinutes(5), clock), clock);
  }
}
