package app.tableloop.payment;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static app.tableloop.testing.Responses.refusedNotification;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.LiveFeed;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.MerchantCredentials;
import app.tableloop.wechat.WeChatPayV3Format;
import app.tableloop.wechat.simulator.NotificationDelivery;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pay-first orders paid with WeChat Pay, end to end: the diner's prepay, the simulator paying and notifying our
 * notify_url, the order reaching the kitchen once however often WeChat Pay notifies, forged notifications refused,
 * the "I have paid" check, and payments taken at the counter.
 */
class WeChatPayFlowTest {
  private static final Duration LIVE = Duration.ofSeconds(5);
  private static final String NOTIFY = "/api/v1/payments/wechat/notify";
  private static final long PRICE_FEN = 2800;

  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;
  static String staff;
  static String otherOwner;
  static String noodles;

  /** An order of a diner's tab, awaiting payment. */
  record Ordered(String diner, String tab, String order, long totalFen) {
  }

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(WeChatPayFlowTest.class);
    restaurant = service.aRestaurant("先付面馆", "A1-A20");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    staff = service.signInAndAccept("cashier", post(owner, storePath("/invites"),
        new JsonObject().put("role", "staff")).getString("token"));
    otherOwner = service.signInAndAccept("other-owner", service.aRestaurant("隔壁面馆", "B1").ownerInvite().token());
    String category = post(owner, storePath("/menu/categories"), new JsonObject().put("name", "面")).getString("id");
    noodles = post(owner, storePath("/menu/dishes"), new JsonObject().put("category_id", category)
        .put("name", "红烧牛肉面").put("price_fen", PRICE_FEN)).getString("id");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aPaidOrderReachesTheKitchenOnceHoweverOftenWeChatPayNotifies() {
    Ordered ordered = anOrderAwaitingPayment("diner-paid", "A1", 2);
    try (LiveFeed kitchen = service.live(storePath("/kitchen/live"), staff)) {
      kitchen.next(message -> message.getString("type").equals("orders"), LIVE);
      String outTradeNo = requestPayment(ordered).getJsonObject("payment").getString("out_trade_no");
      int before = service.simulator().pay().notificationDeliveries().size();

      service.simulator().pay().repeatNextNotification(5);
      String transactionId = service.simulator().pay().pay(outTradeNo);

      JsonObject placed = kitchen.next(message -> message.getString("type").equals("order_placed")
          && message.getJsonObject("order").getString("id").equals(ordered.order()), LIVE);
      assertThat(placed.getJsonObject("order").getString("status")).isEqualTo("placed");
      List<NotificationDelivery> deliveries = service.eventually(
          () -> service.simulator().pay().notificationDeliveries().stream().skip(before).toList(),
          list -> list.size() >= 6);
      assertThat(deliveries).hasSize(6).allMatch(NotificationDelivery::accepted);
      assertThat(deliveries).extracting(NotificationDelivery::copy).containsExactly(0, 1, 2, 3, 4, 5);
      assertThat(deliveries).extracting(NotificationDelivery::url)
          .allMatch(url -> url.equals("http://127.0.0.1:" + service.port() + NOTIFY));
      assertPaidOnce(ordered, "wechat");
      assertThat(service.env().count("SELECT count(*) FROM payments WHERE transaction_id = '" + transactionId + "'")).isEqualTo(1);
      assertThat(orderStatus(ordered)).isEqualTo("placed");
    }
  }

