package app.tableloop.loyalty.redemption;

import static app.tableloop.loyalty.coupon.CouponSteps.amountOff;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.loyalty.coupon.CouponSteps;
import app.tableloop.membership.MemberSteps;
import app.tableloop.platform.database.Database;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Points redeemed for coupons end to end: the points spent and the coupon issued together or not at all; never beyond
 * the stock or the balance however many redeem at once; a retried redemption buys nothing more; every refusal leaves
 * points and stock as they were; one tenant's offers out of another's reach.
 */
class PointsRedemptionTest {
  /** A portion of the dish: 88 points at the default earn rule. */
  private static final long PRICE_FEN = 8800;

  static RunningService service;
  static CouponSteps coupons;
  static MemberSteps members;

  @BeforeAll
  static void start() {
    service = RunningService.start(PointsRedemptionTest.class);
    coupons = new CouponSteps(service);
    members = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aMemberBuysACouponWithPointsAndFindsItInTheirWallet() {
    ARestaurant shop = ARestaurant.payFirst(service, "积分兑换面馆", "H1", PRICE_FEN);
    String diner = coupons.aMember(shop, "redeemer-" + UUID.randomUUID());
    earn(shop, diner, "H1", 2);
    JsonObject offered = coupons.template(shop, amountOff("积分换 满50减10", 5000, 1000).put("points_price", 100)
        .put("total_stock", 5));
    coupons.template(shop, amountOff("不卖积分", 0, 500));
    JsonObject stopped = coupons.template(shop, amountOff("已停发", 0, 500).put("points_price", 10));
    ok(service.call(HttpMethod.PATCH, shop.path("/coupon-templates/" + stopped.getString("id")), shop.owner(),
        new JsonObject().put("active", false)));
    coupons.template(shop, amountOff("不限量", 0, 300).put("points_price", 30));

    JsonArray offers = offers(shop, diner);
    assertThat(offers.stream().map(offer -> ((JsonObject) offer).getString("name")))
        .as("active templates with a points price, cheapest first").containsExactly("不限量", "积分换 满50减10");
    JsonObject offer = offers.getJsonObject(1);
    assertThat(offer.getString("template_id")).isEqualTo(offered.getString("id"));
    assertThat(offer.getInteger("points_price")).isEqualTo(100);
    assertThat(offer.getInteger("left")).isEqualTo(5);
    assertThat(offer.getLong("amount_off_fen")).isEqualTo(1000);
    assertThat(offer.getLong("threshold_fen")).isEqualTo(5000);
    assertThat(offer.getJsonObject("validity").getInteger("days")).isEqualTo(30);
    assertThat(offers.getJsonObject(0).getValue("left")).as("unlimited").isNull();

    HttpResponse<Buffer> answer = redeem(shop, diner, offered.getString("id"), "redeem-0001", 100);
    assertThat(answer.statusCode()).isEqualTo(201);
    JsonObject coupon = answer.bodyAsJsonObject();
    assertThat(coupon.getString("source")).isEqualTo("points");
    assertThat(coupon.getString("state")).isEqualTo("available");
    assertThat(coupon.getString("template_id")).isEqualTo(offered.getString("id"));
    assertThat(coupon.getLong("amount_off_fen")).isEqualTo(1000);

    JsonObject points = points(shop, diner);
    assertThat(points.getLong("balance")).isEqualTo(176 - 100);
    JsonObject spent = points.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(spent.getString("kind")).isEqualTo("spend");
    assertThat(spent.getLong("points")).isEqualTo(-100);
    assertThat(spent.getString("reason")).isEqualTo("兑换优惠券：积分换 满50减10");
    assertThat(coupons.wallet(shop, diner, "available").stream().map(JsonObject.class::cast)
        .filter(held -> held.getString("id").equals(coupon.getString("id"))))
        .singleElement().satisfies(held -> assertThat(held.getString("source")).isEqualTo("points"));
    assertThat(offers(shop, diner).getJsonObject(1).getInteger("left")).isEqualTo(4);
    assertThat(coupons.count("SELECT count(*) FROM points_redemptions WHERE coupon_id = '" + coupon.getString("id")
        + "' AND entry_id = '" + spent.getString("id") + "'")).as("the spend and the coupon it bought").isEqualTo(1);
    assertThat(coupons.count("SELECT sum(remaining) FROM points_lots WHERE member_id = '"
        + coupons.memberId(shop, diner) + "'")).as("the lots hold the balance").isEqualTo(76);
  }

  @Test
  void tenMembersRedeemingTheLastCouponAtOnceGetExactlyOneAndOnlyTheWinnerPays() {
    ARestaurant shop = ARestaurant.payFirst(service, "抢兑面馆", "P1-P10", PRICE_FEN);
    List<String> diners = coupons.members(shop, 10);
    IntStream.range(0, diners.size()).forEach(i -> members.paidOrder(shop, diners.get(i), "P" + (i + 1), 1));
    diners.forEach(diner -> balanceOnceThere(shop, diner, 88));
    String template = coupons.template(shop, amountOff("最后一张", 0, 2000).put("points_price", 50)
        .put("total_stock", 1)).getString("id");

    List<HttpResponse<Buffer>> answers = diners.stream()
        .map(diner -> service.callAsync(HttpMethod.POST, shop.path("/wallet/points/redemptions"), diner,
            body(template, "race-" + UUID.randomUUID())))
        .toList().stream().map(call -> call.toCompletionStage().toCompletableFuture().join()).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() != 201)
        .map(answer -> answer.statusCode() + " " + answer.bodyAsJsonObject().getString("code")))
        .hasSize(9).containsOnly("409 coupon_out_of_stock");
    String winner = diners.get(IntStream.range(0, diners.size())
        .filter(i -> answers.get(i).statusCode() == 201).findFirst().orElseThrow());
    assertThat(coupons.count("SELECT count(*) FROM coupons WHERE template_id = '" + template + "'")).isEqualTo(1);
    assertThat(coupons.count("SELECT issued_count FROM coupon_templates WHERE id = '" + template + "'")).isEqualTo(1);
    assertThat(points(shop, winner).getLong("balance")).isEqualTo(38);
    assertThat(diners.stream().filter(diner -> !diner.equals(winner)).map(diner -> points(shop, diner)
        .getLong("balance"))).as("nobody else paid").containsOnly(88L);
    assertThat(coupons.count("SELECT count(*) FROM points_ledger WHERE kind = 'spend' AND tenant_id = '"
        + shop.bootstrapped().tenantId() + "'")).isEqualTo(1);
  }

  @Test
  void oneMembersPointsBuyExactlyWhatTheyCoverHoweverManyRedemptionsRace() {
    ARestaurant shop = ARestaurant.payFirst(service, "积分有限面馆", "S1", PRICE_FEN);
    String diner = coupons.aMember(shop, "eager-" + UUID.randomUUID());
    earn(shop, diner, "S1", 1);
    String template = coupons.template(shop, amountOff("六十积分一张", 0, 800).put("points_price", 60)
        .put("per_member_limit", 10)).getString("id");

    List<HttpResponse<Buffer>> answers = IntStream.range(0, 10)
        .mapToObj(i -> service.callAsync(HttpMethod.POST, shop.path("/wallet/points/redemptions"), diner,
            body(template, "eager-" + i + "-" + UUID.randomUUID())))
        .toList().stream().map(call -> call.toCompletionStage().toCompletableFuture().join()).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() != 201)
        .map(answer -> answer.statusCode() + " " + answer.bodyAsJsonObject().getString("code")))
        .hasSize(9).containsOnly("409 points_insufficient");
    assertThat(points(shop, diner).getLong("balance")).isEqualTo(28);
    assertThat(coupons.count("SELECT count(*) FROM coupons WHERE template_id = '" + template + "'")).isEqualTo(1);
    assertThat(coupons.count("SELECT issued_count FROM coupon_templates WHERE id = '" + template + "'"))
        .as("refused redemptions give their stock back").isEqualTo(1);
    assertThat(coupons.count("SELECT count(*) FROM points_redemptions WHERE template_id = '" + template + "'"))
        .isEqualTo(1);
  }

  @Test
  void theSameKeyRetriedAtOnceBuysOneCouponAndSpendsOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "重试面馆", "K1", PRICE_FEN);
    String diner = coupons.aMember(shop, "retrier-" + UUID.randomUUID());
    earn(shop, diner, "K1", 2);
    String template = coupons.template(shop, amountOff("五十积分一张", 0, 500).put("points_price", 50)
        .put("per_member_limit", 10)).getString("id");
    String other = coupons.template(shop, amountOff("另一张", 0, 500).put("points_price", 10)).getString("id");

    List<HttpResponse<Buffer>> answers = IntStream.range(0, 5)
        .mapToObj(i -> service.callAsync(HttpMethod.POST, shop.path("/wallet/points/redemptions"), diner,
            body(template, "same-key-01")))
        .toList().stream().map(call -> call.toCompletionStage().toCompletableFuture().join()).toList();

    assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201));
    assertThat(answers.stream().map(answer -> answer.bodyAsJsonObject().getString("id")).distinct()).hasSize(1);
    assertThat(ok(redeem(shop, diner, template, "same-key-01", 50)).getString("id"))
        .as("a retry later answers the same coupon").isEqualTo(answers.get(0).bodyAsJsonObject().getString("id"));
    assertThat(points(shop, diner).getLong("balance")).isEqualTo(176 - 50);
    assertThat(coupons.count("SELECT count(*) FROM coupons WHERE template_id = '" + template + "'")).isEqualTo(1);
    assertThat(coupons.count("SELECT count(*) FROM points_ledger WHERE kind = 'spend' AND member_id = '"
        + coupons.memberId(shop, diner) + "'")).isEqualTo(1);

    assertThat(problem(redeem(shop, diner, other, "same-key-01", null), 409)).isEqualTo("idempotency_key_reused");
    assertThat(points(shop, diner).getLong("balance")).isEqualTo(176 - 50);
    assertThat(coupons.count("SELECT count(*) FROM coupons WHERE template_id = '" + other + "'")).isZero();
  }

  @Test
  void redemptionsThatCannotBeMadeAreRefusedAndChangeNothing() {
    ARestaurant shop = ARestaurant.payFirst(service, "兑换规则面馆", "R1-R2", PRICE_FEN);
    String diner = coupons.aMember(shop, "refused-" + UUID.randomUUID());
    String neighbour = coupons.aMember(shop, "neighbour-" + UUID.randomUUID());
    earn(shop, diner, "R1", 1);
    String stranger = service.signIn("stranger-" + UUID.randomUUID());
    String priced = coupons.template(shop, amountOff("五十积分", 0, 500).put("points_price", 50)).getString("id");
    String notForPoints = coupons.template(shop, amountOff("不卖积分", 0, 500)).getString("id");
    String dear = coupons.template(shop, amountOff("一百积分", 0, 1500).put("points_price", 100)).getString("id");
    String stopped = coupons.template(shop, amountOff("已停发", 0, 500).put("points_price", 10)).getString("id");
    ok(service.call(HttpMethod.PATCH, shop.path("/coupon-templates/" + stopped), shop.owner(),
        new JsonObject().put("active", false)));
    String soldOut = coupons.template(shop, amountOff("已兑完", 0, 500).put("points_price", 10).put("total_stock", 1))
        .getString("id");
    coupons.grant(shop, soldOut, neighbour);
    String held = coupons.template(shop, amountOff("每人一张", 0, 500).put("points_price", 10)).getString("id");
    coupons.grant(shop, held, diner);
    long issuedBefore = issued(shop);
    assertThat(offers(shop, diner).stream().map(offer -> ((JsonObject) offer).getString("template_id")))
        .containsExactly(soldOut, held, priced, dear);
    assertThat(offers(shop, diner).getJsonObject(0).getInteger("left")).isZero();

    assertThat(problem(redeem(shop, diner, notForPoints, "refused-01", null), 409))
        .isEqualTo("coupon_not_for_points");
    assertThat(problem(redeem(shop, diner, dear, "refused-02", null), 409)).isEqualTo("points_insufficient");
    assertThat(problem(redeem(shop, diner, stopped, "refused-03", null), 409)).isEqualTo("coupon_inactive");
    assertThat(problem(redeem(shop, diner, soldOut, "refused-04", null), 409)).isEqualTo("coupon_out_of_stock");
    assertThat(problem(redeem(shop, diner, held, "refused-05", null), 409)).isEqualTo("coupon_limit_reached");
    assertThat(problem(redeem(shop, diner, priced, "refused-06", 40), 409)).as("the price changed since")
        .isEqualTo("points_price_changed");
    assertThat(problem(redeem(shop, diner, UUID.randomUUID().toString(), "refused-07", null), 404))
        .isEqualTo("coupon_template_not_found");
    assertThat(problem(redeem(shop, diner, priced, "short", null), 400)).isEqualTo("invalid_field");
    assertThat(problem(redeem(shop, stranger, priced, "refused-08", null), 404)).isEqualTo("not_a_member");
    assertThat(problem(service.get(shop.path("/wallet/points/offers"), stranger), 404)).isEqualTo("not_a_member");

    assertThat(points(shop, diner).getLong("balance")).as("no points spent").isEqualTo(88);
    assertThat(issued(shop)).as("no stock taken").isEqualTo(issuedBefore);
    assertThat(coupons.count("SELECT count(*) FROM points_redemptions r JOIN members m ON m.id = r.member_id"
        + " WHERE m.tenant_id = '" + shop.bootstrapped().tenantId() + "'")).isZero();
    // A key refused before is free: nothing was written under it.
    assertThat(ok(redeem(shop, diner, priced, "refused-06", 50)).getString("source")).isEqualTo("points");
    assertThat(points(shop, diner).getLong("balance")).isEqualTo(38);
  }

  @Test
  void aTenantNeitherSeesNorRedeemsAnothersOffers() {
    ARestaurant mine = ARestaurant.payFirst(service, "本店兑换", "M1", PRICE_FEN);
    ARestaurant theirs = ARestaurant.payFirst(service, "别家兑换", "T1", PRICE_FEN);
    String diner = coupons.aMember(mine, "loyal-" + UUID.randomUUID());
    earn(mine, diner, "M1", 1);
    String ours = coupons.template(mine, amountOff("本店的券", 0, 500).put("points_price", 10)).getString("id");
    String foreign = coupons.template(theirs, amountOff("别家的券", 0, 500).put("points_price", 10)).getString("id");
    ok(redeem(mine, diner, ours, "loyal-0001", 10));

    assertThat(offers(mine, diner).stream().map(offer -> ((JsonObject) offer).getString("template_id")))
        .containsExactly(ours);
    assertThat(problem(redeem(mine, diner, foreign, "loyal-0002", null), 404)).isEqualTo("coupon_template_not_found");
    assertThat(problem(redeem(theirs, diner, foreign, "loyal-0003", null), 404)).isEqualTo("not_a_member");
    assertThat(problem(service.get(theirs.path("/wallet/points/offers"), diner), 404)).isEqualTo("not_a_member");
    assertThat(points(mine, diner).getLong("balance")).isEqualTo(78);
    assertThat(coupons.count("SELECT issued_count FROM coupon_templates WHERE id = '" + foreign + "'")).isZero();

    // Row-level security: bound to the other tenant, the application sees none of this tenant's redemptions.
    Vertx vertx = Vertx.vertx();
    Database database = Database.connect(vertx, service.env().appUrl(), 1);
    try {
      long visible = Await.result(database.inTenant(theirs.bootstrapped().tenantId(), sql -> sql
          .query("SELECT count(*) AS seen FROM points_redemptions").execute()
          .map(rows -> rows.iterator().next().getLong("seen"))));
      assertThat(visible).isZero();
    } finally {
      Await.result(database.close());
      Await.result(vertx.close());
    }
    assertThat(coupons.count("SELECT count(*) FROM points_redemptions WHERE tenant_id = '"
        + mine.bootstrapped().tenantId() + "'")).isEqualTo(1);
  }

  /** The member pays for portions of the ¥88 dish at the table and has earned their points once the relay ran. */
  private void earn(ARestaurant shop, String diner, String table, int portions) {
    long before = points(shop, diner).getLong("balance");
    members.paidOrder(shop, diner, table, portions);
    balanceOnceThere(shop, diner, before + 88L * portions);
  }

  private void balanceOnceThere(ARestaurant shop, String diner, long balance) {
    service.eventually(() -> points(shop, diner), points -> points.getLong("balance") == balance);
  }

  private JsonObject points(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/wallet/points"), diner));
  }

  private JsonArray offers(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/wallet/points/offers"), diner)).getJsonArray("items");
  }

  private long issued(ARestaurant shop) {
    return coupons.count("SELECT coalesce(sum(issued_count), 0) FROM coupon_templates WHERE tenant_id = '"
        + shop.bootstrapped().tenantId() + "'");
  }

  private HttpResponse<Buffer> redeem(ARestaurant shop, String diner, String template, String key, Integer price) {
    JsonObject body = body(template, key);
    if (price != null) {
      body.put("points_price", price);
    }
    return service.call(HttpMethod.POST, shop.path("/wallet/points/redemptions"), diner, body);
  }

  private static JsonObject body(String template, String key) {
    return new JsonObject().put("template_id", template).put("idempotency_key", key);
  }
}
