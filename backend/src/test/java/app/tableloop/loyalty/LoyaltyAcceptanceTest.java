package app.tableloop.loyalty;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.loyalty.coupon.CouponSteps;
import app.tableloop.loyalty.storedvalue.StoredValueSteps;
import app.tableloop.membership.MemberSteps;
import app.tableloop.menu.BusinessDay;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loyalty issue's acceptance list, through the HTTP API against real PostgreSQL and Redis, with WeChat Pay played
 * by the simulator. Its races are proven where they live: 64 claims of a coupon with stock 1 in CouponIssuingTest, 20
 * orders with one coupon in CheckoutTest, 30 stored-value payments against a balance for 10 in StoredValueTest.
 */
class LoyaltyAcceptanceTest {
  private static final long PRICE_FEN = 8800;

  static RunningService service;
  static CouponSteps coupons;
  static MemberSteps members;
  static StoredValueSteps storedValue;

  @BeforeAll
  static void start() {
    service = RunningService.startReachable(LoyaltyAcceptanceTest.class);
    coupons = new CouponSteps(service);
    members = new MemberSteps(service);
    storedValue = new StoredValueSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aPaid88OrderUpdatesPointsVisitsAndLevelOnceEvenDeliveredTwiceAndItsFullRefundClawsBackAndReturnsTheCoupon() {
    ARestaurant shop = aLoyalShop("验收面馆", "A1");
    String diner = coupons.aMember(shop, "acceptance-" + UUID.randomUUID());
    String coupon = aGranted80Minus10(shop, diner);

    ARestaurant.Ordered order = paidByWeChat(shop, diner, "A1", coupon);

    assertPaidOnce(shop, diner, order, coupon);
    service.deliverAgain("order.paid");
    assertPaidOnce(shop, diner, order, coupon);

    refund(shop, order, order.totalFen());
    refundsSucceeded(order, 1);

    assertRefundedOnce(shop, diner, coupon);
    service.deliverAgain("payment.refunded");
    assertRefundedOnce(shop, diner, coupon);
  }

  @Test
  void theDaysSettlementWithCouponsPointsAndStoredValueInPlayStillEqualsThePaymentLedger() {
    ARestaurant shop = aLoyalShop("验收对账面馆", "D1-D2");
    String diner = coupons.aMember(shop, "acceptance-settled-" + UUID.randomUUID());
    ARestaurant.Ordered withCoupon = paidByWeChat(shop, diner, "D1", aGranted80Minus10(shop, diner));
    storedValue.toppedUp(shop, diner, storedValue.aPackage(shop, "充500送50", 50000, 5000).getString("id"), 55000);
    ARestaurant.Ordered fromBalance = members.order(shop, diner, "D2", 1);
    ok(shop.call(diner, StoredValueSteps.payPath(fromBalance), null));
    refund(shop, withCoupon, 1000);
    refund(shop, fromBalance, 2200);
    ok(service.call(HttpMethod.POST, shop.path("/members/" + coupons.memberId(shop, diner) + "/stored-value-refunds"),
        shop.owner(), new JsonObject().put("amount_fen", 10000)
            .put("idempotency_key", "hand-back-" + UUID.randomUUID())));
    refundsSucceeded(withCoupon, 1);
    refundsSucceeded(fromBalance, 1);
    service.eventsHandled();

    // 78 × 1.5 at 普通, 10/78 of it back; then ¥80 of principal × 2.0 at 银卡, a quarter of it back.
    assertThat(points(shop, diner)).isEqualTo(117 - 15 + 160 - 40);
    assertThat(storedValue.wallet(shop, diner).getLong("balance_fen")).isEqualTo(55000 - 8800 + 2200 - 10000 - 1000);
    String day = BusinessDay.of(Instant.now(), ZoneId.of("Asia/Shanghai")).toString();
    JsonObject report = ok(service.get(shop.path("/settlements/" + day), shop.owner()));

    assertThat(report.getLong("gross_fen")).as("the coupon order's ¥78 and the top-up's ¥500, discounts never paid")
        .isEqualTo(7800 + 50000);
    assertThat(report.getLong("refunds_fen")).as("¥10 back by WeChat Pay, ¥100 of principal handed back in cash")
        .isEqualTo(1000 + 10000);
    assertThat(report.getLong("net_fen")).isEqualTo(report.getLong("gross_fen") - report.getLong("refunds_fen"));
    assertThat(report.getJsonObject("by_method").getJsonObject("wechat").getLong("gross_fen")).isEqualTo(57800);
    assertThat(report.getJsonObject("by_method").getJsonObject("wechat").getLong("refunds_fen")).isEqualTo(1000);
    assertThat(report.getJsonObject("by_method").getJsonObject("cash").getLong("refunds_fen")).isEqualTo(10000);
    JsonObject stored = report.getJsonObject("stored_value");
    assertThat(stored.getLong("sold_fen")).isEqualTo(50000);
    assertThat(stored.getLong("bonus_granted_fen")).isEqualTo(5000);
    assertThat(stored.getLong("used_fen")).isEqualTo(8800);
    assertThat(stored.getLong("returned_fen")).isEqualTo(2200);
    assertThat(stored.getLong("refunded_fen")).isEqualTo(10000);
    String ofStore = " FROM payment_ledger WHERE store_id = '" + shop.store().id() + "'";
    assertThat(report.getLong("net_fen")).as("the ledger's money, stored-value movements apart")
        .isEqualTo(service.env().count("SELECT coalesce(sum(amount_fen), 0)" + ofStore
            + " AND method <> 'stored_value' AND NOT duplicate"));
    assertThat(stored.getLong("used_fen") - stored.getLong("returned_fen")).as("the ledger's stored-value movements")
        .isEqualTo(service.env().count("SELECT coalesce(sum(amount_fen), 0)" + ofStore
            + " AND method = 'stored_value'"));
    assertThat(report.getJsonObject("wechat_bill").getString("state")).as("WeChat Pay bills today tomorrow")
        .isEqualTo("not_yet_available");
    assertThat(report.getJsonArray("mismatches")).isEmpty();
  }

  // --- fixtures ---

  /** A pay-first restaurant selling a ¥88 dish, whose levels are 普通 ×1.5, 银卡 from ¥50 ×2.0, 金卡 from ¥1,000. */
  private static ARestaurant aLoyalShop(String name, String tables) {
    ARestaurant shop = ARestaurant.payFirst(service, name, tables, PRICE_FEN);
    ok(service.call(HttpMethod.PUT, shop.path("/loyalty/levels"), shop.owner(), new JsonObject().put("items",
        new JsonArray().add(level(0, "普通", 0, 1.5)).add(level(1, "银卡", 5000, 2.0)).add(level(2, "金卡", 100000, 3.0)))));
    return shop;
  }

  private static JsonObject level(int rank, String name, long minSpendFen, double multiplier) {
    return new JsonObject().put("rank", rank).put("name", name).put("min_spend_fen", minSpendFen)
        .put("member_prices", true).put("discount_percent", 0).put("points_multiplier", multiplier);
  }

  /** The owner grants the member a 满80减10 coupon; answers its id. */
  private static String aGranted80Minus10(ARestaurant shop, String diner) {
    return coupons.grant(shop, coupons.template(shop, CouponSteps.amountOff("满80减10", 8000, 1000)).getString("id"),
        diner);
  }

  /**
   * The member orders one ¥88 dish with the coupon, and pays the ¥78 it comes to by WeChat Pay: answers the order once
   * paid and its events handled.
   */
  private static ARestaurant.Ordered paidByWeChat(ARestaurant shop, String diner, String tableCode, String coupon) {
    ARestaurant.Seated seated = new ARestaurant.Seated(shop, diner, shop.table(tableCode),
        ok(service.openTab(shop.store(), shop.table(tableCode), diner)).getString("id"));
    JsonObject placed = shop.order(seated, 1, coupon);
    assertThat(placed.getLong("subtotal_fen")).isEqualTo(PRICE_FEN);
    assertThat(placed.getLong("discount_fen")).isEqualTo(1000);
    assertThat(placed.getJsonArray("adjustments").getJsonObject(0).getString("coupon_id")).isEqualTo(coupon);
    ARestaurant.Ordered order = new ARestaurant.Ordered(shop, diner, seated.tab(), placed.getString("id"),
        placed.getLong("total_fen"));
    JsonObject payment = shop.requestWeChatPayment(order).getJsonObject("payment");
    assertThat(payment.getLong("amount_fen")).isEqualTo(7800);

    service.simulator().pay().pay(payment.getString("out_trade_no"));

    service.eventually(() -> service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '"
        + order.order() + "'"), paid -> paid == 1);
    service.eventsHandled();
    return order;
  }

