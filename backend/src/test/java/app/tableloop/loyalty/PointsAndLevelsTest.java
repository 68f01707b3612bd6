package app.tableloop.loyalty;

import static app.tableloop.membership.MemberSteps.consent;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.loyalty.level.LevelRecompute;
import app.tableloop.loyalty.level.Levels;
import app.tableloop.loyalty.points.PointsExpiry;
import app.tableloop.loyalty.points.Points;
import app.tableloop.loyalty.points.PointsRefusal;
import app.tableloop.loyalty.storedvalue.PaidFromBalance;
import app.tableloop.loyalty.storedvalue.StoredValueSteps;
import app.tableloop.membership.MemberSteps;
import app.tableloop.membership.MembershipRefusal;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.refusal.Refused;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Points and levels end to end: earned from paid orders through the outbox relay exactly once, clawed back by refunds,
 * expired by the job, spent oldest-expiring first and never below zero under a race; the owner's earn rule and level
 * rules checked and applied; one tenant's points and rules invisible to another.
 */
class PointsAndLevelsTest {
  private static final long PRICE_FEN = 8800;
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static RunningService service;
  static MemberSteps steps;
  static StoredValueSteps storedValue;
  static Vertx vertx;
  static Database database;
  static Points points;

  @BeforeAll
  static void start() {
    // Reachable: WeChat Pay's notifications of top-ups must arrive.
    service = RunningService.startReachable(PointsAndLevelsTest.class);
    steps = new MemberSteps(service);
    storedValue = new StoredValueSteps(service);
    vertx = Vertx.vertx();
    database = Database.connect(vertx, service.env().appUrl(), 8);
    points = new Points(database, new Levels(Clock.systemUTC()), new PaidFromBalance(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    Await.result(database.close());
    Await.result(vertx.close());
    service.close();
  }

  @Test
  void aPaid88OrderEarnsItsPointsVisitAndLevelOnceEvenWhenItsEventComesTwice() {
    ARestaurant shop = ARestaurant.payFirst(service, "积分面馆", "P1-P3", PRICE_FEN);
    String diner = aMember(shop, "earner");
    ARestaurant.Ordered first = steps.paidOrder(shop, diner, "P1", 1);

    JsonObject wallet = balanceOnceThere(shop, diner, 88);
    JsonObject earned = wallet.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(earned.getString("kind")).isEqualTo("earn");
    assertThat(earned.getLong("points")).isEqualTo(88);
    assertThat(earned.getString("order_id")).isEqualTo(first.order());
    int nextYear = LocalDate.now(SHANGHAI).getYear() + 1;
    assertThat(wallet.getJsonArray("expiring").getJsonObject(0).getLong("points")).isEqualTo(88);
    assertThat(Instant.parse(wallet.getJsonArray("expiring").getJsonObject(0).getString("expires_at")))
        .as("the end of next year in the store's time zone")
        .isEqualTo(LocalDate.of(nextYear + 1, 1, 1).atStartOfDay(SHANGHAI).toInstant());
    assertThat(steps.stats(shop, diner).getInteger("visits")).isEqualTo(1);
    JsonObject level = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(level.getJsonObject("level").getString("name")).isEqualTo("普通");
    assertThat(level.getLong("spend_12m_fen")).isEqualTo(PRICE_FEN);
    assertThat(level.getJsonObject("next_level").getString("name")).isEqualTo("银卡");
    assertThat(level.getJsonObject("next_level").getLong("spend_needed_fen")).isEqualTo(100_000 - PRICE_FEN);

    service.deliverAgain("order.paid");
    assertThat(wallet(shop, diner).getLong("balance")).as("earned once").isEqualTo(88);
    assertThat(steps.stats(shop, diner).getInteger("visits")).as("counted once").isEqualTo(1);

    // ¥1,056 more lifts the member to 银卡 (earned at the level they paid at); the next ¥88 earns 88 × 1.2.
    steps.paidOrder(shop, diner, "P2", 12);
    balanceOnceThere(shop, diner, 88 + 1056);
    assertThat(ok(service.get(shop.path("/wallet/level"), diner)).getJsonObject("level").getString("name"))
        .isEqualTo("银卡");
    steps.paidOrder(shop, diner, "P3", 1);
    balanceOnceThere(shop, diner, 88 + 1056 + 105);

    service.deliverAgain("order.paid");
    JsonObject after = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(after.getJsonObject("level").getInteger("rank")).isEqualTo(1);
    assertThat(after.getJsonObject("level").getDouble("points_multiplier")).isEqualTo(1.2);
    assertThat(after.getLong("spend_12m_fen")).isEqualTo(14 * PRICE_FEN);
    assertThat(after.getJsonObject("next_level").getLong("spend_needed_fen")).isEqualTo(300_000 - 14 * PRICE_FEN);
    assertThat(after.getJsonArray("levels")).hasSize(3);
    assertThat(wallet(shop, diner).getLong("balance")).isEqualTo(88 + 1056 + 105);
    assertThat(service.env().count("SELECT count(*) FROM points_ledger WHERE kind = 'earn' AND member_id = '"
        + memberId(diner) + "'")).isEqualTo(3);
    assertThat(steps.stats(shop, diner).getInteger("visits")).isEqualTo(3);
    assertTheLedgerAndTheLotsAgree();
  }

  @Test
  void aTabPaidAtTheEndOfTheMealEarnsOnEverythingItPaid() {
    ARestaurant shop = ARestaurant.eatFirst(service, "先吃后付积分", "E1", PRICE_FEN);
    String diner = aMember(shop, "tab-earner");
    String tab = ok(service.openTab(shop.store(), shop.table("E1"), diner)).getString("id");
    ARestaurant.Seated seated = new ARestaurant.Seated(shop, diner, shop.table("E1"), tab);
    shop.order(seated, 1);
    shop.order(seated, 2);
    shop.post(shop.staff(), "/tabs/" + tab + "/counter-payment", new JsonObject().put("method", "cash"));

    JsonObject wallet = balanceOnceThere(shop, diner, 3 * 88);
    JsonObject earned = wallet.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(earned.getString("tab_id")).isEqualTo(tab);
    assertThat(earned.getString("order_id")).isNull();
  }

  @Test
  void aRefundClawsBackInProportionAFullOneEverythingAndSpentPointsOnlyDownToZero() {
    ARestaurant shop = ARestaurant.payFirst(service, "退款面馆", "R1-R2", PRICE_FEN);
    String diner = aMember(shop, "refunded");
    ARestaurant.Ordered order = steps.paidOrder(shop, diner, "R1", 1);
    balanceOnceThere(shop, diner, 88);

    refund(shop, order, 1000);
    JsonObject partly = balanceOnceThere(shop, diner, 78);
    JsonObject clawback = partly.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(clawback.getString("kind")).isEqualTo("clawback");
    assertThat(clawback.getLong("points")).isEqualTo(-10);
    assertThat(clawback.getString("order_id")).isEqualTo(order.order());
    refund(shop, order, PRICE_FEN - 1000);
    balanceOnceThere(shop, diner, 0);
    service.deliverAgain("payment.refunded");
    assertThat(wallet(shop, diner).getLong("balance")).as("clawed back once").isZero();
    assertThat(ok(service.get(shop.path("/wallet/level"), diner)).getLong("spend_12m_fen")).isZero();

    // Points spent before the refund: the refund takes what is left and records the rest as its shortfall.
    ARestaurant.Ordered spentOn = steps.paidOrder(shop, diner, "R2", 1);
    balanceOnceThere(shop, diner, 88);
    UUID member = memberId(diner);
    assertThat(Await.result(spend(shop, member, 80)).balance()).isEqualTo(8);
    refund(shop, spentOn, PRICE_FEN);
    JsonObject drained = balanceOnceThere(shop, diner, 0);
    JsonObject lastClawback = drained.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(lastClawback.getLong("points")).isEqualTo(-8);
    assertThat(lastClawback.getLong("shortfall")).isEqualTo(80);
    assertTheLedgerAndTheLotsAgree();
  }

  @Test
  void aPaymentFromStoredValueEarnsOnItsPrincipalOnlyATopUpNothingAndItsRefundClawsBackInProportion() {
    ARestaurant shop = ARestaurant.payFirst(service, "储值积分面馆", "V1", PRICE_FEN);
    String diner = aMember(shop, "balance-payer");
    storedValue.toppedUp(shop, diner, storedValue.aPackage(shop, "充500送50", 50000, 5000).getString("id"), 55000);
    service.eventsHandled();
    UUID member = memberId(diner);
    assertThat(service.env().count("SELECT count(*) FROM points_ledger WHERE member_id = '" + member + "'"))
        .as("a top-up is money put aside, not spent: it earns nothing").isZero();
    ARestaurant.Ordered order = steps.order(shop, diner, "V1", 1);

    ok(shop.call(diner, StoredValueSteps.payPath(order), null));

    // ¥88 of a balance of ¥500 principal and ¥50 bonus takes ¥80 principal and ¥8 bonus: 80 points, not 88.
    assertThat(service.env().count("SELECT count(*) FROM stored_value_entries WHERE kind = 'payment'"
        + " AND principal_fen = -8000 AND bonus_fen = -800 AND order_id = '" + order.order() + "'")).isEqualTo(1);
    JsonObject earned = balanceOnceThere(shop, diner, 80);
    assertThat(earned.getJsonObject("history").getJsonArray("items").getJsonObject(0).getString("order_id"))
        .isEqualTo(order.order());
    service.deliverAgain("order.paid");
    assertThat(wallet(shop, diner).getLong("balance")).as("earned once").isEqualTo(80);

    // Half the payment back to the balance (¥40 principal, ¥4 bonus): half the points go, the rest with the rest.
    refund(shop, order, PRICE_FEN / 2);
    balanceOnceThere(shop, diner, 40);
    assertThat(storedValue.wallet(shop, diner).getLong("principal_fen")).isEqualTo(50000 - 8000 + 4000);
    refund(shop, order, PRICE_FEN / 2);
    balanceOnceThere(shop, diner, 0);
    assertThat(storedValue.wallet(shop, diner).getLong("balance_fen")).isEqualTo(55000);
    assertTheLedgerAndTheLotsAgree();
  }

  @Test
  void theExpiryJobExpiresExactlyTheLotsWhoseTimeIsUp() {
    ARestaurant shop = ARestaurant.payFirst(service, "过期面馆", "X1-X2", PRICE_FEN);
    String diner = aMember(shop, "expiring");
    steps.paidOrder(shop, diner, "X1", 1);
    balanceOnceThere(shop, diner, 88);
    steps.paidOrder(shop, diner, "X2", 2);
    balanceOnceThere(shop, diner, 88 + 176);
    // The first lot's time is up (as if a year had passed); the second's is not.
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE points_lots SET expires_at = now() - interval '1 minute'"
        + " WHERE member_id = '" + memberId(diner) + "' AND points = 88"));

    assertThat(service.<Integer>runJob(PointsExpiry.EXPIRE_NOW)).isEqualTo(1);
    JsonObject wallet = wallet(shop, diner);
    assertThat(wallet.getLong("balance")).isEqualTo(176);
    JsonObject expired = wallet.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(expired.getString("kind")).isEqualTo("expire");
    assertThat(expired.getLong("points")).isEqualTo(-88);
    assertThat(wallet.getJsonArray("expiring")).hasSize(1);
    assertThat(service.<Integer>runJob(PointsExpiry.EXPIRE_NOW)).as("nothing more is due").isZero();
    assertTheLedgerAndTheLotsAgree();
  }

