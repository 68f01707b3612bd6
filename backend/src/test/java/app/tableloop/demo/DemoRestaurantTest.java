package app.tableloop.demo;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.platform.runtime.Features;
import app.tableloop.campaign.CampaignDispatch;
import app.tableloop.campaign.CampaignModule;
import app.tableloop.campaign.CampaignType;
import app.tableloop.campaign.SmsSending;
import app.tableloop.campaign.sms.SmsSimulator;
import app.tableloop.menu.BusinessDay;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded default's demo restaurant, seeded into a running service as its first start seeds it: a menu to order
 * from, and a day of business whose settlement the newcomer, once owner, finds adding up to the fen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoRestaurantTest {
  static RunningService service;
  static DemoSeed.Seeding seeding;
  static DemoSeed.SeededDay day;
  static String owner;
  static String operator;

  static CampaignModule campaigns;
  /** The regulars asleep for months with a basket above the median: the win-back's audience. */
  static final List<String> SLEEPING = List.of("周先生", "郑女士", "钱老板");
  /** The only one of them who gave marketing consent and a phone. */
  static final DemoHistory.Regular WOKEN = DemoHistory.REGULARS.get(0);

  @BeforeAll
  static void setUp() {
    Application.Modules capturing = (platform, wechat, contract) -> {
      Features.Api api = Application.FEATURES.create(platform, wechat, contract);
      campaigns = api.modules().stream().filter(CampaignModule.class::isInstance).map(CampaignModule.class::cast)
          .findFirst().orElseThrow();
      return api;
    };
    // Reachable, as the embedded default on its own port is: WeChat Pay's refund notification must arrive.
    service = RunningService.startReachable(DemoRestaurantTest.class, capturing);
    seeding = service.seedDemo().orElseThrow();
    day = Await.result(seeding.day(), 90).orElseThrow();
    owner = service.signInAndAccept("newcomer", seeding.restaurant().restaurant().ownerInvite().token());
    operator = service.signInAndAccept("demo-operator", seeding.restaurant().operatorInvite().token());
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
    assertThat(report.getJsonObject("wechat_bill").getString("state")).as("WeChat Pay bills today tomorrow")
        .isEqualTo("not_yet_available");
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
    List<String> ofTheDay = DemoDay.JOININGS.stream().map(DemoDay.Joining::diner).toList();
    List<JsonObject> members = service.eventually(() -> objects(ok(service.get(storePath("/members"), owner))
        .getJsonArray("members")).stream().filter(member -> ofTheDay.contains(member.getString("nickname")))
        .toList(), all -> all.size() == DemoDay.JOININGS.size()
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

    // Launching a campaign adds its own coupon templates.
    assertThat(templates).extracting(template -> template.getString("name"))
        .filteredOn(name -> Arrays.stream(CampaignType.values()).noneMatch(type -> name.startsWith(type.title())))
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
    String member = diner(DemoDay.JOININGS.get(0).diner());
    assertThat(objects(ok(service.get(storePath("/wallet/coupons"), member)).getJsonArray("items")))
        .extracting(coupon -> coupon.getString("name")).containsExactly("新客首单8折");
  }

  @Test
  void theMemberWhoCameBackEarnedPointsOnHisSnackAndReachedTheNoodleHouses银卡() {
    String regular = diner("老陈");
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
  void aRegularSeesTheNoodleSheAlwaysHasAndWhatGoesWithIt() {
    DemoHistory.Regular aunt = DemoHistory.REGULARS.get(4);
    Map<String, String> dishIds = new HashMap<>();
    objects(ok(service.get(storePath("/menu"), null)).getJsonArray("categories")).forEach(category ->
        objects(category.getJsonArray("dishes")).forEach(dish -> dishIds.put(dish.getString("name"),
            dish.getString("id"))));
    String bowl = dishIds.get(DemoHistory.BOWL.name());

    JsonObject suggestions = ok(service.get(storePath("/menu/suggestions"), diner(aunt.name())));

    JsonObject usual = objects(suggestions.getJsonArray("usual")).get(0);
    assertThat(List.of(usual.getString("dish_id"), usual.getInteger("times")))
        .containsExactly(bowl, aunt.visitedDaysAgo().size());
    assertThat(objects(suggestions.getJsonArray("together")).stream()
        .filter(pair -> pair.getString("dish_id").equals(bowl)).findFirst().orElseThrow().getJsonArray("with"))
        .as("the past meals counted into 常一起点").contains(dishIds.get(DemoHistory.EXTRA.name()));
  }

  @Test
  void theRestaurantSellsTwoTopUpPackagesAndAMemberToppedUpTheLargerOne() {
    assertThat(objects(ok(service.get(storePath("/top-up-packages"), owner)).getJsonArray("items")))
        .extracting(offered -> offered.getString("name") + " " + offered.getLong("price_fen") + "+"
            + offered.getLong("bonus_fen"))
        .containsExactly("充300送30 30000+3000", "充500送60 50000+6000");
    String member = diner(DemoStoredValue.TOPPING_UP);

    JsonObject wallet = service.eventually(() -> ok(service.get(storePath("/wallet/stored-value"), member)),
        now -> now.getLong("balance_fen") > 0);

    assertThat(List.of(wallet.getLong("principal_fen"), wallet.getLong("bonus_fen")))
        .containsExactly(DemoStoredValue.LARGE_PRICE_FEN, DemoStoredValue.LARGE_BONUS_FEN);
    assertThat(ok(service.get(storePath("/settlements/" + day.day()), owner)).getJsonObject("stored_value")
        .getLong("sold_fen")).isEqualTo(DemoStoredValue.LARGE_PRICE_FEN);
  }

  @Test
  void theOperatorRunsThreeStoresWhoseWalkInsShowOneGrowingAndOneFallingBehind() {
    List<JsonObject> stores = objects(ok(service.get("/api/v1/tenants/" + seeding.restaurant().restaurant().tenantId()
        + "/stores", operator)).getJsonArray("stores"));

    assertThat(stores).extracting(store -> store.getString("name")).containsExactlyInAnyOrder(
        seeding.restaurant().store().name(), "演示面馆 解放路店", "演示面馆 滨江店");
    for (DemoRestaurant.Sister sister : seeding.restaurant().sisters()) {
      assertThat(objects(ok(service.get("/api/v1/stores/" + sister.store().id() + "/menu", null))
          .getJsonArray("categories"))).as(sister.store().name()).isNotEmpty();
    }
    UUID busy = seeding.restaurant().sisters().get(0).store().id();
    UUID quiet = seeding.restaurant().sisters().get(1).store().id();
    assertThat(bills(busy, 0, 14)).as("the busier sister grows").isGreaterThan(bills(busy, 14, 28));
    assertThat(bills(quiet, 0, 28)).as("the quieter sister falls behind").isLessThan(bills(quiet, 28, 56));
    assertThat(bills(quiet, 0, 28)).isLessThan(bills(seeding.restaurant().store().id(), 0, 28));
  }

  @Test
  void theOwnersWeekAgreesWithTheSettlementsAndSaysWhyAndWhatToLaunch() {
    JsonObject week = ok(service.get(storePath("/insights/dashboard?period=7d"), owner));
    long settled = 0;
    for (Object day : week.getJsonArray("daily")) {
      settled += ok(service.get(storePath("/settlements/" + ((JsonObject) day).getString("date")), owner))
          .getLong("net_fen");
    }
    assertThat(week.getLong("revenue_fen")).as("the week's settlements' net").isEqualTo(settled).isPositive();
    assertThat(week.getLong("bills")).isPositive();
    assertThat(week.getJsonArray("top_dishes")).isNotEmpty();

    JsonObject why = ok(service.get(storePath("/insights/explanation?period=7d"), owner));
    assertThat(why.getLong("revenue_fen")).isEqualTo(week.getLong("revenue_fen"));
    assertThat(objects(why.getJsonArray("parts")).stream().mapToLong(part -> part.getLong("change_fen")).sum())
        .isEqualTo(why.getLong("change_fen"));
    assertThat(why.getJsonArray("sentences").getString(0)).startsWith("营业额比上周");

    List<JsonObject> suggested = objects(ok(service.get(storePath("/insights/suggestions"), owner))
        .getJsonArray("items"));
    assertThat(suggested).extracting(card -> card.getString("type")).contains("win_back");
    assertThat(suggested).extracting(card -> card.getLong("expected_return_fen"))
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void theOperatorSeesTheQuietSisterLastAndBelowTheBrandsMedian() {
    JsonObject ranking = ok(service.get("/api/v1/tenants/" + seeding.restaurant().restaurant().tenantId()
        + "/insights/stores?period=30d", operator));

    List<JsonObject> stores = objects(ranking.getJsonArray("stores"));
    assertThat(stores).hasSize(3);
    JsonObject last = stores.get(2);
    assertThat(last.getString("name")).isEqualTo("演示面馆 滨江店");
    assertThat(last.getJsonArray("below_median")).contains("revenue_fen");
    assertThat(stores.get(0).getJsonArray("below_median")).doesNotContain("revenue_fen");
  }

  /** The store's paid bills between so many days ago and so many more. */
  private static long bills(UUID store, int fromDaysAgo, int toDaysAgo) {
    return service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND store_id = '" + store
        + "' AND paid_at <= now() - interval '" + fromDaysAgo + " days' AND paid_at > now() - interval '"
        + toDaysAgo + " days'");
  }

  @Test
  void aSecondSeedingFindsTheDeploymentInUseAndAddsNothing() {
    long orders = service.env().count("SELECT count(*) FROM orders");

    assertThat(service.seedDemo()).isEmpty();

    assertThat(service.env().count("SELECT count(*) FROM tenants")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM orders")).isEqualTo(orders);
  }

  @Test
  void everyCampaignCardReachesRegularsOfThePastYearAndNamesItsCost() {
    List<JsonObject> cards = objects(ok(service.get(storePath("/campaign-cards"), owner)).getJsonArray("items"));

    assertThat(cards).extracting(card -> card.getString("type"))
        .containsExactlyInAnyOrder("win_back", "basket_boost", "welcome", "birthday", "off_peak", "referral");
    assertThat(cards).allSatisfy(card -> {
      assertThat(card.getJsonObject("audience").getLong("count")).as(card.getString("type")).isPositive();
      assertThat(card.getJsonObject("audience").getLong("avg_basket_fen")).as(card.getString("type")).isPositive();
      assertThat(card.getJsonObject("estimate").getLong("total_cost_fen")).as(card.getString("type")).isPositive();
    });
    assertThat(card(cards, "win_back").getJsonObject("audience").getLong("count")).isEqualTo(SLEEPING.size());
    assertThat(card(cards, "birthday").getJsonObject("audience").getLong("count"))
        .isEqualTo(DemoHistory.REGULARS.stream().filter(regular -> regular.birthdayInDays() != null).count());
    assertThat(card(cards, "welcome").getJsonObject("audience").getLong("count"))
        .as("the day's members and the regulars who joined this month")
        .isEqualTo(DemoDay.JOININGS.size() + DemoHistory.REGULARS.stream()
            .filter(regular -> regular.joinedDaysAgo() <= 30).count());
    assertThat(service.env().count("SELECT count(*) FROM members WHERE visits >= 2")).isGreaterThan(SLEEPING.size());
    assertThat(card(cards, "referral").getJsonObject("referral").getJsonObject("friend_coupon").getString("name"))
        .isEqualTo(DemoReferral.FRIEND_COUPON);
  }

  @Test
  void theRegularsVisitsAreCountedAsMembershipCountsThemAndEveryPastPaymentIsBooked() {
    for (DemoHistory.Regular regular : DemoHistory.REGULARS) {
      assertThat(service.env().count("SELECT count(*) FROM members WHERE nickname = '" + regular.name()
          + "' AND visits = " + regular.visitedDaysAgo().size()
          // At lunch that many business days ago: within a day of that many days before now.
          + " AND last_visit_at < now() - interval '" + (regular.lastVisitDaysAgo() - 1) + " days'"
          + " AND last_visit_at > now() - interval '" + (regular.lastVisitDaysAgo() + 2) + " days'"
          + " AND joined_at < now() - interval '" + (regular.joinedDaysAgo() - 2) + " days'"))
          .as(regular.name()).isEqualTo(1);
    }
    assertThat(service.env().count("SELECT count(*) FROM payments p WHERE p.status = 'paid' AND NOT EXISTS"
        + " (SELECT 1 FROM payment_ledger l WHERE l.payment_id = p.id AND l.kind = 'payment')")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM orders o WHERE o.total_fen <> (SELECT"
        + " coalesce(sum(i.unit_price_fen * i.quantity), 0) FROM order_items i WHERE i.order_id = o.id)"))
        .as("every order's lines add up to its total").isZero();
    // 90 days ago only 周先生 came, and his meal is that day's settlement.
    LocalDate past = day.day().minusDays(90);
    JsonObject settled = ok(service.get(storePath("/settlements/" + past), owner));
    assertThat(List.of(settled.getLong("gross_fen"), settled.getLong("payment_count")))
        .containsExactly(WOKEN.mealFen(WOKEN.visitedDaysAgo().indexOf(90)), 1L);
    assertThat(settled.getJsonArray("mismatches")).isEmpty();
    assertThat(service.env().count("SELECT count(*) FROM consent_ledger c JOIN members m ON m.id = c.member_id"
        + " WHERE c.purpose = 'marketing' AND c.granted"))
        .isEqualTo(DemoHistory.REGULARS.stream().filter(DemoHistory.Regular::marketing).count()
            + DemoDay.JOININGS.stream().filter(DemoDay.Joining::marketing).count());
  }

  /**
   * Runs last: the returning regular orders and pays today, which the tests of the day as seeded must not see. The
   * store's clock is set to noon while the campaign goes out, outside the quiet hours, whatever the time of the run.
   */
  @Test
  @Order(Order.DEFAULT + 1)
  void aWinBackTextsOnlyTheConsentingSleeperWithAPhoneAndItsCardShowsHisReturn() {
    String zone = seeding.restaurant().store().timeZone().getId();
    String id;
    try {
      storeHourNow(12);
      id = ok(service.call(HttpMethod.POST, storePath("/campaigns"), owner, new JsonObject().put("type", "win_back")
          .put("idempotency_key", "demo-win-back"))).getString("id");
      service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
      service.<Integer>runJob(SmsSending.SEND_NOW);
      service.eventually(() -> textsTo(WOKEN.phone()), texts -> !texts.isEmpty());
    } finally {
      storeZone(zone);
    }

    assertThat(textsTo(WOKEN.phone())).singleElement()
        .satisfies(text -> assertThat(text.text()).contains("退订回T"));
    assertThat(campaigns.smsSimulator().orElseThrow().texts()).as("one text, to the one consenting sleeper")
        .hasSize(1);
    JsonObject results = ok(service.get(storePath("/campaigns/" + id), owner)).getJsonObject("results");
    assertThat(List.of(results.getLong("reached"), results.getLong("coupons_issued"),
        results.getLong("sms_sent"))).containsExactly((long) SLEEPING.size(), (long) SLEEPING.size(), 1L);

    String regular = diner(WOKEN.name());
    JsonObject coupon = objects(ok(service.get(storePath("/wallet/coupons"), regular)).getJsonArray("items"))
        .stream().filter(held -> held.getString("name").startsWith(CampaignType.WIN_BACK.title())).findFirst()
        .orElseThrow();
    long thresholdFen = ok(service.get(storePath("/campaigns/" + id), owner)).getJsonObject("offer")
        .getLong("threshold_fen");
    DiningTable table = seeding.restaurant().restaurant().tables().stream()
        .filter(each -> each.code().equals("A12")).findFirst().orElseThrow();
    String tab = ok(service.openTab(seeding.restaurant().store(), table, regular)).getString("id");
    JsonObject dish = objects(ok(service.get(storePath("/menu"), null)).getJsonArray("categories")).stream()
        .flatMap(category -> objects(category.getJsonArray("dishes")).stream())
        .filter(each -> each.getString("name").equals(DemoMenu.POTSTICKERS.name())).findFirst().orElseThrow();
    long portions = thresholdFen / dish.getLong("price_fen") + 1;
    ok(service.call(HttpMethod.POST, storePath("/tabs/" + tab + "/cart"), regular, new JsonObject()
        .put("dish_id", dish.getString("id")).put("quantity", portions).put("choice_ids", new JsonArray())
        .put("cart_version", ok(service.get(storePath("/tabs/" + tab), regular)).getJsonObject("cart")
            .getInteger("version"))));
    JsonObject order = ok(service.call(HttpMethod.POST, storePath("/tabs/" + tab + "/orders"), regular,
        new JsonObject().put("idempotency_key", "demo-comeback").put("head_count", 2)
            .put("coupon", coupon.getString("id"))));
    ok(service.call(HttpMethod.POST, storePath("/orders/" + order.getString("id") + "/counter-payment"), owner,
        new JsonObject().put("method", "cash")));

    JsonObject returned = service.eventually(() -> ok(service.get(storePath("/campaigns/" + id), owner))
        .getJsonObject("results"), found -> found.getLong("coupons_redeemed") == 1);
    assertThat(List.of(returned.getLong("attributed_orders"), returned.getLong("attributed_revenue_fen")))
        .containsExactly(1L, order.getLong("total_fen"));
    assertThat(returned.getLong("cost_fen")).isPositive();
    assertThat(returned.getDouble("return_on_cost")).isPositive();
  }

  /** The store's clock shows {@code hour} o'clock now: its zone is the offset that makes it so. */
  private static void storeHourNow(int hour) {
    int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
    storeZone(ZoneOffset.ofHours(Math.floorMod(hour - utcHour + 12, 24) - 12).getId());
  }

  private static void storeZone(String zone) {
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE stores SET time_zone = '" + zone + "' WHERE id = '"
        + seeding.restaurant().store().id() + "'"));
  }

  private static List<SmsSimulator.Text> textsTo(String phone) {
    return campaigns.smsSimulator().orElseThrow().texts().stream().filter(text -> text.phone().equals("+86" + phone))
        .toList();
  }

  /**
   * The demo's diner, signed in from an address of their own: the seeding's phones all signed in from the service's
   * address, near its limit of sign-ins a minute.
   */
  private static String diner(String name) {
    return service.signInFrom("127.0.3.1", "演示食客-" + name);
  }

  private static JsonObject card(List<JsonObject> cards, String type) {
    return cards.stream().filter(card -> card.getString("type").equals(type)).findFirst().orElseThrow();
  }

  /** The ledger's sum over the seeded business day (the past year's history is booked on its own days). */
  private static long ledger(String where) {
    ZoneId zone = seeding.restaurant().store().timeZone();
    return service.env().count("SELECT coalesce(sum(amount_fen), 0) FROM payment_ledger WHERE occurred_at >= '"
        + ZonedDateTime.of(day.day(), BusinessDay.STARTS_AT, zone).toOffsetDateTime() + "' AND occurred_at < '"
        + ZonedDateTime.of(day.day().plusDays(1), BusinessDay.STARTS_AT, zone).toOffsetDateTime() + "' AND "
        + where);
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + seeding.restaurant().store().id() + rest;
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }
}
