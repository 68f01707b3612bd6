package app.tableloop.campaign;

import static app.tableloop.campaign.CampaignSteps.launching;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In a brand of two stores, a campaign reaches the members of the stores it names (the launching store when it names
 * none), an owner may name only their own store, and its coupons are usable at its stores only.
 */
class CampaignStoresTest {
  static RunningService service;
  static CampaignSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(CampaignStoresTest.class);
    steps = new CampaignSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** Store A (the shop), its second store B with an owner of its own, and the brand's operator. */
  private record Brand(ARestaurant shop, UUID storeB, String ownerB, String operator) {
    String storeA() {
      return shop.store().id().toString();
    }
  }

  private static Brand aBrandOfTwoStores(String name) {
    ARestaurant shop = ARestaurant.payFirst(service, name, "A1", 17_000);
    String operator = service.anOperatorOf(shop.store().tenantId(), "operator-" + UUID.randomUUID());
    UUID storeB = UUID.fromString(ok(service.call(HttpMethod.POST,
        "/api/v1/tenants/" + shop.store().tenantId() + "/stores", operator,
        new JsonObject().put("name", name + " 二店"))).getString("id"));
    String invite = ok(service.call(HttpMethod.POST, "/api/v1/stores/" + storeB + "/invites", operator,
        new JsonObject().put("role", "owner"))).getString("token");
    return new Brand(shop, storeB, service.signInAndAccept("owner-b-" + UUID.randomUUID(), invite), operator);
  }

  /** A sleeping member who paid at A, and one who paid at B only (both joined through A's card). */
  private static List<String> sleepersAtAAndB(Brand brand) {
    String atA = steps.aMember(brand.shop(), "a-" + UUID.randomUUID(), false, null);
    steps.history(brand.shop(), atA, 2, 40_000, 90, 300);
    String atB = steps.aMember(brand.shop(), "b-" + UUID.randomUUID(), false, null);
    steps.history(brand.shop(), atB, 2, 40_000, 90, 300);
    steps.sql("DELETE FROM diner_visits WHERE user_id = (SELECT user_id FROM members WHERE id = '"
        + steps.memberId(brand.shop(), atB) + "')");
    steps.visitAt(brand.shop(), brand.storeB(), steps.memberId(brand.shop(), atB), 90, 20_000);
    return List.of(atA, atB);
  }

  private static long winBackAudience(Brand brand, String token, String query) {
    JsonArray items = ok(service.get(brand.shop().path("/campaign-cards" + query), token)).getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(card -> card.getString("type").equals("win_back"))
        .findFirst().orElseThrow().getJsonObject("audience").getLong("count");
  }

