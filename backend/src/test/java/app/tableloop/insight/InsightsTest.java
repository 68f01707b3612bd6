package app.tableloop.insight;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.loyalty.storedvalue.StoredValueSteps;
import app.tableloop.menu.BusinessDay;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The owner's dashboard, the explanation and the operator's ranking, end to end: revenue agrees with the daily
 * settlement, figures of seeded bills come out exact for the period asked, one store apart from the tenant, and only
 * the roles the contract names may read them.
 */
class InsightsTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final long PRICE_FEN = 2800;

  static RunningService service;

  @BeforeAll
  static void start() {
    service = RunningService.startReachable(InsightsTest.class);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void revenueEqualsTheSettlementsNetOverThePeriodWhateverPaidTheBills() {
    ARestaurant shop = ARestaurant.payFirst(service, "对账面馆", "A1-A5", PRICE_FEN);
    StoredValueSteps storedValue = new StoredValueSteps(service);
    Ordered byWeChat = shop.anOrderAwaitingPayment("insight-wechat", "A1", 2);
    service.simulator().pay().pay(shop.requestWeChatPayment(byWeChat).getJsonObject("payment")
        .getString("out_trade_no"));
    service.eventually(() -> service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '"
        + byWeChat.order() + "'"), paid -> paid == 1);
    Ordered atCounter = shop.anOrderAwaitingPayment("insight-counter", "A2", 1);
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + atCounter.order() + "/counter-payment"), shop.staff(),
        new JsonObject().put("method", "cash")));
    String member = service.signIn("insight-member");
    join(shop, member);
    storedValue.toppedUp(shop, member, storedValue.aPackage(shop, "充100", 10_000, 0).getString("id"), 10_000);
    ARestaurant.Seated seated = new ARestaurant.Seated(shop, member, shop.table("A3"),
        ok(service.openTab(shop.store(), shop.table("A3"), member)).getString("id"));
    JsonObject fromBalance = shop.order(seated, 1);
    assertThat(service.call(HttpMethod.POST, shop.path("/tabs/" + seated.tab() + "/orders/"
        + fromBalance.getString("id") + "/stored-value-payment"), member, null).statusCode()).isEqualTo(201);
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + byWeChat.order() + "/refunds"), shop.owner(),
        new JsonObject().put("amount_fen", 1_000).put("reason", "少上一道菜")
            .put("idempotency_key", "insight-refund-" + UUID.randomUUID())));
    service.eventually(() -> service.env().count("SELECT count(*) FROM refunds WHERE status = 'succeeded'"
        + " AND order_id = '" + byWeChat.order() + "'"), succeeded -> succeeded == 1);
    service.eventsHandled();

    JsonObject week = ok(service.get(shop.path("/insights/dashboard?period=7d"), shop.owner()));

    long settled = 0;
    for (Object day : week.getJsonArray("daily")) {
      String date = ((JsonObject) day).getString("date");
      long net = ok(service.get(shop.path("/settlements/" + date), shop.owner())).getLong("net_fen");
      assertThat(((JsonObject) day).getLong("revenue_fen")).as(date).isEqualTo(net);
      settled += net;
    }
    assertThat(week.getLong("revenue_fen")).isEqualTo(settled).as("WeChat, counter and the top-up, less the refund")
        .isEqualTo(5_600 + 2_800 + 10_000 - 1_000);
    assertThat(week.getLong("sales_fen")).as("the three bills, the one paid from the balance too, less the refund")
        .isEqualTo(5_600 + 2_800 + 2_800 - 1_000);
    assertThat(week.getJsonObject("stored_value"))
        .isEqualTo(new JsonObject().put("top_ups_fen", 10_000).put("used_fen", 2_800));
    assertThat(List.of(week.getLong("bills"), week.getLong("orders"), week.getLong("covers"),
        week.getLong("avg_basket_fen"))).containsExactly(3L, 3L, 3L, 3_400L);
    JsonObject diners = week.getJsonObject("diners");
    assertThat(diners.getJsonObject("new")).isEqualTo(new JsonObject().put("count", 3).put("revenue_fen", 10_200)
        .put("revenue_share_percent", 100.0));
    assertThat(diners.getJsonObject("returning").getLong("count")).isZero();
    assertThat(diners.getJsonObject("unknown").getLong("revenue_fen")).isZero();
    assertThat(week.getJsonArray("payment_methods")).containsExactly(
        new JsonObject().put("method", "wechat").put("count", 1).put("amount_fen", 5_600),
        new JsonObject().put("method", "counter").put("count", 1).put("amount_fen", 2_800),
        new JsonObject().put("method", "stored_value").put("count", 1).put("amount_fen", 2_800));
    assertThat(week.getJsonObject("refunds")).isEqualTo(new JsonObject().put("count", 1).put("amount_fen", 1_000));
    assertThat(week.getJsonArray("top_dishes")).containsExactly(new JsonObject().put("dish_id", shop.dish())
        .put("name", "红烧牛肉面").put("quantity", 4).put("revenue_fen", 4 * PRICE_FEN));
    assertThat(week.getJsonArray("hours")).hasSize(24);
    assertThat(week.getJsonArray("hours").stream().mapToLong(hour -> ((JsonObject) hour).getLong("bills")).sum())
        .isEqualTo(3);
    assertThat(week.getJsonObject("members_joined")).isEqualTo(new JsonObject().put("count", 1)
        .put("by_staff", new JsonArray().add(new JsonObject().putNull("user_id").put("name", "自助加入")
            .put("count", 1))));
    assertThat(week.getJsonObject("definitions").fieldNames())
        .contains("revenue_fen", "sales_fen", "covers", "avg_basket_fen", "diners");
    JsonObject explained = ok(service.get(shop.path("/insights/explanation?period=7d"), shop.owner()));
    assertThat(explained.getLong("revenue_fen")).as("why explains the revenue the dashboard shows")
        .isEqualTo(week.getLong("revenue_fen"));
    assertThat(explained.getJsonArray("parts").getJsonObject(4)).isEqualTo(new JsonObject().put("key", "stored_value")
        .put("change_fen", 10_000 - 2_800));

    JsonObject welcome = ok(service.call(HttpMethod.POST, shop.path("/campaigns"), shop.owner(), new JsonObject()
        .put("type", "welcome").put("idempotency_key", "insight-welcome-" + UUID.randomUUID())));
    JsonArray campaigns = ok(service.get(shop.path("/insights/dashboard?period=today"), shop.owner()))
        .getJsonArray("campaigns");
    assertThat(campaigns).hasSize(1);
    assertThat(campaigns.getJsonObject(0).getString("campaign_id")).isEqualTo(welcome.getString("id"));
    assertThat(campaigns.getJsonObject(0).getString("type")).isEqualTo("welcome");
    assertThat(campaigns.getJsonObject(0).getString("status")).isEqualTo("running");
    assertThat(campaigns.getJsonObject(0).getValue("return_on_cost")).as("nothing cost anything yet").isNull();
  }

  @Test
  void theExplanationSplitsTheWeeksChangeIntoNewCustomersVisitsBasketAndOtherExactly() {
    ARestaurant shop = ARestaurant.payFirst(service, "解释面馆", "E1", PRICE_FEN);
    String order = shop.anOrderAwaitingPayment("insight-placer", "E1", 1).order();
    String regular = aUser("regular");
    String lapsed = aUser("lapsed");
    String newcomerBefore = aUser("newcomer-before");
    String newcomerNow = aUser("newcomer-now");
    // Before this week (days 7 to 13 ago): two regulars, one newcomer and a counter bill of nobody known.
    bill(shop, order, regular, 9_000, 30);
    bill(shop, order, regular, 10_000, 10);
    bill(shop, order, regular, 10_000, 9);
    bill(shop, order, lapsed, 8_000, 20);
    bill(shop, order, lapsed, 10_000, 8);
    bill(shop, order, newcomerBefore, 5_000, 12);
    bill(shop, order, null, 2_000, 11);
    // This week: the regular once, last week's newcomer back, and a newcomer.
    bill(shop, order, regular, 13_000, 2);
    bill(shop, order, newcomerBefore, 5_000, 3);
    bill(shop, order, newcomerNow, 8_000, 1);

    JsonObject explained = ok(service.get(shop.path("/insights/explanation?period=7d"), shop.owner()));

    LocalDate today = BusinessDay.of(Instant.now(), SHANGHAI);
    assertThat(explained.getJsonObject("period")).isEqualTo(new JsonObject().put("key", "7d")
        .put("from", today.minusDays(6).toString()).put("to", today.toString()).put("time_zone", "Asia/Shanghai"));
    assertThat(explained.getJsonObject("previous")).isEqualTo(new JsonObject()
        .put("from", today.minusDays(13).toString()).put("to", today.minusDays(7).toString()));
    assertThat(List.of(explained.getLong("revenue_fen"), explained.getLong("previous_revenue_fen"),
        explained.getLong("change_fen"))).containsExactly(26_000L, 37_000L, -11_000L);
    assertThat(explained.getJsonArray("parts")).containsExactly(
        new JsonObject().put("key", "new_customers").put("change_fen", 3_000).put("current", 1).put("previous", 1),
        new JsonObject().put("key", "visit_frequency").put("change_fen", -10_000).put("current", 2)
            .put("previous", 3),
        new JsonObject().put("key", "basket_size").put("change_fen", -2_000).put("current", 9_000)
            .put("previous", 10_000),
        new JsonObject().put("key", "other").put("change_fen", -2_000),
        new JsonObject().put("key", "stored_value").put("change_fen", 0));
    assertThat(explained.getJsonArray("sentences")).containsExactly("营业额比上周少 ¥110：老顾客少来了 1 人次（−¥100），"
        + "新顾客消费多了（+¥30），客单价降了 ¥10（−¥20），未关联顾客的账单少了（−¥20）。");
    assertThat(explained.getJsonArray("sentences_en").getString(0)).startsWith("Revenue is ¥110 lower than last week");

    JsonObject today1 = ok(service.get(shop.path("/insights/dashboard?period=today"), shop.owner()));
    assertThat(today1.getJsonObject("period").getString("from")).isEqualTo(today.toString());
    assertThat(today1.getLong("bills")).as("nothing paid today").isZero();
    assertThat(today1.getJsonArray("daily")).hasSize(1);
    JsonObject week = ok(service.get(shop.path("/insights/dashboard"), shop.owner()));
    assertThat(week.getJsonObject("period").getString("key")).as("7d by default").isEqualTo("7d");
    assertThat(week.getJsonArray("daily")).hasSize(7);
    assertThat(List.of(week.getLong("revenue_fen"), week.getLong("bills"))).containsExactly(26_000L, 3L);
    JsonObject diners = week.getJsonObject("diners");
    assertThat(diners.getJsonObject("new")).isEqualTo(new JsonObject().put("count", 1).put("revenue_fen", 8_000)
        .put("revenue_share_percent", 30.8));
    assertThat(diners.getJsonObject("returning")).isEqualTo(new JsonObject().put("count", 2).put("visits", 2)
        .put("revenue_fen", 18_000).put("revenue_share_percent", 69.2));
    JsonObject month = ok(service.get(shop.path("/insights/dashboard?period=30d"), shop.owner()));
    assertThat(List.of(month.getLong("revenue_fen"), month.getLong("bills"))).as("all but the bill 30 days ago")
        .containsExactly(71_000L, 9L);
  }

  @Test
  void theOperatorSeesAllStoresTogetherAndRankedWhileOwnersSeeTheirStoreOnly() {
    ARestaurant shop = ARestaurant.payFirst(service, "一号店", "F1", PRICE_FEN);
    UUID tenantId = shop.bootstrapped().tenantId();
    String operator = service.anOperatorOf(tenantId, "insight-operator-" + UUID.randomUUID());
    String tenantPath = "/api/v1/tenants/" + tenantId;
    String second = ok(service.call(HttpMethod.POST, tenantPath + "/stores", operator,
        new JsonObject().put("name", "二号店"))).getString("id");
    String order = shop.anOrderAwaitingPayment("insight-franchise", "F1", 1).order();
    String diner = aUser("franchise-diner");
    bill(shop, order, diner, 10_000, 9);
    bill(shop, order, diner, 12_000, 1);
    billAt(UUID.fromString(second), tenantId, order, null, 4_000, 2);
    billAt(UUID.fromString(second), tenantId, order, null, 3_000, 10);

    JsonObject all = ok(service.get(tenantPath + "/insights/dashboard?period=7d", operator));
    JsonObject one = ok(service.get(shop.path("/insights/dashboard?period=7d"), operator));

    assertThat(all.getJsonObject("scope")).isEqualTo(new JsonObject().putNull("store_id").put("name", "全部门店"));
    assertThat(List.of(all.getLong("revenue_fen"), all.getLong("bills"))).containsExactly(16_000L, 2L);
    assertThat(one.getJsonObject("scope").getString("name")).isEqualTo(shop.store().name());
    assertThat(List.of(one.getLong("revenue_fen"), one.getLong("bills"))).containsExactly(12_000L, 1L);
    assertThat(ok(service.get(shop.path("/insights/dashboard?period=7d"), shop.owner())).getLong("revenue_fen"))
        .isEqualTo(12_000);

    JsonObject ranked = ok(service.get(tenantPath + "/insights/stores?period=7d", operator));
    JsonArray stores = ranked.getJsonArray("stores");
    assertThat(stores).hasSize(2);
    JsonObject first = stores.getJsonObject(0);
    JsonObject last = stores.getJsonObject(1);
    assertThat(List.of(first.getString("name"), first.getLong("revenue_fen"), first.getLong("previous_revenue_fen")))
        .containsExactly(shop.store().name(), 12_000L, 10_000L);
    assertThat(first.getDouble("growth_percent")).isEqualTo(20.0);
    assertThat(first.getDouble("repeat_rate_percent")).isEqualTo(100.0);
    assertThat(first.getJsonArray("below_median")).as("20% against the median of 20% and 33.3%")
        .containsExactly("growth_percent");
    assertThat(List.of(last.getString("name"), last.getLong("revenue_fen"), last.getInteger("rank")))
        .containsExactly("二号店", 4_000L, 2);
    assertThat(last.getDouble("growth_percent")).isEqualTo(33.3);
    assertThat(last.getJsonArray("below_median")).containsExactly("revenue_fen", "repeat_rate_percent",
        "avg_basket_fen");
    assertThat(ranked.getJsonObject("median")).isEqualTo(new JsonObject().put("revenue_fen", 8_000)
        .put("growth_percent", 26.7).put("repeat_rate_percent", 50.0).put("avg_basket_fen", 8_000)
        .putNull("campaign_return"));

    // Who may read what: owners their store, operators the tenant. Staff are refused at their store; to anyone
    // else (owners at the tenant level, diners, other tenants) the store or tenant is not there.
    ARestaurant neighbour = ARestaurant.payFirst(service, "隔壁面馆", "N1", PRICE_FEN);
    String otherOperator = service.anOperatorOf(neighbour.bootstrapped().tenantId(), "insight-other-op-"
        + UUID.randomUUID());
    String curious = service.signIn("insight-curious-diner");
    assertThat(problem(service.get(shop.path("/insights/dashboard"), shop.staff()), 403)).isEqualTo("forbidden");
    assertThat(problem(service.get(shop.path("/insights/explanation"), shop.staff()), 403)).isEqualTo("forbidden");
    for (String hidden : List.of(tenantPath + "/insights/dashboard", tenantPath + "/insights/stores")) {
      assertThat(problem(service.get(hidden, shop.owner()), 404)).as(hidden).isEqualTo("not_found");
      assertThat(problem(service.get(hidden, shop.staff()), 404)).as(hidden).isEqualTo("not_found");
      assertThat(problem(service.get(hidden, curious), 404)).as(hidden).isEqualTo("not_found");
      assertThat(problem(service.get(hidden, otherOperator), 404)).as(hidden).isEqualTo("not_found");
      assertThat(service.get(hidden, null).statusCode()).as(hidden).isEqualTo(401);
    }
    for (String hidden : List.of(shop.path("/insights/dashboard"), shop.path("/insights/explanation"))) {
      assertThat(problem(service.get(hidden, curious), 404)).as(hidden).isEqualTo("not_found");
      assertThat(problem(service.get(hidden, neighbour.owner()), 404)).as(hidden).isEqualTo("not_found");
      assertThat(problem(service.get(hidden, otherOperator), 404)).as(hidden).isEqualTo("not_found");
    }
  }

  @Test
  void anUnknownPeriodIsABadRequestWithAProblem() {
    ARestaurant shop = ARestaurant.payFirst(service, "周期面馆", "P1", PRICE_FEN);

    JsonObject refused = service.get(shop.path("/insights/dashboard?period=90d"), shop.owner()).bodyAsJsonObject();

    assertThat(refused.getInteger("status")).isEqualTo(400);
    assertThat(refused.getString("code")).isNotBlank();
    assertThat(refused.getString("message")).isNotBlank();
    assertThat(refused.getString("message_en")).isNotBlank();
    assertThat(service.get(shop.path("/insights/explanation?period=week"), shop.owner()).statusCode())
        .isEqualTo(400);
  }

  private static void join(ARestaurant at, String diner) {
    int version = ok(service.get(at.path("/membership"), diner)).getJsonObject("notice").getInteger("version");
    ok(service.call(HttpMethod.POST, at.path("/membership"), diner,
        new JsonObject().put("consent", true).put("notice_version", version)));
  }

  /** A WeChat user who never signed in here: enough to name the diner of seeded bills. */
  private static String aUser(String name) {
    AtomicReference<String> id = new AtomicReference<>();
    service.env().asOwner(sql -> {
      try (var rows = sql.executeQuery("INSERT INTO users (openid) VALUES ('insight-" + name + "-"
          + UUID.randomUUID() + "') RETURNING id")) {
        rows.next();
        id.set(rows.getString(1));
      }
    });
    return id.get();
  }

  private static void bill(ARestaurant shop, String order, String userId, long amountFen, int daysAgo) {
    billAt(shop.store().id(), shop.bootstrapped().tenantId(), order, userId, amountFen, daysAgo);
  }

  /**
   * A bill paid at the counter at noon (store time) of the business day {@code daysAgo} before today, as the payment,
   * its ledger entry and the diner's visit record it; {@code userId} null: no diner known.
   */
  private static void billAt(UUID storeId, UUID tenantId, String order, String userId, long amountFen, int daysAgo) {
    LocalDate day = BusinessDay.of(Instant.now(), SHANGHAI).minusDays(daysAgo);
    String at = ZonedDateTime.of(day, LocalTime.NOON, SHANGHAI).toOffsetDateTime().toString();
    String user = userId == null ? "NULL" : "'" + userId + "'";
    service.env().asOwner(sql -> sql.execute("""
        WITH paid AS (
            INSERT INTO payments (tenant_id, store_id, order_id, out_trade_no, method, amount_fen, status, paid_at,
                                  recorded_by)
            SELECT '%1$s', '%2$s', o.id, replace(gen_random_uuid()::text, '-', ''), 'cash', %3$d, 'paid',
                   '%4$s', o.placed_by
              FROM orders o WHERE o.id = '%5$s'
            RETURNING id, order_id),
        booked AS (
            INSERT INTO payment_ledger (tenant_id, store_id, payment_id, order_id, entry_key, kind, method,
                                        amount_fen, occurred_at)
            SELECT '%1$s', '%2$s', id, order_id, 'payment:' || id, 'payment', 'cash', %3$d, '%4$s' FROM paid)
        INSERT INTO diner_visits (payment_id, tenant_id, user_id, store_id, paid_at, amount_fen)
        SELECT id, '%1$s', %6$s, '%2$s', '%4$s', %3$d FROM paid
        """.formatted(tenantId, storeId, amountFen, at, order, user)));
  }
}
