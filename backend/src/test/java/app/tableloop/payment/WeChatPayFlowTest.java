package app.tableloop.payment;

import static app.tableloop.testing.Responses.problem;
import static app.tableloop.testing.Responses.refusedNotification;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
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
  static ARestaurant restaurant;
  static String otherOwner;

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(WeChatPayFlowTest.class);
    restaurant = ARestaurant.payFirst(service, "先付面馆", "A1-A20", PRICE_FEN);
    otherOwner = service.signInAndAccept("other-owner", service.aRestaurant("隔壁面馆", "B1").ownerInvite().token());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aPaidOrderReachesTheKitchenOnceHoweverOftenWeChatPayNotifies() {
    Ordered ordered = restaurant.anOrderAwaitingPayment("diner-paid", "A1", 2);
    try (LiveFeed kitchen = service.live(restaurant.path("/kitchen/live"), restaurant.staff())) {
      kitchen.next(message -> message.getString("type").equals("orders"), LIVE);
      String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
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
    Ordered ordered = restaurant.anOrderAwaitingPayment("diner-twice", "A2", 1);

    JsonObject first = restaurant.requestWeChatPayment(ordered);
    JsonObject second = restaurant.requestWeChatPayment(ordered);

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

    Ordered elsewhere = restaurant.anOrderAwaitingPayment("diner-elsewhere", "A3", 1);
    assertThat(problem(restaurant.call(ordered.diner(), "/tabs/" + elsewhere.tab() + "/orders/" + elsewhere.order()
        + "/wechat-payment", null), 404)).isEqualTo("order_not_found");
    assertThat(problem(restaurant.call(ordered.diner(), "/tabs/" + ordered.tab() + "/orders/" + elsewhere.order()
        + "/wechat-payment", null), 404)).isEqualTo("order_not_found");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + elsewhere.order() + "'")).isZero();
  }

  @Test
  void notificationsThatAreNotWeChatPaysChangeNothingAndAGenuineOneInWeChatsPublishedFormatIsRecordedOnce()
      throws Exception {
    Ordered ordered = restaurant.anOrderAwaitingPayment("diner-forged", "A4", 1);
    String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
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
    Ordered ordered = restaurant.anOrderAwaitingPayment("diner-check", "A5", 3);
    String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
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
    Ordered ordered = restaurant.anOrderAwaitingPayment("diner-quiet", "A7", 1);
    String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
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
    Ordered ordered = restaurant.anOrderAwaitingPayment("diner-counter", "A6", 1);
    String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    String counterPayment = restaurant.path("/orders/" + ordered.order() + "/counter-payment");
    JsonObject cash = new JsonObject().put("method", "cash");

    assertThat(problem(service.call(HttpMethod.POST, counterPayment, ordered.diner(), cash), 404))
        .as("a diner works nowhere here, so the store is hidden").isEqualTo("not_found");
    assertThat(problem(service.call(HttpMethod.POST, counterPayment, otherOwner, cash), 404)).isEqualTo("not_found");
    assertThat(problem(service.call(HttpMethod.POST, counterPayment, restaurant.staff(),
        new JsonObject().put("method", "iou")),
        400)).isEqualTo("invalid_field");
    assertThat(orderStatus(ordered)).isEqualTo("awaiting_payment");

    HttpResponse<Buffer> taken = service.call(HttpMethod.POST, counterPayment, restaurant.staff(), cash);

    assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(200);
    assertThat(taken.bodyAsJsonObject().getString("status")).isEqualTo("placed");
    assertPaidOnce(ordered, "cash");
    assertThat(service.env().count("SELECT count(*) FROM payments p JOIN users u ON u.id = p.recorded_by WHERE p.order_id = '"
        + ordered.order() + "' AND p.method = 'cash' AND u.id = '" + userId(restaurant.staff()) + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + outTradeNo + "' AND status = 'closed'"))
        .isEqualTo(1);
    assertThat(service.eventually(() -> service.simulator().pay().transaction(outTradeNo).orElseThrow()
        .getString("trade_state"), "CLOSED"::equals)).isEqualTo("CLOSED");
    assertThat(problem(service.call(HttpMethod.POST, counterPayment, restaurant.staff(), cash), 409))
        .isEqualTo("order_not_awaiting_payment");
    assertThat(problem(restaurant.call(ordered.diner(), "/tabs/" + ordered.tab() + "/orders/" + ordered.order()
        + "/wechat-payment", null), 409)).isEqualTo("order_not_awaiting_payment");
    assertPaidOnce(ordered, "cash");
  }

  // --- fixtures ---

  private static JsonObject checkPayment(Ordered ordered) {
    return restaurant.post(ordered.diner(), "/tabs/" + ordered.tab() + "/orders/" + ordered.order()
        + "/payment-check", null);
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
    JsonObject tab = service.get(restaurant.path("/tabs/" + ordered.tab()), ordered.diner()).bodyAsJsonObject();
    return tab.getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(order -> order.getString("id").equals(ordered.order())).findFirst().orElseThrow()
        .getString("status");
  }

  private static String userId(String token) {
    return service.get("/api/v1/me", token).bodyAsJsonObject().getJsonObject("user").getString("id");
  }

}
