package app.tableloop.referral;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.membership.MemberSteps;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RacingRelays;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 邀请有礼 end to end: a member's signed token, friends who join through it as new members and get the welcome coupon,
 * the sharer's reward once when enough of them paid, and every join that must not count (an existing member, a former
 * customer, a loop, a forged or expired token, over the cap), also with relays of several instances racing.
 */
class ReferralTest {
  private static final long PRICE_FEN = 2600;
  static final RacingRelays RELAYS = new RacingRelays();
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  static RunningService service;
  static MemberSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.startReachable(ReferralTest.class, RELAYS.modules());
    RELAYS.of(service);
    steps = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void fiveFriendsWhoJoinAndPayRewardTheSharerOnceAndNoneOfTheRefusedJoinsCount() {
    ARestaurant shop = ARestaurant.payFirst(service, "邀请面馆", "T1-T12", PRICE_FEN);
    String[] templates = programme(shop, 5, 10);
    String sharer = aMember(shop);
    JsonObject referral = ok(service.get(shop.path("/referral"), sharer));
    String token = referral.getString("token");
    assertThat(token).hasSize(32);
    assertThat(referral.getString("share_path"))
        .isEqualTo("pages/member/join/index?store=" + shop.store().id() + "&ref=" + token);
    assertThat(referral.getInteger("remaining")).isEqualTo(5);
    assertThat(referral.getString("message")).isEqualTo("还差 5 位好友");

    // Refused at joining: the sharer themselves, an existing member, a forged token, an expired one.
    assertThat(problem(join(shop, sharer, token), 409)).isEqualTo("already_member");
    String existing = aMember(shop);
    assertThat(problem(join(shop, existing, token), 409)).isEqualTo("already_member");
    String stranger = signIn();
    char last = token.charAt(31);
    String forged = token.substring(0, 31) + (last == 'A' ? 'B' : 'A');
    assertThat(problem(join(shop, stranger, forged), 400)).isEqualTo("referral_token_invalid");
    assertThat(problem(join(shop, stranger, "not-a-token"), 400)).isEqualTo("invalid_field");
    String expired = ReferralToken.issue(referralKey(), shop.bootstrapped().tenantId(), UUID.fromString(
        memberId(shop, sharer)), Instant.now().minus(Duration.ofDays(ReferralToken.VALID_DAYS + 1)));
    assertThat(problem(join(shop, stranger, expired), 400)).isEqualTo("referral_token_expired");
    ARestaurant elsewhere = ARestaurant.payFirst(service, "别家面馆", "E1", PRICE_FEN);
    assertThat(problem(join(elsewhere, stranger, token), 400)).as("another brand's token")
        .isEqualTo("referral_token_invalid");

    // A customer who paid before joining joins, but does not count and gets no welcome coupon.
    String customer = signIn();
    steps.paidOrder(shop, customer, "T1", 1);
    service.eventually(() -> service.env().count("SELECT count(*) FROM diner_visits v JOIN stores s ON"
        + " s.tenant_id = v.tenant_id WHERE s.id = '" + shop.store().id() + "'"), visits -> visits == 1);
    ok(join(shop, customer, token));
    assertThat(outcomeOnceJudged(customer, shop)).isEqualTo("already_customer");

    List<String> friends = IntStream.range(0, 5).mapToObj(i -> signIn()).toList();
    friends.forEach(friend -> assertThat(ok(steps.join(shop, friend, consent(shop, friend)
        .put("referral_token", token).put("nickname", "小熊猫"))).getString("joined_via")).isEqualTo("referral"));
    friends.forEach(friend -> assertThat(outcomeOnceJudged(friend, shop)).isEqualTo("counted"));
    friends.forEach(friend -> assertThat(couponsOf(shop, friend, templates[0])).isEqualTo(1));
    assertThat(couponsOf(shop, customer, templates[0])).isZero();
    assertThat(ok(service.get(shop.path("/referral"), sharer)).getInteger("successful")).isZero();

    for (int i = 0; i < 4; i++) {
      steps.paidOrder(shop, friends.get(i), "T" + (2 + i), 1);
    }
    JsonObject four = service.eventually(() -> ok(service.get(shop.path("/referral"), sharer)),
        progress -> progress.getInteger("successful") == 4);
    assertThat(four.getString("message")).isEqualTo("还差 1 位好友");
    assertThat(four.getBoolean("rewarded")).isFalse();
    assertThat(four.getJsonArray("friends")).hasSize(5);
    assertThat(four.getJsonArray("friends").getJsonObject(0).getString("nickname")).as("masked").isEqualTo("小**");
    assertThat(couponsOf(shop, sharer, templates[1])).isZero();

    steps.paidOrder(shop, friends.get(4), "T6", 1);
    steps.paidOrder(shop, friends.get(0), "T7", 1);
    JsonObject rewarded = service.eventually(() -> ok(service.get(shop.path("/referral"), sharer)),
        progress -> progress.getBoolean("rewarded"));
    assertThat(rewarded.getInteger("successful")).isEqualTo(5);
    assertThat(rewarded.getInteger("remaining")).isZero();

    // A sixth friend joins and pays: counted, but the reward is not given again.
    String sixth = signIn();
    ok(join(shop, sixth, token));
    steps.paidOrder(shop, sixth, "T8", 1);
    service.eventually(() -> ok(service.get(shop.path("/referral"), sharer)),
        progress -> progress.getInteger("successful") == 6);
    assertThat(couponsOf(shop, sixth, templates[0])).isEqualTo(1);
    assertThat(couponsOf(shop, sharer, templates[1])).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM referral_rewards r JOIN members m ON"
        + " m.id = r.sharer_member_id WHERE m.id = '" + memberId(shop, sharer) + "' AND r.coupon_id IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void aLoopAndASecondReferralOfTheSameWeChatUserDoNotCount() {
    ARestaurant shop = ARestaurant.payFirst(service, "循环面馆", "L1", PRICE_FEN);
    String[] templates = programme(shop, 5, 10);
    String userA = "loop-a-" + UUID.randomUUID();
    String a = service.signIn(userA);
    join(shop, a, null);
    String tokenOfA = ok(service.get(shop.path("/referral"), a)).getString("token");
    String userB = "loop-b-" + UUID.randomUUID();
    String b = service.signIn(userB);
    ok(join(shop, b, tokenOfA));
    assertThat(outcomeOnceJudged(b, shop)).isEqualTo("counted");
    String tokenOfB = ok(service.get(shop.path("/referral"), b)).getString("token");

    // A leaves and joins again through B's token: B was A's friend, so A coming back through B is a loop.
    assertThat(service.call(HttpMethod.DELETE, shop.path("/membership"), a, null).statusCode()).isEqualTo(204);
    String aAgain = service.signIn(userA);
    ok(join(shop, aAgain, tokenOfB));
    assertThat(outcomeOnceJudged(aAgain, shop)).isEqualTo("loop");
    assertThat(couponsOf(shop, aAgain, templates[0])).isZero();

    // B leaves and joins again through another member's token: the same WeChat user is not counted twice.
    String c = aMember(shop);
    String tokenOfC = ok(service.get(shop.path("/referral"), c)).getString("token");
    assertThat(service.call(HttpMethod.DELETE, shop.path("/membership"), b, null).statusCode()).isEqualTo(204);
    String bAgain = service.signIn(userB);
    ok(join(shop, bAgain, tokenOfC));
    assertThat(outcomeOnceJudged(bAgain, shop)).isEqualTo("repeat_user");
    assertThat(couponsOf(shop, bAgain, templates[0])).isZero();
  }

