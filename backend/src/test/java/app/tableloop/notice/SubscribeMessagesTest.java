package app.tableloop.notice;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RacingRelays;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transactional subscribe messages: a diner's acceptance recorded, "your dishes are ready" sent once when the order's
 * last dish is served and "refund done" when a refund succeeded, each using one acceptance; WeChat's 43101 recorded
 * and not tried again; nothing sent to a diner who did not ask.
 */
class SubscribeMessagesTest {
  private static final String DISHES_READY = "sim-dishes-ready";
  private static final String REFUND_DONE = "sim-refund-done";

  static final RacingRelays RELAYS = new RacingRelays();
  static RunningService service;

  @BeforeAll
  static void start() {
    service = RunningService.startReachable(SubscribeMessagesTest.class, RELAYS.modules());
    RELAYS.of(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theDinerWhoAcceptedIsToldOnceThatTheDishesAreReadyAndBadAnswersAreRefused() {
    ARestaurant shop = ARestaurant.payFirst(service, "上菜面馆", "D1-D4", 2600);
    String user = "ready-" + UUID.randomUUID();
    ARestaurant.Ordered ordered = paid(shop.anOrderAwaitingPayment(user, "D1", 2));
    JsonObject templates = ok(service.get(shop.path("/subscribe-templates"), ordered.diner()));
    assertThat(templates.getString("dishes_ready")).isEqualTo(DISHES_READY);
    assertThat(templates.getString("refund_done")).isEqualTo(REFUND_DONE);

    assertThat(problem(subscribe(shop, ordered.diner(), new JsonObject().put("not-ours", "accept"),
        ordered.order()), 400)).isEqualTo("subscribe_template_unknown");
    assertThat(problem(subscribe(shop, ordered.diner(), new JsonObject().put(DISHES_READY, "maybe"),
        ordered.order()), 400)).isEqualTo("invalid_field");
    assertThat(problem(subscribe(shop, ordered.diner(), new JsonObject().put(DISHES_READY, "accept"),
        UUID.randomUUID().toString()), 404)).isEqualTo("order_not_found");
    assertThat(grants(shop)).as("refusals record nothing").isZero();

    assertThat(subscribe(shop, ordered.diner(), new JsonObject().put(DISHES_READY, "accept").put(REFUND_DONE,
        "reject"), ordered.order()).statusCode()).isEqualTo(204);
    assertThat(grants(shop)).isEqualTo(2);
    String openId = service.simulator().miniProgram().openIdOf(user);
    service.simulator().miniProgram().acceptSubscription(openId, DISHES_READY);
    // Someone else at another table orders too, asks for nothing, and is told nothing.
    ARestaurant.Ordered other = paid(shop.anOrderAwaitingPayment("quiet-" + UUID.randomUUID(), "D2", 1));

    serveAll(shop, ordered);
    serveAll(shop, other);
    JsonObject sent = service.eventually(() -> messagesTo(openId), messages -> messages.size() == 1).get(0);
    assertThat(sent.getString("template_id")).isEqualTo(DISHES_READY);
    assertThat(sent.getString("page")).isEqualTo("pages/order/status/index?store=" + shop.store().id() + "&tab="
        + ordered.tab());
    assertThat(sent.getJsonObject("data").getJsonObject("thing3").getString("value")).contains("上齐");
    relayDone();
    assertThat(service.env().count("SELECT count(*) FROM subscribe_messages WHERE status = 'sent'"
        + " AND event_key = 'dishes_ready:" + ordered.order() + "'")).isEqualTo(1);
    assertThat(service.simulator().miniProgram().subscribeMessages()).as("the quiet diner asked for nothing")
        .noneMatch(message -> message.getString("touser").equals(
            service.simulator().miniProgram().openIdOf(other.diner())));

    // The acceptance is spent: the diner's next order served sends nothing more.
    ARestaurant.Ordered again = paid(shop.anOrderAwaitingPayment(user, "D1", 1));
    serveAll(shop, again);
    relayDone();
    assertThat(messagesTo(openId)).hasSize(1);
  }

  @Test
  void anAcceptanceWeChatDoesNotKnowIsRecordedAs43101AndNotTriedAgain() {
    ARestaurant shop = ARestaurant.payFirst(service, "拒收面馆", "N1", 2600);
    String user = "refused-" + UUID.randomUUID();
    ARestaurant.Ordered ordered = paid(shop.anOrderAwaitingPayment(user, "N1", 1));
    assertThat(subscribe(shop, ordered.diner(), new JsonObject().put(DISHES_READY, "accept"), null).statusCode())
        .isEqualTo(204);

    serveAll(shop, ordered);
    service.eventually(() -> service.env().count("SELECT count(*) FROM subscribe_messages WHERE status = 'refused'"
        + " AND errcode = 43101 AND event_key = 'dishes_ready:" + ordered.order() + "'"), refused -> refused == 1);
    relayDone();
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.served' AND attempts > 0"))
        .as("43101 is no failure to retry").isZero();
    assertThat(messagesTo(service.simulator().miniProgram().openIdOf(user))).isEmpty();
  }

  @Test
  void oneAcceptanceSendsOneMessageWhenTwoOrdersAreServedAtOnce() {
    ARestaurant shop = ARestaurant.payFirst(service, "同时上菜", "M1-M2", 2600);
    String user = "twice-" + UUID.randomUUID();
    List<ARestaurant.Ordered> orders = List.of(paid(shop.anOrderAwaitingPayment(user, "M1", 1)),
        paid(shop.anOrderAwaitingPayment(user, "M2", 1)));
    assertThat(subscribe(shop, orders.get(0).diner(), new JsonObject().put(DISHES_READY, "accept"), null)
        .statusCode()).isEqualTo(204);
    String openId = service.simulator().miniProgram().openIdOf(user);
    // WeChat would take two; the diner accepted once here, so one is all they get.
    service.simulator().miniProgram().acceptSubscription(openId, DISHES_READY);
    service.simulator().miniProgram().acceptSubscription(openId, DISHES_READY);
    RELAYS.hold("order.served");
    try {
      orders.forEach(ordered -> serveAll(shop, ordered));
      RELAYS.race(() -> service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.served'"
          + " AND processed_at IS NULL") == 0);
    } finally {
      RELAYS.release();
    }
    assertThat(messagesTo(openId)).hasSize(1);
    assertThat(service.env().count("SELECT count(*) FROM subscribe_grants WHERE used_at IS NOT NULL AND store_id = '"
        + shop.store().id() + "'")).isEqualTo(1);
  }

  @Test
  void aSucceededRefundTellsTheDinerWhoAskedWithTheAmount() {
    ARestaurant shop = ARestaurant.payFirst(service, "退款面馆", "F1", 2600);
    String user = "refund-" + UUID.randomUUID();
    ARestaurant.Ordered ordered = paid(shop.anOrderAwaitingPayment(user, "F1", 1));
    assertThat(subscribe(shop, ordered.diner(), new JsonObject().put(REFUND_DONE, "accept"), null).statusCode())
        .isEqualTo(204);
    String openId = service.simulator().miniProgram().openIdOf(user);
    service.simulator().miniProgram().acceptSubscription(openId, REFUND_DONE);

    ok(service.call(HttpMethod.POST, shop.path("/orders/" + ordered.order() + "/refunds"), shop.owner(),
        new JsonObject().put("amount_fen", 500).put("reason", "菜品售罄").put("idempotency_key",
            "refund-" + UUID.randomUUID())));
    JsonObject sent = service.eventually(() -> messagesTo(openId), messages -> messages.size() == 1).get(0);
    assertThat(sent.getString("template_id")).isEqualTo(REFUND_DONE);
    assertThat(sent.getJsonObject("data").getJsonObject("amount1").getString("value")).isEqualTo("5.00元");
  }

  private static ARestaurant.Ordered paid(ARestaurant.Ordered ordered) {
    ARestaurant shop = ordered.restaurant();
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + ordered.order() + "/counter-payment"), shop.staff(),
        new JsonObject().put("method", "cash")));
    return ordered;
  }

  private static void serveAll(ARestaurant shop, ARestaurant.Ordered ordered) {
    String path = "/orders/" + ordered.order();
    JsonObject order = ok(service.call(HttpMethod.POST, shop.path(path + "/accept"), shop.staff(), null));
    order.getJsonArray("items").forEach(item -> ok(service.call(HttpMethod.POST, shop.path(path + "/items/"
        + ((JsonObject) item).getString("id") + "/served"), shop.staff(), null)));
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> subscribe(
      ARestaurant shop, String diner, JsonObject results, String orderId) {
    JsonObject body = new JsonObject().put("results", results);
    if (orderId != null) {
      body.put("order_id", orderId);
    }
    return service.call(HttpMethod.POST, shop.path("/subscriptions"), diner, body);
  }

  private static long grants(ARestaurant shop) {
    return service.env().count("SELECT count(*) FROM subscribe_grants WHERE store_id = '" + shop.store().id() + "'");
  }

  private static List<JsonObject> messagesTo(String openId) {
    return service.simulator().miniProgram().subscribeMessages().stream()
        .filter(message -> openId.equals(message.getString("touser"))).toList();
  }

  private static void relayDone() {
    service.<Integer>runJob(OutboxRelay.RELAY_NOW);
    service.eventually(() -> service.env().count("SELECT count(*) FROM outbox WHERE processed_at IS NULL"),
        none -> none == 0);
  }
}
