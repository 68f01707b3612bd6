package app.tableloop.loyalty.coupon;

import static app.tableloop.loyalty.coupon.CouponSteps.amountOff;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.data.TemporalUnitOffset;
import org.assertj.core.data.TemporalUnitWithinOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coupon templates as the owner defines them, and coupons as members get them: never more than the stock nor the
 * per-member limit, however many claim at once; bad definitions and claims refused with nothing changed.
 */
class CouponIssuingTest {
  static RunningService service;
  static CouponSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(CouponIssuingTest.class);
    steps = new CouponSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void sixtyFourMembersClaimingTheLastCouponAtOnceGetExactlyOne() {
    ARestaurant shop = ARestaurant.eatFirst(service, "抢券面馆", "Q1", 2000);
    JsonObject template = steps.template(shop, amountOff("最后一张 满100减15", 10000, 1500).put("total_stock", 1)
        .put("claimable", true));
    String code = template.getString("claim_code");
    assertThat(code).matches("[A-HJ-NP-Z2-9]{8}");
    List<String> members = steps.members(shop, 64);

    List<HttpResponse<Buffer>> answers = members.stream()
        .map(diner -> service.callAsync(HttpMethod.POST, shop.path("/coupon-claims"), diner,
            new JsonObject().put("code", code)))
        .toList().stream().map(claim -> claim.toCompletionStage().toCompletableFuture().join()).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() == 409)
        .map(answer -> answer.bodyAsJsonObject().getString("code"))).hasSize(63).containsOnly("coupon_out_of_stock");
    String id = template.getString("id");
    assertThat(steps.count("SELECT count(*) FROM coupons WHERE template_id = '" + id + "'")).isEqualTo(1);
    assertThat(steps.count("SELECT issued_count FROM coupon_templates WHERE id = '" + id + "'")).isEqualTo(1);
    assertThat(ok(service.get(shop.path("/coupon-templates/" + id), shop.owner())).getInteger("issued_count"))
        .isEqualTo(1);
  }

  @Test
  void oneMemberClaimingTwentyTimesAtOnceGetsExactlyTheLimit() {
    ARestaurant shop = ARestaurant.eatFirst(service, "限领面馆", "L1", 2000);
    JsonObject template = steps.template(shop, amountOff("每人两张", 5000, 500).put("per_member_limit", 2)
        .put("claimable", true));
    String diner = steps.aMember(shop, "greedy-" + UUID.randomUUID());

    List<Future<HttpResponse<Buffer>>> claims = IntStream.range(0, 20)
        .mapToObj(i -> service.callAsync(HttpMethod.POST, shop.path("/coupon-claims"), diner,
            new JsonObject().put("code", template.getString("claim_code").toLowerCase())))
        .toList();
    List<HttpResponse<Buffer>> answers = claims.stream()
        .map(claim -> claim.toCompletionStage().toCompletableFuture().join()).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(2);
    assertThat(answers.stream().filter(answer -> answer.statusCode() == 409)
        .map(answer -> answer.bodyAsJsonObject().getString("code"))).hasSize(18)
        .containsOnly("coupon_limit_reached");
    String id = template.getString("id");
    assertThat(steps.count("SELECT count(*) FROM coupons WHERE template_id = '" + id + "'")).isEqualTo(2);
    assertThat(steps.count("SELECT issued_count FROM coupon_templates WHERE id = '" + id + "'"))
        .as("refused claims give their stock back").isEqualTo(2);
    JsonArray wallet = steps.wallet(shop, diner, "available");
    assertThat(wallet).hasSize(2);
    JsonObject coupon = wallet.getJsonObject(0);
    assertThat(coupon.getString("source")).isEqualTo("claim");
    assertThat(coupon.getString("state")).isEqualTo("available");
    assertThat(coupon.getLong("amount_off_fen")).isEqualTo(500);
    assertThat(Instant.parse(coupon.getString("valid_until")))
        .isCloseTo(Instant.parse(coupon.getString("issued_at")).plus(30, ChronoUnit.DAYS), within());
  }

  @Test
  void claimsThatCannotBeGivenAreRefusedAndChangeNothing() {
    ARestaurant shop = ARestaurant.eatFirst(service, "领券规则面馆", "R1", 2000);
    String member = steps.aMember(shop, "member-" + UUID.randomUUID());
    String stranger = service.signIn("stranger-" + UUID.randomUUID());
    JsonObject open = steps.template(shop, amountOff("开放领取", 0, 300).put("claimable", true));
    JsonObject closed = steps.template(shop, amountOff("已停发", 0, 300).put("claimable", true));
    ok(service.call(HttpMethod.PATCH, shop.path("/coupon-templates/" + closed.getString("id")), shop.owner(),
        new JsonObject().put("active", false)));
    ARestaurant other = ARestaurant.eatFirst(service, "别家面馆", "X1", 2000);
    JsonObject elsewhere = steps.template(other, amountOff("别家的券", 0, 300).put("claimable", true));

    assertThat(problem(steps.claim(shop, stranger, open.getString("claim_code")), 409)).isEqualTo("join_first");
    assertThat(problem(service.get(shop.path("/wallet/coupons"), stranger), 409)).isEqualTo("join_first");
    assertThat(problem(steps.claim(shop, member, closed.getString("claim_code")), 409)).isEqualTo("coupon_inactive");
    assertThat(problem(steps.claim(shop, member, elsewhere.getString("claim_code")), 404))
        .as("another restaurant's code is unknown here").isEqualTo("claim_code_unknown");
    assertThat(problem(steps.claim(shop, member, "ABCDEFGH"), 404)).isEqualTo("claim_code_unknown");
    assertThat(problem(steps.claim(shop, member, "IO01"), 400)).isEqualTo("invalid_field");
    assertThat(steps.wallet(shop, member, "available")).isEmpty();

    assertThat(ok(steps.claim(shop, member, open.getString("claim_code"))).getString("name")).isEqualTo("开放领取");
    assertThat(problem(steps.claim(shop, member, open.getString("claim_code")), 409))
        .as("the default limit is one per member").isEqualTo("coupon_limit_reached");
    // Closing claims retires the code.
    ok(service.call(HttpMethod.PATCH, shop.path("/coupon-templates/" + open.getString("id")), shop.owner(),
        new JsonObject().put("claimable", false)));
    assertThat(problem(steps.claim(shop, steps.aMember(shop, "late-" + UUID.randomUUID()),
        open.getString("claim_code")), 404)).isEqualTo("claim_code_unknown");
    assertThat(steps.count("SELECT sum(issued_count) FROM coupon_templates WHERE id IN ('" + open.getString("id")
        + "', '" + closed.getString("id") + "')")).isEqualTo(1);
  }

  @Test
  void theOwnerDefinesTemplatesAndBadDefinitionsAreRefusedWithNothingWritten() {
    ARestaurant shop = ARestaurant.eatFirst(service, "定义面馆", "D1", 2000);
    String staff = shop.staff();
    JsonObject good = amountOff("满100减15", 10000, 1500);
    assertThat(problem(steps.createTemplate(shop, staff, good), 403)).as("owners only").isEqualTo("forbidden");
    String diner = steps.aMember(shop, "diner-" + UUID.randomUUID());
    assertThat(steps.createTemplate(shop, diner, good).statusCode()).isIn(403, 404);

    JsonObject percent = new JsonObject().put("name", "8折").put("kind", "percent_off")
        .put("validity", new JsonObject().put("kind", "days").put("days", 7));
    assertThat(problem(steps.createTemplate(shop, shop.owner(), percent.copy().put("percent_off", 0)), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), percent.copy().put("percent_off", 100)), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), percent.copy()), 400))
        .as("percent_off without its percent").isEqualTo("coupon_terms_mismatch");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), percent.copy().put("percent_off", 20)
        .put("amount_off_fen", 100)), 400)).isEqualTo("coupon_terms_mismatch");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), amountOff("负数", 10000, -5)), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), amountOff("负门槛", -1, 500)), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("validity", new JsonObject()
        .put("kind", "fixed").put("starts_at", "2030-02-01T00:00:00Z").put("ends_at", "2030-01-01T00:00:00Z"))),
        400)).isEqualTo("validity_invalid");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("validity", new JsonObject()
        .put("kind", "fixed").put("starts_at", "2020-01-01T00:00:00Z").put("ends_at", "2020-02-01T00:00:00Z"))),
        400)).as("ended already").isEqualTo("validity_invalid");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("validity", new JsonObject()
        .put("kind", "days").put("days", 0))), 400)).isEqualTo("invalid_field");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("scope", new JsonObject()
        .put("kind", "dishes").put("ids", new JsonArray().add(CouponSteps.uuid())))), 400))
        .isEqualTo("scope_ids_unknown");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("scope", new JsonObject()
        .put("kind", "categories"))), 400)).isEqualTo("scope_ids_invalid");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("scope", new JsonObject()
        .put("kind", "menu").put("ids", new JsonArray().add(shop.dish())))), 400)).isEqualTo("scope_ids_invalid");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), new JsonObject().put("name", "送菜")
        .put("kind", "free_dish").put("free_dish_id", CouponSteps.uuid())
        .put("validity", new JsonObject().put("kind", "days").put("days", 7))), 400)).isEqualTo("free_dish_unknown");
    ARestaurant other = ARestaurant.eatFirst(service, "别家定义面馆", "E1", 2000);
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("scope", new JsonObject()
        .put("kind", "dishes").put("ids", new JsonArray().add(other.dish())))), 400))
        .as("another tenant's dish").isEqualTo("scope_ids_unknown");
    assertThat(problem(steps.createTemplate(shop, shop.owner(), good.copy().put("name", " ")), 400))
        .isEqualTo("name_invalid");
    assertThat(ok(service.get(shop.path("/coupon-templates"), shop.owner())).getJsonArray("items"))
        .as("nothing written").isEmpty();

    JsonObject made = steps.template(shop, good.copy().put("total_stock", 10).put("scope", new JsonObject()
        .put("kind", "dishes").put("ids", new JsonArray().add(shop.dish()))));
    assertThat(made.getJsonObject("scope").getJsonArray("ids")).containsExactly(shop.dish());
    assertThat(made.getBoolean("claimable")).isFalse();
    assertThat(made.getValue("claim_code")).isNull();
    assertThat(made.getInteger("issued_count")).isZero();
    String path = shop.path("/coupon-templates/" + made.getString("id"));
    assertThat(problem(service.call(HttpMethod.PATCH, path, shop.owner(), new JsonObject().put("total_stock", 5)),
        400)).isEqualTo("stock_decrease");
    JsonObject changed = ok(service.call(HttpMethod.PATCH, path, shop.owner(), new JsonObject()
        .put("total_stock", 20).put("name", "满100减15（加量）").put("claimable", true)));
    assertThat(changed.getInteger("total_stock")).isEqualTo(20);
    assertThat(changed.getString("claim_code")).hasSize(8);
    assertThat(changed.getLong("amount_off_fen")).as("terms stay").isEqualTo(1500);
    assertThat(problem(service.get(other.path("/coupon-templates/" + made.getString("id")), other.owner()), 404))
        .isEqualTo("coupon_template_not_found");
  }

  @Test
  void theOwnerGrantsToMembersAsFarAsStockAndLimitsAllow() {
    ARestaurant shop = ARestaurant.eatFirst(service, "赠券面馆", "G1", 2000);
    JsonObject template = steps.template(shop, amountOff("老客礼券", 0, 800).put("total_stock", 2));
    String first = steps.aMember(shop, "first-" + UUID.randomUUID());
    String second = steps.aMember(shop, "second-" + UUID.randomUUID());
    String third = steps.aMember(shop, "third-" + UUID.randomUUID());
    ARestaurant other = ARestaurant.eatFirst(service, "别家赠券面馆", "H1", 2000);
    String foreign = steps.aMember(other, "foreign-" + UUID.randomUUID());
    String grants = shop.path("/coupon-templates/" + template.getString("id") + "/grants");

    JsonObject granted = ok(service.call(HttpMethod.POST, grants, shop.owner(), new JsonObject()
        .put("member_ids", new JsonArray().add(steps.memberId(shop, first)).add(steps.memberId(other, foreign))
            .add(steps.memberId(shop, first)).add(steps.memberId(shop, second)).add(steps.memberId(shop, third)))));

    assertThat(granted.getInteger("issued")).isEqualTo(2);
    assertThat(granted.getJsonArray("refused").stream().map(JsonObject.class::cast)
        .map(refused -> refused.getString("code"))).containsExactly("member_not_found", "coupon_out_of_stock");
    assertThat(steps.wallet(shop, first, "available").getJsonObject(0).getString("source")).isEqualTo("owner");
    assertThat(steps.wallet(shop, third, "available")).isEmpty();
    assertThat(steps.count("SELECT issued_count FROM coupon_templates WHERE id = '" + template.getString("id")
        + "'")).isEqualTo(2);
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/coupon-templates/" + CouponSteps.uuid()
        + "/grants"), shop.owner(), new JsonObject().put("member_ids", new JsonArray()
        .add(steps.memberId(shop, third)))), 404)).isEqualTo("coupon_template_not_found");
  }

  private static TemporalUnitOffset within() {
    return new TemporalUnitWithinOffset(1, ChronoUnit.SECONDS);
  }
}