  @Test
  void friendsJoiningAndPayingAtOnceUnderEightRelaysCountUpToTheCapAndRewardOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "抢邀请面馆", "R1-R12", PRICE_FEN);
    String[] templates = programme(shop, 3, 6);
    String sharer = aMember(shop);
    String token = ok(service.get(shop.path("/referral"), sharer)).getString("token");
    List<String> friends = IntStream.range(0, 10).mapToObj(i -> signIn()).toList();
    RELAYS.hold("member.joined", "order.paid");
    try {
      List<Future<HttpResponse<Buffer>>> joins = friends.stream().map(friend -> service.callAsync(HttpMethod.POST,
          shop.path("/membership"), friend, consent(shop, friend).put("referral_token", token))).toList();
      assertThat(Await.result(Future.all(joins)).<HttpResponse<Buffer>>list())
          .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
      RELAYS.race(() -> service.env().count("SELECT count(*) FROM referrals r JOIN stores s ON"
          + " s.tenant_id = r.tenant_id WHERE s.id = '" + shop.store().id() + "'") == 10);
      assertThat(service.env().count(outcomes(shop, "counted"))).as("the cap").isEqualTo(6);
      assertThat(service.env().count(outcomes(shop, "over_cap"))).isEqualTo(4);
      assertThat(service.env().count("SELECT count(*) FROM coupons WHERE template_id = '" + templates[0] + "'"))
          .isEqualTo(6);

      List<ARestaurant.Ordered> orders = new ArrayList<>();
      for (int i = 0; i < friends.size(); i++) {
        orders.add(steps.order(shop, friends.get(i), "R" + (1 + i), 1));
      }
      List<Future<HttpResponse<Buffer>>> payments = orders.stream().map(ordered -> service.callAsync(
          HttpMethod.POST, shop.path("/orders/" + ordered.order() + "/counter-payment"), shop.staff(),
          new JsonObject().put("method", "cash"))).toList();
      assertThat(Await.result(Future.all(payments)).<HttpResponse<Buffer>>list())
          .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
      RELAYS.race(() -> ok(service.get(shop.path("/referral"), sharer)).getInteger("successful") == 6);
      assertThat(couponsOf(shop, sharer, templates[1])).isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM referral_rewards WHERE sharer_member_id = '"
          + memberId(shop, sharer) + "'")).isEqualTo(1);
    } finally {
      RELAYS.release();
    }
  }

  @Test
  void aFriendWhosePaymentWasHandledBeforeTheirJoinWasJudgedStillCounts() {
    ARestaurant shop = ARestaurant.payFirst(service, "先付面馆", "Q1", PRICE_FEN);
    String[] templates = programme(shop, 1, 5);
    String sharer = aMember(shop);
    String token = ok(service.get(shop.path("/referral"), sharer)).getString("token");
    String friend = signIn();
    RELAYS.hold("member.joined");
    try {
      ok(join(shop, friend, token));
      steps.paidOrder(shop, friend, "Q1", 1);
      service.eventually(() -> service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.paid'"
          + " AND processed_at IS NULL"), none -> none == 0);
      assertThat(service.env().count(outcomes(shop, "counted"))).as("not judged yet").isZero();
      RELAYS.race(() -> ok(service.get(shop.path("/referral"), sharer)).getBoolean("rewarded"));
    } finally {
      RELAYS.release();
    }
    assertThat(ok(service.get(shop.path("/referral"), sharer)).getInteger("successful")).isEqualTo(1);
    assertThat(couponsOf(shop, sharer, templates[1])).isEqualTo(1);
  }

  @Test
  void theOwnerSetsTheProgrammeWithTheBrandsOwnCouponsAndStaffMayNot() {
    ARestaurant shop = ARestaurant.payFirst(service, "设置面馆", "S1", PRICE_FEN);
    JsonObject defaults = ok(service.get(shop.path("/referral-settings"), shop.owner()));
    assertThat(defaults.getInteger("needed")).isEqualTo(5);
    assertThat(defaults.getBoolean("active")).isTrue();
    JsonObject settings = new JsonObject().put("active", true).put("needed", 5).put("cap_per_sharer", 4);
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.owner(), settings), 400))
        .isEqualTo("cap_below_needed");
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.owner(),
        settings.copy().put("cap_per_sharer", 8).put("friend_template_id", UUID.randomUUID().toString())), 400))
        .isEqualTo("coupon_template_unknown");
    ARestaurant elsewhere = ARestaurant.payFirst(service, "别人的券", "S1", PRICE_FEN);
    String theirs = template(elsewhere, "别人的券", 1000);
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.owner(),
        settings.copy().put("cap_per_sharer", 8).put("sharer_template_id", theirs)), 400))
        .isEqualTo("coupon_template_unknown");
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.owner(),
        settings.copy().put("needed", 0)), 400)).isEqualTo("invalid_field");
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.staff(),
        settings.copy().put("cap_per_sharer", 8)), 403)).isEqualTo("forbidden");
    assertThat(ok(service.get(shop.path("/referral-settings"), shop.owner())).getInteger("cap_per_sharer"))
        .as("refusals change nothing").isEqualTo(10);

    String diner = signIn();
    assertThat(problem(service.get(shop.path("/referral"), diner), 404)).isEqualTo("not_a_member");
  }

  @Test
  void thePosterCarriesAMiniProgramCodeWhoseShortCodeResolvesToTheStoreAndAFreshToken() throws Exception {
    ARestaurant shop = ARestaurant.payFirst(service, "海报面馆", "P1", PRICE_FEN);
    String sharer = aMember(shop);
    HttpResponse<Buffer> poster = service.get(shop.path("/referral/poster.png"), sharer);
    assertThat(poster.statusCode()).isEqualTo(200);
    assertThat(poster.getHeader("Content-Type")).isEqualTo("image/png");
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        poster.body().getBytes()));
    assertThat(image.getWidth()).isEqualTo(ReferralPoster.WIDTH);
    assertThat(image.getHeight()).isEqualTo(ReferralPoster.HEIGHT);

    String code = codeOf(sharer, shop);
    JsonObject resolved = ok(service.get("/api/v1/referral-codes/" + code, null));
    assertThat(resolved.getString("store_id")).isEqualTo(shop.store().id().toString());
    assertThat(resolved.getString("store_name")).startsWith("海报面馆");
    String friend = signIn();
    ok(join(shop, friend, resolved.getString("referral_token")));
    assertThat(outcomeOnceJudged(friend, shop)).isEqualTo("counted");
    assertThat(problem(service.get("/api/v1/referral-codes/abcdefghjk", null), 404))
        .isEqualTo("referral_code_unknown");
  }

  // --- steps ---

  /** Sets the programme with a welcome coupon and a reward coupon; answers their template ids. */
  private static String[] programme(ARestaurant shop, int needed, int cap) {
    String friend = template(shop, "新朋友券", 1000);
    String reward = template(shop, "邀请大奖", 5000);
    ok(service.call(HttpMethod.PUT, shop.path("/referral-settings"), shop.owner(), new JsonObject()
        .put("active", true).put("needed", needed).put("cap_per_sharer", cap)
        .put("friend_template_id", friend).put("sharer_template_id", reward)));
    return new String[] {friend, reward};
  }

  private static String template(ARestaurant shop, String name, long offFen) {
    return ok(service.call(HttpMethod.POST, shop.path("/coupon-templates"), shop.owner(), new JsonObject()
        .put("name", name).put("kind", "amount_off").put("threshold_fen", offFen * 3).put("amount_off_fen", offFen)
        .put("validity", new JsonObject().put("kind", "days").put("days", 30)))).getString("id");
  }

  private static String signIn() {
    return service.signInFrom("127.0.2." + (1 + ADDRESSES.getAndIncrement() / 20), "friend-" + UUID.randomUUID());
  }

  private static String aMember(ARestaurant shop) {
    String diner = signIn();
    ok(join(shop, diner, null));
    return diner;
  }

  private static JsonObject consent(ARestaurant shop, String diner) {
    return MemberSteps.consent(steps.noticeVersion(shop, diner));
  }

  private static HttpResponse<Buffer> join(ARestaurant shop, String diner, String token) {
    JsonObject body = consent(shop, diner);
    if (token != null) {
      body.put("referral_token", token);
    }
    return steps.join(shop, diner, body);
  }

  private static String memberId(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getString("id");
  }

  /** The verdict on the diner's referred join, once the relay has judged it. */
  private static String outcomeOnceJudged(String diner, ARestaurant shop) {
    String member = memberId(shop, diner);
    return service.eventually(() -> text("SELECT outcome FROM referrals WHERE friend_member_id = '" + member + "'"),
        outcome -> outcome != null);
  }

  private static long couponsOf(ARestaurant shop, String diner, String templateId) {
    return service.env().count("SELECT count(*) FROM coupons WHERE member_id = '" + memberId(shop, diner)
        + "' AND template_id = '" + templateId + "'");
  }

  private static String outcomes(ARestaurant shop, String outcome) {
    return "SELECT count(*) FROM referrals r JOIN stores s ON s.tenant_id = r.tenant_id WHERE s.id = '"
        + shop.store().id() + "' AND r.outcome = '" + outcome + "'";
  }

  private static String codeOf(String diner, ARestaurant shop) {
    return text("SELECT code FROM referral_codes WHERE member_id = '" + memberId(shop, diner) + "'");
  }

  private static byte[] referralKey() {
    byte[][] key = new byte[1][];
    service.env().asOwner(sql -> {
      try (ResultSet rows = sql.executeQuery("SELECT key FROM service_keys WHERE name = 'referral_token'")) {
        rows.next();
        key[0] = rows.getBytes(1);
      }
    });
    return key[0];
  }

  private static String text(String query) {
    String[] value = new String[1];
    service.env().asOwner(sql -> {
      try (ResultSet rows = sql.executeQuery(query)) {
        value[0] = rows.next() ? rows.getString(1) : null;
      }
    });
    return value[0];
  }
}
