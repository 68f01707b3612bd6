package app.tableloop.demo;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default's demo restaurant, seeded into a running service as its first start seeds it: a menu to order
 * from, and a day of business whose settlement the newcomer, once owner, finds adding up to the fen.
 */
class DemoRestaurantTest {
  static RunningService service;
  static DemoSeed.Seeding seeding;
  static DemoSeed.SeededDay day;
  static String owner;

  @BeforeAll
  static void setUp() {
    // Reachable, as the embedded default on its own port is: WeChat Pay's refund notification must arrive.
    service = RunningService.startReachable(DemoRestaurantTest.class);
    seeding = service.seedDemo().orElseThrow();
    day = Await.result(seeding.day()).orElseThrow();
    owner = service.signInAndAccept("demo-owner", seeding.restaurant().restaurant().ownerInvite().token());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theMenuHasNoodlesSnacksAndDrinksWithPricedToppingsAndALimitedDish() {
    JsonObject menu = ok(service.get(storePath("/menu"), null));

    List<JsonObject> categories = objects(menu.getJsonArray("categories"));
    assertThat(categories).extracting(category -> category.getString("name")).containsExactly("面", "小吃", "饮品");
    List<JsonObject> dishes = categories.stream().flatMap(category -> objects(category.getJsonArray("dishes")).stream())
        .toList();
    assertThat(dishes).hasSizeGreaterThanOrEqualTo(10).allSatisfy(dish -> assertThat(dish.getLong("price_fen"))
        .isPositive());
    assertThat(dishes).filteredOn(dish -> dish.containsKey("option_groups"))
        .flatExtracting(dish -> objects(dish.getJsonArray("option_groups")))
        .flatExtracting(group -> objects(group.getJsonArray("choices")))
        .anySatisfy(choice -> assertThat(choice.getLong("price_delta_fen")).isPositive());
    JsonObject limited = objects(ok(service.get(storePath("/menu/dishes"), owner)).getJsonArray("dishes")).stream()
        .filter(dish -> dish.getInteger("daily_stock") != null).findFirst().orElseThrow();
    assertThat(limited.getString("name")).isEqualTo(DemoMenu.HAND_PULLED_BEEF.name());
    long ordered = DemoDay.VISITS.stream().flatMap(visit -> visit.orders().stream()).flatMap(List::stream)
        .filter(line -> line.dish() == DemoMenu.HAND_PULLED_BEEF).mapToLong(DemoDay.Line::quantity).sum();
    assertThat(limited.getLong("stock_left")).isEqualTo(limited.getLong("daily_stock") - ordered);
  }

  @Test
  void theDaysSettlementAddsUpOverallAndPerMethodAsTheLedgerBooksIt() {
    JsonObject report = ok(service.get(storePath("/settlements/" + day.day()), owner));

    assertThat(report.getLong("net_fen")).isEqualTo(report.getLong("gross_fen") - report.getLong("refunds_fen"));
    assertThat(report.getLong("gross_fen")).isEqualTo(ledger("kind = 'payment'")).isPositive();
    assertThat(report.getLong("refunds_fen")).isEqualTo(-ledger("kind = 'refund'")).isPositive();
    JsonObject byMethod = report.getJsonObject("by_method");
    long gross = 0;
    long paymentCount = 0;
    long refundCount = 0;
    for (String method : List.of("wechat", "cash", "card", "other")) {
      JsonObject totals = byMethod.getJsonObject(method);
      assertThat(totals.getLong("net_fen")).as(method)
          .isEqualTo(totals.getLong("gross_fen") - totals.getLong("refunds_fen"));
      assertThat(totals.getLong("gross_fen")).as(method)
          .isEqualTo(ledger("kind = 'payment' AND method = '" + method + "'"));
      assertThat(totals.getLong("refunds_fen")).as(method)
          .isEqualTo(-ledger("kind = 'refund' AND method = '" + method + "'"));
      gross += totals.getLong("gross_fen");
      paymentCount += totals.getLong("payment_count");
      refundCount += totals.getLong("refund_count");
    }
    assertThat(gross).isEqualTo(report.getLong("gross_fen"));
    assertThat(List.of(paymentCount, refundCount))
        .containsExactly(report.getLong("payment_count"), report.getLong("refund_count"));
    assertThat(List.of("wechat", "cash", "card")).allSatisfy(method ->
        assertThat(byMethod.getJsonObject(method).getLong("payment_count")).as(method).isPositive());
    assertThat(List.of(byMethod.getJsonObject("wechat").getLong("refund_count"),
        byMethod.getJsonObject("cash").getLong("refund_count"))).as("a partial WeChat refund and a cash refund")
        .containsExactly(1L, 1L);
    assertThat(report.getBoolean("trade_bill_read")).isTrue();
    assertThat(report.getJsonArray("mismatches")).isEmpty();
    assertThat(day.refundsProcessing()).isEmpty();
    assertThat(day.totals().stream().mapToLong(totals -> totals.paymentsFen() - totals.refundsFen()).sum())
        .as("what the log line reports").isEqualTo(report.getLong("net_fen"));
  }

  @Test
  void theCashierRefundedBecauseTheStoreLetsStaffRefundAndTheOwnerCanTurnItOff() {
    assertThat(ok(service.get(storePath(""), owner)).getBoolean("staff_may_refund")).isTrue();
    assertThat(service.env().count("SELECT count(*) FROM refunds")).isEqualTo(DemoDay.REFUNDS.size());
    assertThat(service.env().count("SELECT count(*) FROM refunds r JOIN staff_roles s ON s.user_id = r.requested_by"
        + " AND s.role = 'staff' AND s.store_id = r.store_id")).isEqualTo(DemoDay.REFUNDS.size());
  }

  @Test
  void twoTablesAreStillDiningWithTheirOrdersInTheKitchen() {
    List<JsonObject> kitchen = objects(ok(service.get(storePath("/orders"), owner)).getJsonArray("orders"));

    assertThat(day.tablesDining()).containsExactly("A9", "A11");
    assertThat(kitchen).extracting(order -> order.getString("status")).containsExactlyInAnyOrder("accepted", "placed");
    assertThat(service.env().count("SELECT count(*) FROM tabs WHERE status = 'open'")).isEqualTo(2);
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE status = 'served'"))
        .isEqualTo(service.env().count("SELECT count(*) FROM orders") - 2);
  }

  @Test
  void threeDinersJoinedTheMembershipTwoThroughTheCashiersCodeWithTheirMealCounted() {
    // 老陈 came back for a snack once a member: two visits.
    List<JsonObject> members = service.eventually(() -> objects(ok(service.get(storePath("/members"), owner))
        .getJsonArray("members")), all -> all.size() == DemoDay.JOININGS.size()
        && all.stream().allMatch(member -> member.getJsonObject("stats").getInteger("visits")
            == (member.getString("nickname").equals("老陈") ? 2 : 1)));

    assertThat(members).extracting(member -> member.getString("nickname"))
        .containsExactlyInAnyOrderElementsOf(DemoDay.JOININGS.stream().map(DemoDay.Joining::diner).toList());
    assertThat(members).filteredOn(member -> "staff_code".equals(member.getString("joined_via"))).hasSize(2);
    assertThat(members).filteredOn(member -> member.getString("phone") != null)
        .allSatisfy(member -> assertThat(member.getString("phone")).matches("1[0-9]{2}\\*{4}[0-9]{4}"));
    JsonObject recruiter = objects(ok(service.get(storePath("/recruiters"), owner)).getJsonArray("recruiters"))
        .get(0);
    assertThat(recruiter.getLong("recruits")).isEqualTo(2);
  }

  @Test
  void theOwnerFindsTwoCouponsAndEveryMemberHoldsTheFirstVisitOne() {
    List<JsonObject> templates = objects(ok(service.get(storePath("/coupon-templates"), owner))
        .getJsonArray("items"));

    assertThat(templates).extracting(template -> template.getString("name"))
        .containsExactlyInAnyOrder("满100减15", "新客首单8折", DemoReferral.FRIEND_COUPON, DemoReferral.SHARER_COUPON);
    JsonObject referral = ok(service.get(storePath("/referral-settings"), owner));
    assertThat(referral.getInteger("needed")).isEqualTo(5);
    assertThat(templates).filteredOn(template -> template.getString("id")
        .equals(referral.getString("sharer_template_id"))).singleElement()
        .satisfies(template -> assertThat(template.getString("name")).isEqualTo(DemoReferral.SHARER_COUPON));
    assertThat(templates).filteredOn(template -> template.getBoolean("claimable")).singleElement()
        .satisfies(template -> assertThat(template.getString("claim_code")).isEqualTo(DemoCoupons.CLAIM_CODE));
    assertThat(templates).filteredOn(template -> template.getString("name").equals("新客首单8折")).singleElement()
        .satisfies(template -> assertThat(template.getInteger("issued_count")).isEqualTo(DemoDay.JOININGS.size()));
    String member = service.signIn("演示食客-" + DemoDay.JOININGS.get(0).diner());
    assertThat(objects(ok(service.get(storePath("/wallet/coupons"), member)).getJsonArray("items")))
        .extracting(coupon -> coupon.getString("name")).containsExactly("新客首单8折");
  }

  @Test
  void theMemberWhoCameBackEarnedPointsOnHisSnackAndReachedTheNoodleHouses银卡() {
    String regular = service.signIn("演示食客-老陈");
    long snackFen = DemoMenu.CHONGQING.priceFen() + DemoMenu.HERBAL_TEA.priceFen();

    JsonObject points = service.eventually(() -> ok(service.get(storePath("/wallet/points"), regular)),
        wallet -> wallet.getLong("balance") > 0);
    assertThat(points.getLong("balance")).as("earned at 普通, before the snack lifted him").isEqualTo(snackFen / 100);
    JsonObject level = ok(service.get(storePath("/wallet/level"), regular));
    assertThat(level.getJsonObject("level").getString("name")).isEqualTo("银卡");
    assertThat(level.getLong("spend_12m_fen")).isGreaterThanOrEqualTo(DemoRestaurant.LEVELS.get(1).minSpendFen());
    assertThat(ok(service.get(storePath("/loyalty/levels"), owner)).getJsonArray("items")).hasSize(3);
  }

  @Test
  void theRestaurantSellsTwoTopUpPackagesAndAMemberToppedUpTheLargerOne() {
    assertThat(objects(ok(service.get(storePath("/top-up-packages"), owner)).getJsonArray("items")))
        .extracting(offered -> offered.getString("name") + " " + offered.getLong("price_fen") + "+"
            + offered.getLong("bonus_fen"))
        .containsExactly("充300送30 30000+3000", "充500送60 50000+6000");
    String member = service.signIn("演示食客-" + DemoStoredValue.TOPPING_UP);

    JsonObject wallet = service.eventually(() -> ok(service.get(storePath("/wallet/stored-value"), member)),
        now -> now.getLong("balance_fen") > 0);

    assertThat(List.of(wallet.getLong("principal_fen"), wallet.getLong("bonus_fen")))
        .containsExactly(DemoStoredValue.LARGE_PRICE_FEN, DemoStoredValue.LARGE_BONUS_FEN);
    assertThat(ok(service.get(storePath("/settlements/" + day.day()), owner)).getJsonObject("stored_value")
        .getLong("sold_fen")).isEqualTo(DemoStoredValue.LARGE_PRICE_FEN);
  }

  @Test
  void aSecondSeedingFindsTheDeploymentInUseAndAddsNothing() {
    long orders = service.env().count("SELECT count(*) FROM orders");

    assertThat(service.seedDemo()).isEmpty();

    assertThat(service.env().count("SELECT count(*) FROM tenants")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM orders")).isEqualTo(orders);
  }

  private static long ledger(String where) {
    return service.env().count("SELECT coalesce(sum(amount_fen), 0) FROM payment_ledger WHERE " + where);
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + seeding.restaurant().store().id() + rest;
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }
}
