package app.tableloop.insight.customer;

import static app.tableloop.campaign.CampaignSteps.launching;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.campaign.CampaignDispatch;
import app.tableloop.campaign.CampaignSteps;
import app.tableloop.membership.MemberSteps;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The owner's customers: segments counted from the brand's members, a segment's members page by page with names and
 * phones masked, and a member's history (visits with dishes, coupons with their source) whose every read is audited;
 * staff, other brands and bad input are refused.
 */
class CustomerInsightsTest {
  static RunningService service;
  static CampaignSteps steps;
  static MemberSteps members;

  @BeforeAll
  static void start() {
    service = RunningService.start(CustomerInsightsTest.class);
    steps = new CampaignSteps(service);
    members = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String aMemberWithHistory(ARestaurant shop, String nickname, String phone, int visits, long spendFen,
                                           int lastVisitDaysAgo, int firstVisitDaysAgo) {
    String diner = steps.aMember(shop, "customer-" + UUID.randomUUID(), true, phone);
    steps.history(shop, diner, visits, spendFen, lastVisitDaysAgo, firstVisitDaysAgo);
    if (nickname != null) {
      steps.sql("UPDATE members SET nickname = '" + nickname + "' WHERE id = '" + steps.memberId(shop, diner) + "'");
    }
    return diner;
  }

  @Test
  void segmentsCountTheBrandsMembersByTheirVisits() {
    ARestaurant shop = ARestaurant.payFirst(service, "分群面馆", "S1", 2000);
    aMemberWithHistory(shop, null, null, 1, 10_000, 5, 10);
    aMemberWithHistory(shop, null, null, 3, 45_000, 5, 200);
    aMemberWithHistory(shop, null, null, 2, 40_000, 100, 300);
    aMemberWithHistory(shop, null, null, 2, 36_000, 400, 500);
    steps.aMember(shop, "never-" + UUID.randomUUID(), false, null);

    JsonObject answer = ok(service.get(shop.path("/insights/segments"), shop.owner()));

    assertThat(answer.getLong("total_members")).isEqualTo(5);
    JsonArray segments = answer.getJsonArray("segments");
    assertThat(segments.stream().map(JsonObject.class::cast).map(segment -> segment.getString("key")).toList())
        .containsExactly("new", "regular", "high_value", "sleeping", "lost");
    Map<String, Long> counts = segments.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(segment -> segment.getString("key"), segment -> segment.getLong("count")));
    assertThat(counts).as("the newcomer; the regular, also the top 20% (1 of 3 seen within a year); the sleeper;"
        + " the one gone over a year; nobody for the member who never came")
        .isEqualTo(Map.of("new", 1L, "regular", 1L, "high_value", 1L, "sleeping", 1L, "lost", 1L));
    JsonObject sleeping = segments.getJsonObject(3);
    assertThat(sleeping.getString("label")).isEqualTo("沉睡");
    assertThat(sleeping.getString("definition")).contains("45–365").contains("45 to 365 days");
  }

  @Test
  void aSegmentsMembersComePageByPageBySpendWithNamesAndPhonesMasked() {
    ARestaurant shop = ARestaurant.payFirst(service, "翻页面馆", "P1", 2000);
    aMemberWithHistory(shop, "张三丰", "13800000001", 2, 30_000, 100, 300);
    aMemberWithHistory(shop, "李四", null, 3, 60_000, 60, 300);
    aMemberWithHistory(shop, null, "13900000003", 1, 20_000, 200, 200);
    aMemberWithHistory(shop, "王五", null, 4, 80_000, 3, 300);

    JsonObject first = ok(service.get(shop.path("/insights/segments/sleeping/members?limit=2"), shop.owner()));
    JsonArray items = first.getJsonArray("items");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getString("name")).isEqualTo("李**");
    assertThat(items.getJsonObject(0).getLong("spend_fen")).isEqualTo(60_000);
    assertThat(items.getJsonObject(0).getLong("avg_basket_fen")).isEqualTo(20_000);
    assertThat(items.getJsonObject(0).getValue("phone")).isNull();
    assertThat(items.getJsonObject(0).getString("level")).isNotBlank();
    assertThat(items.getJsonObject(1).getString("name")).isEqualTo("张**");
    assertThat(items.getJsonObject(1).getString("phone")).isEqualTo("138****0001");
    assertThat(first.getString("next")).isNotNull();

