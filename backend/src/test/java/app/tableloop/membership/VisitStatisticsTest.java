package app.tableloop.membership;

import static app.tableloop.membership.MemberSteps.consent;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RacingRelays;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Members' visit statistics from paid orders, through the outbox relay, exactly once; and staff recruitment,
 * credited once.
 */
class VisitStatisticsTest {
  private static final long PRICE_FEN = 2600;

  static final RacingRelays RELAYS = new RacingRelays();
  static RunningService service;
  static MemberSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.startReachable(VisitStatisticsTest.class, RELAYS.modules());
    RELAYS.of(service);
    steps = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void paidOrdersCountOnceEvenDeliveredAgainAndRefundsTakeTheirMoneyOff() {
    ARestaurant shop = ARestaurant.payFirst(service, "常客面馆", "V1-V4", PRICE_FEN);
    String user = "regular-" + UUID.randomUUID();
    String diner = service.signIn(user);
    ARestaurant.Ordered before = steps.paidOrder(shop, diner, "V1", 2);
    // Paid before joining, and its event handled before the diner was a member: the join counts it.
    service.eventually(() -> service.env().count("SELECT count(*) FROM diner_visits v JOIN payments p"
        + " ON p.id = v.payment_id WHERE p.order_id = '" + before.order() + "'"), found -> found == 1);
    JsonObject joined = ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    assertThat(joined.getJsonObject("stats").getInteger("visits")).isEqualTo(1);
    assertThat(joined.getJsonObject("stats").getLong("total_spend_fen")).isEqualTo(2 * PRICE_FEN);

    ARestaurant.Ordered after = steps.paidOrder(shop, diner, "V2", 1);
    JsonObject stats = steps.statsOnceThere(shop, diner, 2);
    assertThat(stats.getLong("total_spend_fen")).isEqualTo(3 * PRICE_FEN);
    assertThat(stats.getLong("average_basket_fen")).isEqualTo(3 * PRICE_FEN / 2);
    assertThat(stats.getString("first_visit_at")).isNotNull();
    assertThat(stats.getJsonArray("favourite_dishes").getJsonObject(0).getString("name")).isEqualTo("红烧牛肉面");
    assertThat(stats.getJsonArray("favourite_dishes").getJsonObject(0).getLong("quantity")).isEqualTo(3);
    assertThat(stats.getJsonArray("stores_visited").getJsonObject(0).getLong("visits")).isEqualTo(2);

    // The relay stopped after the handlers committed but before it marked the events processed: they come again.
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE outbox SET processed_at = NULL, next_attempt_at = now()"
        + " WHERE topic = 'order.paid'"));
    assertThat(service.<Integer>runJob(OutboxRelay.RELAY_NOW)).isPositive();
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE processed_at IS NULL")).isZero();
    JsonObject again = steps.stats(shop, diner);
    assertThat(again.getInteger("visits")).as("counted once").isEqualTo(2);
    assertThat(again.getLong("total_spend_fen")).as("counted once").isEqualTo(3 * PRICE_FEN);

    ok(service.call(HttpMethod.POST, shop.path("/orders/" + after.order() + "/refunds"), shop.owner(),
        new JsonObject().put("amount_fen", 1000).put("reason", "少上了一份小菜")
            .put("idempotency_key", "refund-" + UUID.randomUUID())));
    service.eventually(() -> ok(service.get(shop.path("/membership"), diner)).getJsonObject("member")
        .getJsonObject("stats").getLong("total_spend_fen"), spend -> spend == 3 * PRICE_FEN - 1000);
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE outbox SET processed_at = NULL, next_attempt_at = now()"
        + " WHERE topic = 'payment.refunded'"));
    service.<Integer>runJob(OutboxRelay.RELAY_NOW);
    assertThat(ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getJsonObject("stats")
        .getLong("total_spend_fen")).as("refunded once").isEqualTo(3 * PRICE_FEN - 1000);

    // 加菜 at the same table, paid on its own: more spent, the same visit.
    steps.paidOrder(shop, diner, "V2", 1);
    JsonObject more = service.eventually(() -> steps.stats(shop, diner),
        now -> now.getLong("total_spend_fen") == 4 * PRICE_FEN - 1000);
    assertThat(more.getInteger("visits")).isEqualTo(2);
  }

  /**
   * A payment's visit moves the member's totals and their dishes in one transaction. The diner's card and the owner's
   * view of the member must show both from before it or both from after, even when that transaction commits between
   * their reads: here it commits while each waits to read the dishes.
   */
  @Test
  void theMembershipCardAndTheOwnersViewShowTotalsAndDishesOfOneMoment() {
    ARestaurant shop = ARestaurant.payFirst(service, "同一刻小馆", "M1", PRICE_FEN);
    String diner = service.signIn("one-moment-" + UUID.randomUUID());
    ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    steps.paidOrder(shop, diner, "M1", 2);
    steps.statsOnceThere(shop, diner, 1);
    String user = ok(service.get("/api/v1/me", diner)).getJsonObject("user").getString("id");
    // What the visits handler does for one more bowl paid: the dish counted, the member's totals up.
    TestEnvironment.SqlWork oneMoreBowl = sql -> {
      sql.executeUpdate("UPDATE diner_visits SET dishes = jsonb_set(dishes, '{0,quantity}',"
          + " to_jsonb((dishes -> 0 ->> 'quantity')::int + 1)) WHERE user_id = '" + user + "'");
      sql.executeUpdate("UPDATE members SET visits = visits + 1, spend_fen = spend_fen + " + PRICE_FEN
          + " WHERE user_id = '" + user + "'");
    };
    HttpResponse<Buffer> card = service.getWhileChangeCommits(shop.path("/membership"), diner, "diner_visits",
        oneMoreBowl);
    JsonObject before = ok(card).getJsonObject("member").getJsonObject("stats");
    assertThat(before.getInteger("visits")).isEqualTo(1);
    assertThat(before.getLong("total_spend_fen")).isEqualTo(2 * PRICE_FEN);
    assertThat(before.getJsonArray("favourite_dishes").getJsonObject(0).getLong("quantity"))
        .as("the dishes of the same moment as the totals").isEqualTo(2);
    JsonObject after = steps.stats(shop, diner);
    assertThat(after.getInteger("visits")).isEqualTo(2);
    assertThat(after.getJsonArray("favourite_dishes").getJsonObject(0).getLong("quantity")).isEqualTo(3);

    // The owner's view of the member, while one more bowl commits.
    String member = ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getString("id");
    JsonObject owners = ok(service.getWhileChangeCommits(shop.path("/members/" + member), shop.owner(),
        "diner_visits", oneMoreBowl)).getJsonObject("stats");
    assertThat(owners.getInteger("visits")).isEqualTo(2);
    assertThat(owners.getJsonArray("favourite_dishes").getJsonObject(0).getLong("quantity"))
        .as("the owner's view of one moment too").isEqualTo(3);
  }

  @Test
  void aRefundTakesItsMoneyOffOnceWhicheverOfItsAndItsPaymentsEventsComesFirst() {
    ARestaurant shop = ARestaurant.payFirst(service, "后到面馆", "W1-W2", PRICE_FEN);
    String diner = service.signIn("late-" + UUID.randomUUID());
    ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    // The payment's event waits (tried again later, or taken by a slower relay of another instance) while its
    // refund's is handled: the refund finds no visit yet, and the visit counts it.
    RELAYS.hold("order.paid");
    try {
      refund(steps.paidOrder(shop, diner, "W1", 2), 1000);
      service.eventually(() -> waiting("payment.refunded"), none -> none == 0);
      assertThat(steps.stats(shop, diner).getInteger("visits")).as("nothing counted yet").isZero();
    } finally {
      RELAYS.release();
    }
    makeDue("order.paid");
    assertThat(steps.statsOnceThere(shop, diner, 1).getLong("total_spend_fen")).isEqualTo(2 * PRICE_FEN - 1000);

    // Both wait, and the payment's comes first: its visit counts the refund, and the refund's then takes nothing more.
    RELAYS.hold("order.paid", "payment.refunded");
    try {
      refund(steps.paidOrder(shop, diner, "W2", 1), 600);
    } finally {
      RELAYS.release();
    }
    makeDue("order.paid");
    assertThat(steps.statsOnceThere(shop, diner, 2).getLong("total_spend_fen"))
        .isEqualTo(3 * PRICE_FEN - 1000 - 600);
    makeDue("payment.refunded");
    service.eventually(() -> waiting("payment.refunded"), none -> none == 0);
    assertThat(steps.stats(shop, diner).getLong("total_spend_fen")).isEqualTo(3 * PRICE_FEN - 1000 - 600);
  }

  @Test
  void paymentsAndTheirRefundsHandledByRacingRelaysInAnyOrderCountEachOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "抢跑面馆", "X1-X10", PRICE_FEN);
    String diner = service.signIn("racer-" + UUID.randomUUID());
    ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    RELAYS.hold("order.paid", "payment.refunded");
    long refunded = 0;
    try {
      for (int table = 1; table <= 10; table++) {
        ARestaurant.Ordered paid = steps.paidOrder(shop, diner, "X" + table, 2);
        refund(paid, 100L * table);
        refund(paid, 50);
        refunded += 100L * table + 50;
      }
      RELAYS.race(() -> waiting("order.paid") + waiting("payment.refunded") == 0);
    } finally {
      RELAYS.release();
    }
    JsonObject stats = steps.stats(shop, diner);
    assertThat(stats.getInteger("visits")).isEqualTo(10);
    assertThat(stats.getLong("total_spend_fen")).isEqualTo(10 * 2 * PRICE_FEN - refunded);
  }

  private static void refund(ARestaurant.Ordered paid, long amountFen) {
    ok(service.call(HttpMethod.POST, paid.restaurant().path("/orders/" + paid.order() + "/refunds"),
        paid.restaurant().owner(), new JsonObject().put("amount_fen", amountFen).put("reason", "少上了一份小菜")
            .put("idempotency_key", "refund-" + UUID.randomUUID())));
  }

  private static long waiting(String topic) {
    return service.env().count("SELECT count(*) FROM outbox WHERE topic = '" + topic + "' AND processed_at IS NULL");
  }

  private static void makeDue(String topic) {
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE outbox SET next_attempt_at = now() WHERE topic = '"
        + topic + "' AND processed_at IS NULL"));
  }

  @Test
  void aDinerJoiningThroughAStaffCodeIsCreditedToThatStaffMemberOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "招募面馆", "S1-S3", PRICE_FEN);
    ARestaurant elsewhere = ARestaurant.payFirst(service, "隔壁面馆", "E1", PRICE_FEN);
    JsonObject mine = ok(service.get(shop.path("/join-code"), shop.staff()));
    String code = mine.getString("code");
    assertThat(mine.getString("path")).isEqualTo("pages/member/join/index?j=" + code);
    assertThat(ok(service.get(shop.path("/join-code"), shop.staff())).getString("code")).as("stable").isEqualTo(code);
    HttpResponse<Buffer> image = service.get(shop.path("/join-code.png"), shop.staff());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("Content-Type")).isEqualTo("image/png");
    JsonObject resolved = ok(service.get("/api/v1/join-codes/" + code, null));
    assertThat(resolved.getString("store_id")).isEqualTo(shop.store().id().toString());
    assertThat(resolved.getString("store_name")).isEqualTo(shop.store().name());
    assertThat(problem(service.get("/api/v1/join-codes/zzzzzzzzzz", null), 404)).isEqualTo("join_code_unknown");

    String theirs = ok(service.get(elsewhere.path("/join-code"), elsewhere.staff())).getString("code");
    String diner = service.signIn("recruit-" + UUID.randomUUID());
    int version = steps.noticeVersion(shop, diner);
    assertThat(problem(steps.join(shop, diner, consent(version).put("staff_code", theirs)), 400))
        .as("another brand's staff code").isEqualTo("staff_code_unknown");

    List<Future<HttpResponse<Buffer>>> joins = IntStream.range(0, 10)
        .mapToObj(i -> service.callAsync(HttpMethod.POST, shop.path("/membership"), diner,
            consent(version).put("staff_code", code)))
        .toList();
    assertThat(Await.result(Future.all(joins)).<HttpResponse<Buffer>>list().stream()
        .filter(response -> response.statusCode() == 201).count()).isEqualTo(1);
    String user = "recruit-spender-" + UUID.randomUUID();
    String second = service.signIn(user);
    ok(steps.join(shop, second, consent(version).put("staff_code", code)));
    steps.paidOrder(shop, second, "S1", 2);

    JsonObject today = ok(service.get(shop.path("/recruits/today"), shop.staff()));
    assertThat(today.getInteger("count")).isEqualTo(2);
    assertThat(today.getString("message")).isEqualTo("你今天招募了 2 位新会员");
    assertThat(ok(service.get(shop.path("/recruits/today"), shop.owner())).getInteger("count")).isZero();
    assertThat(problem(service.get(shop.path("/recruiters"), shop.staff()), 403)).isEqualTo("forbidden");
    JsonObject recruiter = service.eventually(() -> ok(service.get(shop.path("/recruiters"), shop.owner()))
        .getJsonArray("recruiters").getJsonObject(0), found -> found.getLong("spent_since_fen") == 2 * PRICE_FEN);
    assertThat(recruiter.getLong("recruits")).isEqualTo(2);
  }

  @Test
  void aTabPaidAtTheEndOfTheMealIsOneVisitWithAllItsDishes() {
    ARestaurant shop = ARestaurant.eatFirst(service, "先吃后付", "T1", PRICE_FEN);
    String diner = service.signIn("tab-member-" + UUID.randomUUID());
    ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    DiningTable table = shop.table("T1");
    String tab = ok(service.openTab(shop.store(), table, diner)).getString("id");
    ARestaurant.Seated seated = new ARestaurant.Seated(shop, diner, table, tab);
    shop.order(seated, 1);
    shop.order(seated, 2);
    shop.post(shop.staff(), "/tabs/" + tab + "/counter-payment", new JsonObject().put("method", "cash"));

    JsonObject stats = steps.statsOnceThere(shop, diner, 1);
    assertThat(stats.getLong("total_spend_fen")).isEqualTo(3 * PRICE_FEN);
    assertThat(stats.getJsonArray("favourite_dishes").getJsonObject(0).getLong("quantity")).isEqualTo(3);
  }

  @Test
  void aMealPaidWhileTheDinerJoinsCountsOnceWhicheverCommitsFirst() {
    ARestaurant shop = ARestaurant.payFirst(service, "边付边入会", "W1-W5", PRICE_FEN);
    List<String> diners = IntStream.rangeClosed(1, 5)
        .mapToObj(i -> service.signIn("paying-joiner-" + i + "-" + UUID.randomUUID())).toList();
    int version = steps.noticeVersion(shop, diners.get(0));
    List<ARestaurant.Ordered> orders = IntStream.range(0, diners.size())
        .mapToObj(i -> steps.order(shop, diners.get(i), "W" + (i + 1), 1)).toList();

    // Each diner's payment and joining go at the same moment, while the relay works the payments' events.
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (ARestaurant.Ordered ordered : orders) {
      all.add(service.callAsync(HttpMethod.POST, shop.path("/orders/" + ordered.order() + "/counter-payment"),
          shop.staff(), new JsonObject().put("method", "cash")));
      all.add(service.callAsync(HttpMethod.POST, shop.path("/membership"), ordered.diner(),
          consent(version)));
    }
    assertThat(Await.result(Future.all(all)).<HttpResponse<Buffer>>list())
        .allSatisfy(response -> assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201));

    service.eventually(() -> service.env().count("SELECT count(*) FROM outbox WHERE processed_at IS NULL"),
        none -> none == 0);
    assertThat(diners).allSatisfy(diner -> {
      JsonObject stats = steps.stats(shop, diner);
      assertThat(stats.getInteger("visits")).isEqualTo(1);
      assertThat(stats.getLong("total_spend_fen")).isEqualTo(PRICE_FEN);
    });
  }
}
