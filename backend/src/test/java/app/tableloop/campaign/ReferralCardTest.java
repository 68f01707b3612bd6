package app.tableloop.campaign;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.membership.MemberSteps;
import app.tableloop.referral.ReferralOutcome;
import app.tableloop.referral.ReferralSettings;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The referral programme is a card on 营销: who can share, what it offers from the settings, its estimated cost and
 * what it came to (friends joined and paid, rewards given, their orders' revenue); each brand's card is its own.
 */
class ReferralCardTest {
  static RunningService service;
  static CampaignSteps steps;
  static MemberSteps members;

  @BeforeAll
  static void start() {
    service = RunningService.start(ReferralCardTest.class);
    steps = new CampaignSteps(service);
    members = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theReferralCardShowsItsOfferCostAndResultsFromTheBrandsOwnData() {
    ARestaurant shop = ARestaurant.payFirst(service, "邀请面馆", "F1", 6000);
    String sharer = steps.aMember(shop, "sharer-" + UUID.randomUUID(), false, null);
    String friend = steps.aMember(shop, "friend-" + UUID.randomUUID(), false, null);
    for (int i = 0; i < 8; i++) {
      steps.aMember(shop, "member-" + i + "-" + UUID.randomUUID(), false, null);
    }
    String tenant = shop.bootstrapped().tenantId().toString();
    String welcome = template(tenant, "新朋友满50减10", 5000, 1000);
    String reward = template(tenant, "邀请奖励减30", 0, 3000);
    ok(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.owner(), new JsonObject().put("active", true)
        .put("needed", 2).put("cap_per_sharer", 10).put("friend_template_id", welcome)
        .put("sharer_template_id", reward)));
    steps.sql("INSERT INTO referrals (tenant_id, sharer_member_id, friend_member_id, sharer_key, friend_key, outcome,"
        + " joined_at, first_paid_at) VALUES ('" + tenant + "', '" + steps.memberId(shop, sharer) + "', '"
        + steps.memberId(shop, friend) + "', '\\x01', '\\x02', 'counted', now() - interval '1 hour', now())");
    ARestaurant.Ordered paid = members.paidOrder(shop, friend, "F1", 2);
    service.eventsHandled();
    steps.sql("INSERT INTO referral_rewards (sharer_member_id, tenant_id, rewarded_at, coupon_id)"
        + " SELECT '" + steps.memberId(shop, sharer) + "', '" + tenant + "', now(), NULL");

    JsonObject card = referralCard(shop);
    assertThat(card.getString("title")).isEqualTo("邀请有礼");
    assertThat(card.getJsonObject("audience").getLong("count")).isEqualTo(10);
    assertThat(card.getString("summary"))
        .isEqualTo("10 位会员可分享邀请：好友入会得「新朋友满50减10」，邀满 2 位好友并消费得「邀请奖励减30」");
    JsonObject referral = card.getJsonObject("referral");
    assertThat(referral.getJsonObject("friend_coupon").getLong("amount_off_fen")).isEqualTo(1000);
    assertThat(referral.getJsonObject("sharer_coupon").getString("name")).isEqualTo("邀请奖励减30");
    JsonObject results = referral.getJsonObject("results");
    assertThat(results.getLong("friends_joined")).isEqualTo(1);
    assertThat(results.getLong("friends_paid")).isEqualTo(1);
    assertThat(results.getLong("rewards_given")).as("a reward with no coupon issued is not a reward given").isZero();
    assertThat(results.getLong("revenue_fen")).isEqualTo(paid.totalFen());
    // 10 members: 1 friend expected, half a welcome coupon used (¥5), no reward yet (1 of 2 friends), no SMS.
    JsonObject estimate = card.getJsonObject("estimate");
    assertThat(estimate.getLong("coupon_cost_fen")).isEqualTo(500);
    assertThat(estimate.getLong("message_cost_fen")).isZero();
    assertThat(estimate.getLong("total_cost_fen")).isEqualTo(500);

    ARestaurant other = ARestaurant.payFirst(service, "别家邀请面馆", "G1", 6000);
    JsonObject theirs = referralCard(other);
    assertThat(theirs.getJsonObject("audience").getLong("count")).isZero();
    assertThat(theirs.getJsonObject("referral").getJsonObject("results").getLong("friends_joined")).isZero();
    assertThat(theirs.getJsonObject("referral").getValue("friend_coupon")).isNull();
  }

  @Test
  void theEstimateCountsAPercentCouponUpToItsCapAndNothingForCouponsNotSet() {
    ReferralOutcome.CouponFace eightyPercent = new ReferralOutcome.CouponFace("8折", "percent_off", 0, null, 20, 1500L,
        30);
    ReferralOutcome outcome = new ReferralOutcome(new ReferralSettings(true, 2, 10, Optional.empty(), Optional.empty()),
        Optional.of(eightyPercent), Optional.empty(), 40, 10_000, 0, 0, 0, 0);
    Estimate estimate = ReferralCardRules.estimate(outcome);
    // 4 friends expected, 2 using 20% off a ¥100 basket capped at ¥15; two rewards of no coupon cost nothing.
    assertThat(estimate.expectedRedemptions()).isEqualTo(2.0);
    assertThat(estimate.couponCostFen()).isEqualTo(3_000);
    assertThat(estimate.messageCostFen()).isZero();
    assertThat(estimate.expectedRevenueFen()).isEqualTo(20_000);
    ReferralSettings off = new ReferralSettings(false, 5, 10, Optional.empty(), Optional.empty());
    assertThat(ReferralCardRules.summary(new ReferralOutcome(off, Optional.empty(), Optional.empty(), 3, 0, 0, 0, 0,
        0)))
        .isEqualTo("邀请有礼已关闭：好友入会得（未设置优惠券），邀满 5 位好友并消费得（未设置优惠券）");
  }

  private static JsonObject referralCard(ARestaurant shop) {
    return ok(service.get(shop.path("/campaign-cards"), shop.owner())).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(card -> card.getString("type").equals("referral")).findFirst()
        .orElseThrow();
  }

  private static String template(String tenant, String name, long thresholdFen, long amountOffFen) {
    String id = UUID.randomUUID().toString();
    steps.sql("INSERT INTO coupon_templates (id, tenant_id, name, kind, threshold_fen, amount_off_fen, validity_kind,"
        + " valid_days) VALUES ('" + id + "', '" + tenant + "', '" + name + "', 'amount_off', " + thresholdFen + ", "
        + amountOffFen + ", 'days', 30)");
    return id;
  }
}