  @Test
  void racingSpendsNeverTakeTheBalanceBelowZeroAndTakeTheSoonestExpiringLotFirst() {
    ARestaurant shop = ARestaurant.payFirst(service, "兑换面馆", "S1-S2", PRICE_FEN);
    String diner = aMember(shop, "spender");
    steps.paidOrder(shop, diner, "S1", 10);
    balanceOnceThere(shop, diner, 880);
    ok(service.call(HttpMethod.PUT, shop.path("/loyalty/earn-rule"), shop.owner(),
        new JsonObject().put("points_per_yuan", 1).put("expiry", new JsonObject().put("days", 30))));
    steps.paidOrder(shop, diner, "S2", 1);
    balanceOnceThere(shop, diner, 968);
    UUID member = memberId(diner);

    assertThat(Await.result(spend(shop, member, 50)).balance()).isEqualTo(918);
    assertThat(service.env().count("SELECT remaining FROM points_lots WHERE member_id = '" + member
        + "' AND points = 88")).as("the lot earned last expires first, so it is spent first").isEqualTo(38);

    assertThat(refusal(spend(shop, member, 0))).isEqualTo(PointsRefusal.POINTS_INVALID.code());
    assertThat(refusal(spend(shop, member, -5))).isEqualTo(PointsRefusal.POINTS_INVALID.code());
    assertThat(refusal(spend(shop, member, 919))).isEqualTo(PointsRefusal.POINTS_INSUFFICIENT.code());
    assertThat(refusal(spend(shop, UUID.randomUUID(), 1))).isEqualTo(MembershipRefusal.MEMBER_NOT_FOUND.code());
    assertThat(wallet(shop, diner).getLong("balance")).as("refusals change nothing").isEqualTo(918);

    List<Future<Points.Spent>> race = IntStream.range(0, 30).mapToObj(i -> spend(shop, member, 50)).toList();
    Await.result(Future.join(race).otherwiseEmpty());
    assertThat(race.stream().filter(Future::succeeded).count()).isEqualTo(18);
    assertThat(race.stream().filter(Future::failed)).allSatisfy(failed ->
        assertThat(((Refused) failed.cause()).refusal().code()).isEqualTo(PointsRefusal.POINTS_INSUFFICIENT.code()));
    assertThat(wallet(shop, diner).getLong("balance")).isEqualTo(18);
    assertThat(service.env().count("SELECT sum(remaining) FROM points_lots WHERE member_id = '" + member + "'"))
        .isEqualTo(18);
    assertThat(service.env().count("SELECT count(*) FROM points_ledger WHERE kind = 'spend' AND member_id = '"
        + member + "'")).isEqualTo(19);
    assertTheLedgerAndTheLotsAgree();
  }