    JsonObject second = ok(service.get(shop.path("/insights/segments/sleeping/members?limit=2&after="
        + first.getString("next")), shop.owner()));
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("会员");
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("phone")).isEqualTo("139****0003");
    assertThat(second.getValue("next")).isNull();
    assertThat(items.encode() + second.encode()).as("nothing personal whole").doesNotContain("13800000001")
        .doesNotContain("张三丰");
  }

  @Test
  void badSegmentsAndCursorsAreRefusedAndStaffAndOtherBrandsKeptOut() {
    ARestaurant shop = ARestaurant.payFirst(service, "拒绝面馆", "X1", 2000);
    ARestaurant other = ARestaurant.payFirst(service, "隔壁面馆", "Y1", 2000);

    problem(service.get(shop.path("/insights/segments/vip/members"), shop.owner()), 400);
    problem(service.get(shop.path("/insights/segments/lost/members?after=abc"), shop.owner()), 400);
    assertThat(problem(service.get(shop.path("/insights/segments/lost/members?after=1_"
        + "-".repeat(36)), shop.owner()), 400)).isEqualTo("cursor_invalid");
    problem(service.get(shop.path("/insights/segments/lost/members?limit=0"), shop.owner()), 400);
    problem(service.get(shop.path("/insights/segments"), shop.staff()), 403);
    problem(service.get(shop.path("/insights/segments"), other.owner()), 404);
    problem(service.get(shop.path("/insights/segments/new/members"), other.owner()), 404);
  }

  @Test
  void aMembersHistoryShowsVisitsWithDishesAndCouponsWithTheirSourceAndEachReadIsAudited() {
    ARestaurant shop = ARestaurant.payFirst(service, "历史面馆", "H1-H2", 2000);
    String diner = steps.aMember(shop, "history-" + UUID.randomUUID(), true, "13700000007");
    String memberId = steps.memberId(shop, diner);
    steps.sql("UPDATE members SET nickname = '赵六' WHERE id = '" + memberId + "'");
    members.paidOrder(shop, diner, "H1", 2);
    members.paidOrder(shop, diner, "H2", 1);
    service.eventsHandled();
    ok(steps.launch(shop, shop.owner(), launching("welcome")));
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);

    JsonObject history = ok(service.get(shop.path("/members/" + memberId + "/history"), shop.owner()));

    JsonObject member = history.getJsonObject("member");
    assertThat(member.getString("name")).isEqualTo("赵**");
    assertThat(member.getString("phone")).isEqualTo("137****0007");
    assertThat(member.getInteger("visits")).isEqualTo(2);
    assertThat(member.getLong("spend_fen")).isEqualTo(6_000);
    assertThat(member.getLong("avg_basket_fen")).isEqualTo(3_000);
    assertThat(member.getString("segment")).as("the top 20% of one").isEqualTo("high_value");
    assertThat(member.getJsonArray("segments")).containsExactly("high_value", "new", "regular");
    JsonArray visits = history.getJsonArray("visits");
    assertThat(visits).as("both meals today at the one store").hasSize(1);
    JsonObject today = visits.getJsonObject(0);
    assertThat(today.getString("store_name")).isEqualTo(shop.store().name());
    assertThat(today.getLong("bills")).isEqualTo(2);
    assertThat(today.getLong("amount_fen")).isEqualTo(6_000);
    assertThat(today.getJsonArray("dishes")).containsExactly(new JsonObject().put("name", "红烧牛肉面")
        .put("quantity", 3));
    JsonObject coupon = history.getJsonArray("coupons").getJsonObject(0);
    assertThat(coupon.getString("source")).isEqualTo("campaign");
    assertThat(coupon.getString("campaign_title")).isEqualTo("新客礼");
    assertThat(coupon.getString("state")).isEqualTo("available");
    assertThat(history.encode()).doesNotContain("13700000007").doesNotContain("赵六");

    String operator = service.anOperatorOf(shop.bootstrapped().tenantId(), "operator-" + UUID.randomUUID());
    ok(service.get(shop.path("/members/" + memberId + "/history"), operator));
    assertThat(steps.count("SELECT count(*) FROM access_audit WHERE member_id = '" + memberId
        + "' AND action = 'history_viewed' AND actor_id IS NOT NULL")).as("one row per read").isEqualTo(2);
    assertThat(steps.count("SELECT count(*) FROM access_audit WHERE member_id = '" + memberId
        + "' AND action = 'history_viewed' AND actor_role = 'owner'")).isEqualTo(1);
  }

  @Test
  void anotherBrandsMemberIsNotFoundAndNothingIsAudited() {
    ARestaurant shop = ARestaurant.payFirst(service, "本店面馆", "A1", 2000);
    ARestaurant other = ARestaurant.payFirst(service, "他店面馆", "B1", 2000);
    String theirs = steps.memberId(other, steps.aMember(other, "theirs-" + UUID.randomUUID(), false, null));

    assertThat(problem(service.get(shop.path("/members/" + theirs + "/history"), shop.owner()), 404))
        .isEqualTo("member_not_found");
    problem(service.get(shop.path("/members/" + UUID.randomUUID() + "/history"), shop.owner()), 404);
    problem(service.get(other.path("/members/" + theirs + "/history"), shop.owner()), 404);
    problem(service.get(other.path("/members/" + theirs + "/history"), other.staff()), 403);
    assertThat(steps.count("SELECT count(*) FROM access_audit WHERE action = 'history_viewed'"
        + " AND member_id = '" + theirs + "'")).isZero();
  }
}