  /** ¥78 paid at 普通 (×1.5) earned 117 points, counted one visit, and lifted the member to 银卡; the coupon is used. */
  private static void assertPaidOnce(ARestaurant shop, String diner, ARestaurant.Ordered order, String coupon) {
    assertThat(points(shop, diner)).isEqualTo(117);
    assertThat(entries(diner, "earn")).isEqualTo(1);
    assertThat(members.stats(shop, diner).getInteger("visits")).isEqualTo(1);
    assertThat(members.stats(shop, diner).getLong("total_spend_fen")).isEqualTo(7800);
    JsonObject level = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(level.getJsonObject("level").getString("name")).isEqualTo("银卡");
    assertThat(level.getLong("spend_12m_fen")).isEqualTo(7800);
    assertThat(coupons.orderOf(coupon)).isEqualTo(order.order());
    assertThat(coupons.wallet(shop, diner, "used").getJsonObject(0).getString("id")).isEqualTo(coupon);
  }

  /** Every point clawed back, the member back at 普通, and the coupon back in the wallet, still valid. */
  private static void assertRefundedOnce(ARestaurant shop, String diner, String coupon) {
    assertThat(points(shop, diner)).isZero();
    assertThat(entries(diner, "clawback")).isEqualTo(1);
    JsonObject level = ok(service.get(shop.path("/wallet/level"), diner));
    assertThat(level.getJsonObject("level").getString("name")).isEqualTo("普通");
    assertThat(level.getLong("spend_12m_fen")).isZero();
    assertThat(members.stats(shop, diner).getLong("total_spend_fen")).isZero();
    assertThat(coupons.orderOf(coupon)).isNull();
    assertThat(coupons.wallet(shop, diner, "used")).isEmpty();
    JsonArray available = coupons.wallet(shop, diner, "available");
    assertThat(available).hasSize(1);
    assertThat(available.getJsonObject(0).getString("id")).isEqualTo(coupon);
    assertThat(Instant.parse(available.getJsonObject(0).getString("valid_until"))).isAfter(Instant.now());
  }

  private static void refund(ARestaurant shop, ARestaurant.Ordered order, long amountFen) {
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + order.order() + "/refunds"), shop.owner(),
        new JsonObject().put("amount_fen", amountFen).put("reason", "菜品有问题")
            .put("idempotency_key", "refund-" + UUID.randomUUID())));
  }

  /** Waits for the order's refunds to have succeeded (WeChat Pay's come back by its notification), and their events. */
  private static void refundsSucceeded(ARestaurant.Ordered order, long count) {
    service.eventually(() -> service.env().count("SELECT count(*) FROM refunds WHERE status = 'succeeded'"
        + " AND order_id = '" + order.order() + "'"), succeeded -> succeeded == count);
    service.eventsHandled();
  }

  private static long points(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/wallet/points"), diner)).getLong("balance");
  }

  private static long entries(String diner, String kind) {
    String user = ok(service.get("/api/v1/me", diner)).getJsonObject("user").getString("id");
    return service.env().count("SELECT count(*) FROM points_ledger e JOIN members m ON m.id = e.member_id"
        + " WHERE e.kind = '" + kind + "' AND m.user_id = '" + user + "'");
  }
}