  @Test
  void theOwnersRulesAreCheckedAndANewLadderPutsEveryMemberAtTheirLevelAtOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "等级面馆", "L1-L2", PRICE_FEN);
    String diner = aMember(shop, "climber");
    steps.paidOrder(shop, diner, "L1", 1);
    balanceOnceThere(shop, diner, 88);
    JsonObject defaults = ok(service.get(shop.path("/loyalty/levels"), shop.owner()));
    assertThat(defaults.getJsonArray("items")).hasSize(3);

    JsonArray ladder = new JsonArray()
        .add(level(0, "普通", 0, 0, 1.0))
        .add(level(1, "银卡", 5000, 0, 2.0))
        .add(level(2, "金卡", 20000, 10, 3.5));
    assertThat(ok(service.call(HttpMethod.PUT, shop.path("/loyalty/levels"), shop.owner(),
        new JsonObject().put("items", ladder))).getJsonArray("items")).hasSize(3);
    JsonObject card = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(card.getJsonObject("level").getString("name")).as("recomputed at once").isEqualTo("银卡");
    assertThat(card.getJsonObject("next_level").getLong("spend_needed_fen")).isEqualTo(20000 - PRICE_FEN);

    assertLevelsRefused(shop, ladder.copy().set(1, level(2, "银卡", 5000, 0, 2.0)), 400, "items[1].rank");
    assertLevelsRefused(shop, ladder.copy().set(0, level(0, "普通", 100, 0, 1.0)), 400, "items[0].min_spend_fen");
    assertLevelsRefused(shop, ladder.copy().set(2, level(2, "金卡", 5000, 10, 3.5)), 400, "items[2].min_spend_fen");
    assertLevelsRefused(shop, ladder.copy().set(2, level(2, "银卡", 20000, 10, 3.5)), 400, "items[2].name");
    assertLevelsRefused(shop, ladder.copy().set(1, level(1, "银卡", 5000, 0, 1.25)), 400,
        "items[1].points_multiplier");
    assertThat(problem(putLevels(shop, ladder.copy().set(1, level(1, "银卡", 5000, 60, 2.0)), shop.owner()), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(putLevels(shop, new JsonArray(), shop.owner()), 400)).isEqualTo("missing_field");
    assertThat(problem(putLevels(shop, ladder, shop.staff()), 403)).isEqualTo("forbidden");
    assertThat(ok(service.get(shop.path("/loyalty/levels"), shop.owner())).getJsonArray("items"))
        .as("nothing changed").isEqualTo(ok(putLevels(shop, ladder, shop.owner())).getJsonArray("items"));

    JsonObject rule = ok(service.get(shop.path("/loyalty/earn-rule"), shop.owner()));
    assertThat(rule).isEqualTo(new JsonObject().put("points_per_yuan", 1).put("expiry", "end_of_next_year"));
    for (JsonObject bad : List.of(new JsonObject().put("points_per_yuan", 0),
        new JsonObject().put("points_per_yuan", 101),
        new JsonObject().put("points_per_yuan", 2).put("expiry", new JsonObject().put("days", 0)),
        new JsonObject().put("points_per_yuan", 2).put("expiry", "forever"))) {
      assertThat(service.call(HttpMethod.PUT, shop.path("/loyalty/earn-rule"), shop.owner(), bad).statusCode())
          .as(bad.encode()).isEqualTo(400);
    }
    assertThat(ok(service.get(shop.path("/loyalty/earn-rule"), shop.owner()))).as("nothing changed").isEqualTo(rule);
    JsonObject doubled = new JsonObject().put("points_per_yuan", 2).put("expiry", new JsonObject().put("days", 90));
    assertThat(ok(service.call(HttpMethod.PUT, shop.path("/loyalty/earn-rule"), shop.owner(), doubled)))
        .isEqualTo(doubled);
    // ¥88 at 2 points per yuan, at 银卡's ×2.0.
    steps.paidOrder(shop, diner, "L2", 1);
    balanceOnceThere(shop, diner, 88 + 352);

    // A year and a month later the spend has left the 12 months: the recompute job takes the member back down.
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE diner_visits SET paid_at = paid_at - interval '13 months'"
        + " WHERE store_id = '" + shop.store().id() + "'"));
    assertThat(service.<Integer>runJob(LevelRecompute.RECOMPUTE_NOW)).isPositive();
    JsonObject later = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(later.getJsonObject("level").getString("name")).isEqualTo("普通");
    assertThat(later.getLong("spend_12m_fen")).isZero();

    String stranger = service.signIn("not-a-member-" + UUID.randomUUID());
    assertThat(problem(service.get(shop.path("/wallet/points"), stranger), 404)).isEqualTo("not_a_member");
    assertThat(problem(service.get(shop.path("/wallet/level"), stranger), 404)).isEqualTo("not_a_member");
  }

  /**
   * A payment's event moves the member's spend and level in one transaction. The card must show both from before it
   * or both from after, even when that transaction commits between the card's reads: here it commits while the card
   * waits to read the spend.
   */
  @Test
  void theLevelCardShowsTheSpendAndTheLevelOfOneMoment() {
    ARestaurant shop = ARestaurant.payFirst(service, "同一刻面馆", "M1", PRICE_FEN);
    String diner = aMember(shop, "one-moment");
    steps.paidOrder(shop, diner, "M1", 1);
    balanceOnceThere(shop, diner, 88);
    UUID member = memberId(diner);
    // What the visits and points handlers do for a ¥1,000 payment: the spend up, the member up to 银卡.
    HttpResponse<Buffer> card = service.getWhileChangeCommits(shop.path("/wallet/level"), diner, "diner_visits",
        sql -> {
          sql.executeUpdate("UPDATE diner_visits SET amount_fen = amount_fen + 100000"
              + " WHERE user_id = (SELECT user_id FROM members WHERE id = '" + member + "')");
          sql.executeUpdate("UPDATE members SET level_rank = 1 WHERE id = '" + member + "'");
        });
    JsonObject before = ok(card);
    assertThat(before.getJsonObject("level").getString("name")).isEqualTo("普通");
    assertThat(before.getLong("spend_12m_fen")).as("the spend of the same moment as the level").isEqualTo(PRICE_FEN);
    JsonObject after = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(after.getJsonObject("level").getString("name")).isEqualTo("银卡");
    assertThat(after.getLong("spend_12m_fen")).isEqualTo(PRICE_FEN + 100_000);
  }

  @Test
  void aTenantSeesAndSpendsNoneOfAnothersPointsOrRules() {
    ARestaurant mine = ARestaurant.payFirst(service, "本店", "M1", PRICE_FEN);
    ARestaurant theirs = ARestaurant.payFirst(service, "别家", "T1", PRICE_FEN);
    String diner = aMember(mine, "loyal");
    steps.paidOrder(mine, diner, "M1", 1);
    balanceOnceThere(mine, diner, 88);
    UUID member = memberId(diner);

    ok(service.call(HttpMethod.PUT, theirs.path("/loyalty/earn-rule"), theirs.owner(),
        new JsonObject().put("points_per_yuan", 50)));
    assertThat(ok(service.get(mine.path("/loyalty/earn-rule"), mine.owner())).getInteger("points_per_yuan"))
        .isEqualTo(1);
    assertThat(problem(service.get(mine.path("/loyalty/levels"), theirs.owner()), 404)).isEqualTo("not_found");
    assertThat(problem(service.get(theirs.path("/wallet/points"), diner), 404)).isEqualTo("not_a_member");
    assertThat(refusal(spend(theirs, member, 10))).as("another tenant's member")
        .isEqualTo(MembershipRefusal.MEMBER_NOT_FOUND.code());
    assertThat(wallet(mine, diner).getLong("balance")).isEqualTo(88);
    // Row-level security: bound to the other tenant, the application sees none of this tenant's points rows.
    long visible = Await.result(database.inTenant(theirs.bootstrapped().tenantId(), sql -> sql.query("""
            SELECT (SELECT count(*) FROM points_ledger) + (SELECT count(*) FROM points_lots)
                   + (SELECT count(*) FROM points_lot_lines) + (SELECT count(*) FROM loyalty_levels)
                   + (SELECT count(*) FROM points_earn_rules WHERE tenant_id <> current_tenant_id()) AS seen""")
        .execute().map(rows -> rows.iterator().next().getLong("seen"))));
    assertThat(visible).isZero();
    assertThat(service.env().count("SELECT count(*) FROM points_ledger WHERE tenant_id = '"
        + mine.bootstrapped().tenantId() + "'")).isPositive();
  }

  private String aMember(ARestaurant shop, String name) {
    String diner = service.signIn(name + "-" + UUID.randomUUID());
    ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    return diner;
  }

  private JsonObject wallet(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/wallet/points"), diner));
  }

  private JsonObject balanceOnceThere(ARestaurant shop, String diner, long balance) {
    service.eventsHandled();
    return service.eventually(() -> wallet(shop, diner), wallet -> wallet.getLong("balance") == balance);
  }

  private void refund(ARestaurant shop, ARestaurant.Ordered order, long amountFen) {
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + order.order() + "/refunds"), shop.owner(),
        new JsonObject().put("amount_fen", amountFen).put("reason", "少上了一份")
            .put("idempotency_key", "refund-" + UUID.randomUUID())));
  }

  private Future<Points.Spent> spend(ARestaurant shop, UUID member, long count) {
    UUID tenantId = shop.bootstrapped().tenantId();
    return database.inTenant(tenantId, sql -> points.spend(sql, tenantId, member, count, "兑换优惠券"));
  }

  private static String refusal(Future<?> spent) {
    Throwable failure = Await.failure(spent);
    assertThat(failure).isInstanceOf(Refused.class);
    return ((Refused) failure).refusal().code();
  }

  private HttpResponse<Buffer> putLevels(ARestaurant shop, JsonArray items, String token) {
    return service.call(HttpMethod.PUT, shop.path("/loyalty/levels"), token, new JsonObject().put("items", items));
  }

  private void assertLevelsRefused(ARestaurant shop, JsonArray items, int status, String field) {
    HttpResponse<Buffer> response = putLevels(shop, items, shop.owner());
    assertThat(problem(response, status)).isEqualTo("levels_invalid");
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
  }

  private static JsonObject level(int rank, String name, long minSpendFen, int discountPercent, double multiplier) {
    return new JsonObject().put("rank", rank).put("name", name).put("min_spend_fen", minSpendFen)
        .put("member_prices", true).put("discount_percent", discountPercent).put("points_multiplier", multiplier);
  }

  /**
   * Every member's balance (their ledger's sum) is what their lots hold, every lot holds the sum of its lines, and
   * every entry moved exactly its points over lots.
   */
  private void assertTheLedgerAndTheLotsAgree() {
    assertThat(service.env().count("""
        SELECT count(*) FROM members m
         WHERE (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE member_id = m.id)
            <> (SELECT coalesce(sum(remaining), 0) FROM points_lots WHERE member_id = m.id)""")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM points_lots l"
        + " WHERE remaining <> (SELECT sum(points) FROM points_lot_lines WHERE lot_id = l.id)")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM points_ledger e"
        + " WHERE points <> coalesce((SELECT sum(points) FROM points_lot_lines WHERE entry_id = e.id), 0)")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM points_ledger")).isPositive();
  }

  /** The member behind a diner's session. */
  private UUID memberId(String diner) {
    String user = ok(service.get("/api/v1/me", diner)).getJsonObject("user").getString("id");
    UUID[] found = new UUID[1];
    service.env().asOwner(sql -> {
      try (ResultSet rows = sql.executeQuery("SELECT id FROM members WHERE user_id = '" + user + "'")) {
        rows.next();
        found[0] = rows.getObject(1, UUID.class);
      }
    });
    return found[0];
  }
}
