package app.tableloop.referral;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.membership.MemberSteps;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.platform.outbox.RelaySettings;
import app.tableloop.platform.runtime.Features;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
  /** Every event handler of the product, in order, for the extra relays the races run (as other instances would). */
  static final List<EventHandler> HANDLERS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  static RunningService service;
  static MemberSteps steps;

  @BeforeAll
  static void start() {
    Application.Modules capturing = (platform, wechat, contract) -> {
      Features.Api product = Application.FEATURES.create(platform, wechat, contract);
      product.modules().forEach(module -> HANDLERS.addAll(module.eventHandlers()));
      return product;
    };
    service = RunningService.startReachable(ReferralTest.class, capturing);
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
    hold("member.joined", "order.paid");
    try {
      List<Future<HttpResponse<Buffer>>> joins = friends.stream().map(friend -> service.callAsync(HttpMethod.POST,
          shop.path("/membership"), friend, consent(shop, friend).put("referral_token", token))).toList();
      assertThat(Await.result(Future.all(joins)).<HttpResponse<Buffer>>list())
          .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
      race(() -> service.env().count("SELECT count(*) FROM referrals r JOIN stores s ON"
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
      race(() -> ok(service.get(shop.path("/referral"), sharer)).getInteger("successful") == 6);
      assertThat(couponsOf(shop, sharer, templates[1])).isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM referral_rewards WHERE sharer_member_id = '"
          + memberId(shop, sharer) + "'")).isEqualTo(1);
    } finally {
      release();
    }
  }

  @Test
  void aFriendWhosePaymentWasHandledBeforeTheirJoinWasJudgedStillCounts() {
    ARestaurant shop = ARestaurant.payFirst(service, "先付面馆", "Q1", PRICE_FEN);
    String[] templates = programme(shop, 1, 5);
    String sharer = aMember(shop);
    String token = ok(service.get(shop.path("/referral"), sharer)).getString("token");
    String friend = signIn();
    hold("member.joined");
    try {
      ok(join(shop, friend, token));
      steps.paidOrder(shop, friend, "Q1", 1);
      service.eventually(() -> service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.paid'"
          + " AND processed_at IS NULL"), none -> none == 0);
      assertThat(service.env().count(outcomes(shop, "counted"))).as("not judged yet").isZero();
      race(() -> ok(service.get(shop.path("/referral"), sharer)).getBoolean("rewarded"));
    } finally {
      release();
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

  /**
   * Makes the events of these topics due only an hour after they are written, so that this instance's relay leaves
   * them and the racing relays of {@link #race} find them all waiting at once.
   */
  private static void hold(String... topics) {
    String listed = String.join(", ", java.util.Arrays.stream(topics).map(topic -> "'" + topic + "'").toList());
    service.env().asOwner(sql -> {
      sql.execute("""
          CREATE FUNCTION hold_for_race() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.next_attempt_at := now() + interval '1 hour'; RETURN NEW; END $$""");
      sql.execute("CREATE TRIGGER hold_for_race BEFORE INSERT ON outbox FOR EACH ROW"
          + " WHEN (NEW.topic IN (" + listed + ")) EXECUTE FUNCTION hold_for_race()");
    });
  }

  private static void release() {
    service.env().asOwner(sql -> {
      sql.execute("DROP TRIGGER IF EXISTS hold_for_race ON outbox");
      sql.execute("DROP FUNCTION IF EXISTS hold_for_race()");
    });
  }

  /**
   * Eight relays of other instances (every handler of the product, one event per pass, their clocks two hours ahead)
   * take the held events at once, until {@code done}.
   */
  private static void race(java.util.function.BooleanSupplier done) {
    Vertx vertx = VertxFactory.create().vertx();
    Database others = Database.connect(vertx, service.env().appUrl(), 16, "other-instances");
    AtomicBoolean running = new AtomicBoolean(true);
    RelaySettings oneAtATime = new RelaySettings(Duration.ofMillis(5), 1, 10, Duration.ofMillis(100),
        Duration.ofSeconds(1));
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    try {
      for (int i = 0; i < 8; i++) {
        relayUntilStopped(vertx, new OutboxRelay(others, HANDLERS, oneAtATime, ahead, new SimpleMeterRegistry()),
            running);
      }
      service.eventually(done::getAsBoolean, Boolean::booleanValue);
    } finally {
      running.set(false);
      Await.result(others.close());
      Await.result(vertx.close());
    }
  }

  /**
   * Another instance's relay, passing as often as it can until told to stop, one pass at a time (a pass holds one
   * connection to claim and another for each handler).
   */
  private static void relayUntilStopped(Vertx vertx, OutboxRelay relay, AtomicBoolean running) {
    AtomicBoolean passing = new AtomicBoolean();
    vertx.setPeriodic(5, timer -> {
      if (!running.get()) {
        vertx.cancelTimer(timer);
        return;
      }
      if (passing.compareAndSet(false, true)) {
        relay.pass().onComplete(done -> passing.set(false));
      }
    });
  }
}