  @Test
  void askingTwiceHandsOutTheSamePaymentAndOnlyForTheTabsOwnAwaitingOrders() {
    Ordered ordered = anOrderAwaitingPayment("diner-twice", "A2", 1);

    JsonObject first = requestPayment(ordered);
    JsonObject second = requestPayment(ordered);

    assertThat(second.getJsonObject("payment").getString("out_trade_no"))
        .isEqualTo(first.getJsonObject("payment").getString("out_trade_no"))
        .matches("[A-Za-z0-9_|*-]{6,32}");
    assertThat(second.getJsonObject("payment").getLong("amount_fen")).isEqualTo(ordered.totalFen());
    JsonObject parameters = second.getJsonObject("request_payment");
    assertThat(parameters.getString("package")).isEqualTo(first.getJsonObject("request_payment").getString("package"))
        .startsWith("prepay_id=");
    assertThat(parameters.getString("signType")).isEqualTo("RSA");
    assertThat(List.of(parameters.getString("timeStamp"), parameters.getString("nonceStr"),
        parameters.getString("paySign"))).allMatch(value -> value != null && !value.isBlank());
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + ordered.order() + "'")).isEqualTo(1);

    Ordered elsewhere = anOrderAwaitingPayment("diner-elsewhere", "A3", 1);
    assertThat(problem(call(ordered.diner(), "/tabs/" + elsewhere.tab() + "/orders/" + elsewhere.order()
        + "/wechat-payment"), 404)).isEqualTo("order_not_found");
    assertThat(problem(call(ordered.diner(), "/tabs/" + ordered.tab() + "/orders/" + elsewhere.order()
        + "/wechat-payment"), 404)).isEqualTo("order_not_found");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + elsewhere.order() + "'")).isZero();
  }

  @Test
  void notificationsThatAreNotWeChatPaysChangeNothingAndAGenuineOneInWeChatsPublishedFormatIsRecordedOnce()
      throws Exception {
    Ordered ordered = anOrderAwaitingPayment("diner-forged", "A4", 1);
    String outTradeNo = requestPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    PrivateKey weChatPay = service.simulator().pay().platformPrivateKey();
    String transactionId = newTransactionId();
    String body = notification(UUID.randomUUID().toString(), outTradeNo, transactionId, ordered.totalFen());
    long now = Instant.now().getEpochSecond();

    String flipped = WeChatPayV3Format.withOneDigitChanged(body);
    assertRefused(notify(flipped, signed(weChatPay, now, body)), 401);
    assertRefused(notify(body, signed(WeChatPayV3Format.otherKeys().getPrivate(), now, body)), 401);
    assertRefused(notify(body, signed(weChatPay, now - 6 * 60, body)), 401);
    String cheaper = notification(UUID.randomUUID().toString(), outTradeNo, transactionId, ordered.totalFen() - 1);
    assertRefused(notify(cheaper, signed(weChatPay, now, cheaper)), 409);
    assertThat(orderStatus(ordered)).isEqualTo("awaiting_payment");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '" + ordered.order() + "'"))
        .isZero();
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE order_id = '" + ordered.order() + "'")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE payload->>'order_id' = '" + ordered.order() + "'")).isZero();

    for (int delivery = 0; delivery < 6; delivery++) {
      HttpResponse<Buffer> accepted = notify(body, signed(weChatPay, Instant.now().getEpochSecond(), body));
      assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    }

    assertThat(orderStatus(ordered)).isEqualTo("placed");
    assertPaidOnce(ordered, "wechat");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE transaction_id = '" + transactionId + "'")).isEqualTo(1);
  }

  @Test
  void aNotificationForAnOutTradeNoOfNoPaymentOfOursIsAcknowledgedAndKept() throws Exception {
    String outTradeNo = "TLunknown" + ThreadLocalRandom.current().nextInt(1_000_000);
    String body = notification(UUID.randomUUID().toString(), outTradeNo, newTransactionId(), 990);
    PrivateKey weChatPay = service.simulator().pay().platformPrivateKey();

    for (int delivery = 0; delivery < 2; delivery++) {
      HttpResponse<Buffer> answer = notify(body, signed(weChatPay, Instant.now().getEpochSecond(), body));
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    }

    assertThat(service.env().count("SELECT count(*) FROM unmatched_notifications WHERE out_trade_no = '" + outTradeNo
        + "' AND amount_fen = 990 AND resolved_at IS NULL")).isEqualTo(1);
  }

  @Test
  void iHavePaidAsksWeChatPayAndTheLateNotificationChangesNothing() {
    Ordered ordered = anOrderAwaitingPayment("diner-check", "A5", 3);
    String outTradeNo = requestPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    assertThat(checkPayment(ordered).getString("status")).as("not paid yet").isEqualTo("awaiting_payment");

    String held = service.payWithNotificationHeld(outTradeNo);

    JsonObject checked = checkPayment(ordered);

    assertThat(checked.getString("status")).isEqualTo("placed");
    assertPaidOnce(ordered, "wechat");
    service.releaseNotificationAndSeeItAccepted(held);
    assertPaidOnce(ordered, "wechat");
    assertThat(checkPayment(ordered).getString("status")).isEqualTo("placed");
  }

  @Test
  void aPaymentWhoseNotificationWasLostIsFoundPaidByTheFollowUpBeforeItExpires() {
    Ordered ordered = anOrderAwaitingPayment("diner-quiet", "A7", 1);
    String outTradeNo = requestPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    String held = service.payWithNotificationHeld(outTradeNo);
    service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW);
    assertThat(orderStatus(ordered)).as("WeChat Pay may still notify").isEqualTo("awaiting_payment");

    service.env().asOwner(sql -> sql.executeUpdate("UPDATE payments SET created_at = now() - interval '2 minutes'"
        + " WHERE out_trade_no = '" + outTradeNo + "'"));
    assertThat(service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW)).as("nothing cancelled").isZero();

    assertThat(orderStatus(ordered)).isEqualTo("placed");
    assertPaidOnce(ordered, "wechat");
    service.releaseNotificationAndSeeItAccepted(held);
    assertPaidOnce(ordered, "wechat");
  }

  @Test
  void staffTakePaymentAtTheCounterAndTheDinersWeChatPaymentIsClosed() {
    Ordered ordered = anOrderAwaitingPayment("diner-counter", "A6", 1);
    String outTradeNo = requestPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    String counterPayment = storePath("/orders/" + ordered.order() + "/counter-payment");
    JsonObject cash = new JsonObject().put("method", "cash");

    assertThat(problem(service.call(HttpMethod.POST, counterPayment, ordered.diner(), cash), 404))
        .as("a diner works nowhere here, so the store is hidden").isEqualTo("not_found");
    assertThat(problem(service.call(HttpMethod.POST, counterPayment, otherOwner, cash), 404)).isEqualTo("not_found");
    assertThat(problem(service.call(HttpMethod.POST, counterPayment, staff, new JsonObject().put("method", "iou")),
        400)).isEqualTo("invalid_field");
    assertThat(orderStatus(ordered)).isEqualTo("awaiting_payment");

    HttpResponse<Buffer> taken = service.call(HttpMethod.POST, counterPayment, staff, cash);

    assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(200);
    assertThat(taken.bodyAsJsonObject().getString("status")).isEqualTo("placed");
    assertPaidOnce(ordered, "cash");
    assertThat(service.env().count("SELECT count(*) FROM payments p JOIN users u ON u.id = p.recorded_by WHERE p.order_id = '"
        + ordered.order() + "' AND p.method = 'cash' AND u.id = '" + userId(staff) + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + outTradeNo + "' AND status = 'closed'"))
        .isEqualTo(1);
    assertThat(service.eventually(() -> service.simulator().pay().transaction(outTradeNo).orElseThrow()
        .getString("trade_state"), "CLOSED"::equals)).isEqualTo("CLOSED");
    assertThat(problem(service.call(HttpMethod.POST, counterPayment, staff, cash), 409))
        .isEqualTo("order_not_awaiting_payment");
    assertThat(problem(call(ordered.diner(), "/tabs/" + ordered.tab() + "/orders/" + ordered.order()
        + "/wechat-payment"), 409)).isEqualTo("order_not_awaiting_payment");
    assertPaidOnce(ordered, "cash");
  }

  // --- fixtures ---

  private static Ordered anOrderAwaitingPayment(String user, String tableCode, int quantity) {
    String diner = service.signIn(user);
    DiningTable table = restaurant.tables().stream().filter(t -> t.code().equals(tableCode)).findFirst()
        .orElseThrow();
    String tab = ok(service.openTab(restaurant.store(), table, diner)).getString("id");
    post(diner, storePath("/tabs/" + tab + "/cart"), new JsonObject().put("dish_id", noodles)
        .put("quantity", quantity));
    JsonObject order = post(diner, storePath("/tabs/" + tab + "/orders"), new JsonObject()
        .put("idempotency_key", "pay-" + UUID.randomUUID()).put("head_count", 1));
    assertThat(order.getString("status")).isEqualTo("awaiting_payment");
    assertThat(order.getLong("total_fen")).isEqualTo(PRICE_FEN * quantity);
    return new Ordered(diner, tab, order.getString("id"), order.getLong("total_fen"));
  }

  private static JsonObject requestPayment(Ordered ordered) {
    return post(ordered.diner(), storePath("/tabs/" + ordered.tab() + "/orders/" + ordered.order()
        + "/wechat-payment"), null);
  }

  private static JsonObject checkPayment(Ordered ordered) {
    return post(ordered.diner(), storePath("/tabs/" + ordered.tab() + "/orders/" + ordered.order()
        + "/payment-check"), null);
  }

  /** A TRANSACTION.SUCCESS notification written out from WeChat Pay's published v3 format, not by the simulator. */
  private static String notification(String id, String outTradeNo, String transactionId, long totalFen)
      throws Exception {
    MerchantCredentials merchant = service.simulator().account().merchantCredentials();
    return WeChatPayV3Format.paymentNotification(id, merchant.apiV3Key(), WeChatPayV3Format.successfulTransaction(
        service.simulator().account().appId(), merchant.mchId(), outTradeNo, transactionId, totalFen,
        WeChatPayV3Format.now(), "oTestPayer0000000000000000000"));
  }

  private static MultiMap signed(PrivateKey key, long timestamp, String body) throws Exception {
    return WeChatPayV3Format.signedHeaders(key,
        service.simulator().account().merchantCredentials().payPublicKey().orElseThrow().id(), timestamp, body);
  }

  private static HttpResponse<Buffer> notify(String body, MultiMap headers) {
    return service.postRaw(NOTIFY, headers, body);
  }

  private static void assertRefused(HttpResponse<Buffer> answer, int status) {
    assertThat(refusedNotification(answer, status)).isNotBlank();
  }

  private static String newTransactionId() {
    return "4200" + Long.toString(Math.abs(ThreadLocalRandom.current().nextLong()));
  }

  /** Exactly one paid payment of the order, one ledger row with its money, one order.paid event. */
  private static void assertPaidOnce(Ordered ordered, String method) {
    String order = "'" + ordered.order() + "'";
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND method = '" + method
        + "' AND amount_fen = " + ordered.totalFen() + " AND order_id = " + order)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = " + order)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'payment' AND amount_fen = "
        + ordered.totalFen() + " AND order_id = " + order)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE order_id = " + order)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.paid' AND payload->>'order_id' = "
        + order)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE payload->>'order_id' = " + order)).isEqualTo(1);
  }

  private static String orderStatus(Ordered ordered) {
    JsonObject tab = service.get(storePath("/tabs/" + ordered.tab()), ordered.diner()).bodyAsJsonObject();
    return tab.getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(order -> order.getString("id").equals(ordered.order())).findFirst().orElseThrow()
        .getString("status");
  }

  private static String userId(String token) {
    return service.get("/api/v1/me", token).bodyAsJsonObject().getJsonObject("user").getString("id");
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }

  private static HttpResponse<Buffer> call(String token, String rest) {
    return service.call(HttpMethod.POST, storePath(rest), token, null);
  }

  private static JsonObject post(String token, String path, JsonObject body) {
    HttpResponse<Buffer> response = service.call(HttpMethod.POST, path, token, body);
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }
}