  private long recipients(String campaignId) {
    return steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + campaignId + "'");
  }

  @Test
  void anOwnerReachesTheirStoresMembersAndAnOperatorTheStoresPicked() {
    Brand brand = aBrandOfTwoStores("两店面馆");
    List<String> diners = sleepersAtAAndB(brand);
    String both = "?store_ids=" + brand.storeA() + "," + brand.storeB();

    assertThat(winBackAudience(brand, brand.shop().owner(), "")).as("who paid at A").isEqualTo(1);
    assertThat(winBackAudience(brand, brand.operator(), both)).as("who paid at A or B").isEqualTo(2);
    assertThat(winBackAudience(brand, brand.operator(), "?store_ids=" + brand.storeB())).isEqualTo(1);

    JsonObject ownCampaign = ok(steps.launch(brand.shop(), brand.shop().owner(), launching("win_back")));
    assertThat(ownCampaign.getJsonArray("store_ids")).containsExactly(brand.storeA());
    assertThat(recipients(ownCampaign.getString("id"))).isEqualTo(1);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients r JOIN members m ON m.id = r.member_id"
        + " WHERE r.campaign_id = '" + ownCampaign.getString("id") + "' AND m.id = '"
        + steps.memberId(brand.shop(), diners.get(0)) + "'")).as("the member who paid at A").isEqualTo(1);
    ok(service.call(HttpMethod.POST, brand.shop().path("/campaigns/" + ownCampaign.getString("id") + "/stop"),
        brand.shop().owner(), null));

    JsonObject brandWide = ok(steps.launch(brand.shop(), brand.operator(), launching("win_back")
        .put("store_ids", new JsonArray().add(brand.storeA()).add(brand.storeB().toString()))));
    assertThat(brandWide.getJsonArray("store_ids")).containsExactly(brand.storeA(), brand.storeB().toString());
    assertThat(recipients(brandWide.getString("id"))).isEqualTo(2);
  }

  @Test
  void storesAnOwnerDoesNotOwnOrTheBrandDoesNotHaveAreRefusedWithNothingWritten() {
    Brand brand = aBrandOfTwoStores("拒绝两店面馆");
    sleepersAtAAndB(brand);
    ARestaurant other = ARestaurant.payFirst(service, "别家两店面馆", "Z1", 2000);

    assertThat(problem(steps.launch(brand.shop(), brand.shop().owner(), launching("win_back")
        .put("store_ids", new JsonArray().add(brand.storeB().toString()))), 403)).isEqualTo("store_not_owned");
    assertThat(problem(steps.launch(brand.shop(), brand.shop().owner(), launching("win_back")
        .put("store_ids", new JsonArray().add(brand.storeA()).add(brand.storeB().toString()))), 403))
        .isEqualTo("store_not_owned");
    assertThat(problem(service.get(brand.shop().path("/campaign-cards?store_ids=" + brand.storeB()),
        brand.shop().owner()), 403)).isEqualTo("store_not_owned");
    assertThat(problem(steps.launch(brand.shop(), brand.operator(), launching("win_back")
        .put("store_ids", new JsonArray().add(UUID.randomUUID().toString()))), 400)).isEqualTo("store_not_found");
    assertThat(problem(steps.launch(brand.shop(), brand.operator(), launching("win_back")
        .put("store_ids", new JsonArray().add(other.store().id().toString()))), 400))
        .as("another brand's store").isEqualTo("store_not_found");
    assertThat(problem(service.get(brand.shop().path("/campaign-cards?store_ids=" + UUID.randomUUID()),
        brand.operator()), 400)).isEqualTo("store_not_found");
    problem(steps.launch(brand.shop(), brand.operator(), launching("win_back").put("store_ids", new JsonArray())),
        400);
    assertThat(problem(service.call(HttpMethod.POST, "/api/v1/stores/" + brand.storeB() + "/campaigns",
        brand.ownerB(), launching("win_back").put("store_ids", new JsonArray().add(brand.storeA()))), 403))
        .as("B's owner does not own A").isEqualTo("store_not_owned");
    assertThat(steps.count("SELECT count(*) FROM campaigns WHERE tenant_id = '" + brand.shop().store().tenantId()
        + "'")).isZero();
    assertThat(steps.count("SELECT count(*) FROM coupon_templates WHERE tenant_id = '"
        + brand.shop().store().tenantId() + "'")).isZero();
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients r JOIN members m ON m.id = r.member_id"
        + " WHERE m.tenant_id = '" + brand.shop().store().tenantId() + "'")).isZero();
  }

  @Test
  void aCampaignsCouponIsUsableAtItsStoresOnly() {
    Brand brand = aBrandOfTwoStores("券两店面馆");
    String diner = steps.aMember(brand.shop(), "both-" + UUID.randomUUID(), false, null);
    steps.history(brand.shop(), diner, 2, 40_000, 90, 300);
    steps.visitAt(brand.shop(), brand.storeB(), steps.memberId(brand.shop(), diner), 90, 20_000);
    JsonObject offer = new JsonObject().put("threshold_fen", 50_000).put("amount_off_fen", 5_000)
        .put("validity_days", 14);

    String ofB = ok(steps.launch(brand.shop(), brand.operator(), launching("win_back").put("offer", offer)
        .put("store_ids", new JsonArray().add(brand.storeB().toString())))).getString("id");
    String couponOfB = couponOf(brand, diner, ofB);
    JsonObject wallet = ok(service.get(brand.shop().path("/wallet/coupons"), diner));
    assertThat(wallet.getJsonArray("items").getJsonObject(0).getJsonArray("store_ids"))
        .containsExactly(brand.storeB().toString());
    String tab = ok(service.openTab(brand.shop().store(), brand.shop().table("A1"), diner)).getString("id");
    brand.shop().post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", brand.shop().dish())
        .put("quantity", 5));
    JsonObject placing = new JsonObject().put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 2);
    assertThat(problem(brand.shop().call(diner, "/tabs/" + tab + "/orders", placing.copy().put("coupon", couponOfB)),
        409)).as("B's coupon at A's checkout").isEqualTo("store_not_eligible");
    assertThat(steps.campaign(brand.shop(), ofB).getString("status")).as("its type is free again")
        .isEqualTo("finished");

    String ofA = ok(steps.launch(brand.shop(), brand.shop().owner(), launching("win_back").put("offer", offer)))
        .getString("id");
    String couponOfA = couponOf(brand, diner, ofA);
    assertThat(brand.shop().post(diner, "/tabs/" + tab + "/orders", placing.copy().put("coupon", couponOfA))
        .getLong("total_fen")).as("5 × ¥170 less ¥50").isEqualTo(80_000);
  }

  private static String couponOf(Brand brand, String diner, String campaignId) {
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
    return ok(service.get(brand.shop().path("/messages"), diner)).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(message -> campaignId.equals(message.getString("campaign_id")))
        .findFirst().orElseThrow().getString("coupon_id");
  }
}
