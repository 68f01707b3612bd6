package app.tableloop.payment;

import static app.tableloop.testing.Responses.problem;
import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.menu.BusinessDay;
import app.tableloop.payment.refund.RefundFollowUp;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.simulator.NotificationDelivery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds, the daily settlement and the expiry of unpaid WeChat payments, end to end: the simulator takes the
 * refunds and notifies our refund notify_url, and its trade bill is what the settlement is held against.
 */
class RefundsAndSettlementTest {
  private static final long PRICE_FEN = 2800;

  static RunningService service;
  static ARestaurant shop;
  static String otherOwner;

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(RefundsAndSettlementTest.class);
    shop = ARestaurant.payFirst(service, "退款面馆", "R1-R20", PRICE_FEN);
    otherOwner = ARestaurant.payFirst(service, "隔壁退款面馆", "S1", PRICE_FEN).owner();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void twentyConcurrentPartialRefundsNeverRefundMoreThanWasPaid() {
    Ordered ordered = anOrderPaidWithWeChat(shop, "diner-twenty", "R1", 2);
    String outTradeNo = outTradeNo(ordered);
    long each = 400;
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(service.callAsync(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(each, "twenty-" + i)));
    }
    List<HttpResponse<Buffer>> answers = sent.stream().map(Await::result).toList();

    long accepted = answers.stream().filter(answer -> answer.statusCode() == 200).count();
    assertThat(accepted * each).isLessThanOrEqualTo(ordered.totalFen());
    assertThat(accepted).isEqualTo(ordered.totalFen() / each);
    assertThat(answers).filteredOn(answer -> answer.statusCode() != 200)
        .allSatisfy(answer -> {
          assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(409);
          assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("refund_exceeds_refundable");
        });
    String order = "'" + ordered.order() + "'";
    service.eventually(() -> service.env().count("SELECT count(*) FROM refunds WHERE status = 'succeeded' AND order_id = " + order),
        succeeded -> succeeded == accepted);
    assertThat(service.env().count("SELECT coalesce(sum(amount_fen), 0) FROM refunds WHERE status <> 'failed' AND order_id = "
        + order)).isEqualTo(ordered.totalFen());
    assertThat(service.env().count("SELECT refunded_fen FROM payments WHERE status = 'paid' AND order_id = " + order))
        .isEqualTo(ordered.totalFen());
    assertThat(service.env().count("SELECT -sum(amount_fen) FROM payment_ledger WHERE kind = 'refund' AND order_id = " + order))
        .isEqualTo(ordered.totalFen());
    assertThat(service.simulator().pay().refundedFen(outTradeNo)).isEqualTo(ordered.totalFen());
    assertThat(problem(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(1, "one-more")), 409))
        .isEqualTo("refund_exceeds_refundable");
  }

  @Test
  void aRetriedRefundIsTheSameRefundAndItsNotificationIsRecordedOnce() {
    Ordered ordered = anOrderPaidWithWeChat(shop, "diner-retry", "R2", 1);
    String key = "retry-" + UUID.randomUUID();
    int before = service.simulator().pay().notificationDeliveries().size();
    service.simulator().pay().repeatNextNotification(3);

    JsonObject first = ok(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(1000, key)));
    JsonObject again = ok(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(1000, key)));

    assertThat(first.getString("method")).isEqualTo("wechat");
    assertThat(again.getString("id")).isEqualTo(first.getString("id"));
    assertThat(again.getString("out_refund_no")).isEqualTo(first.getString("out_refund_no"));
    assertThat(problem(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(900, key)), 409))
        .isEqualTo("idempotency_key_reused");
    // The payment's own notification may be logged by the simulator after `before` was read: count refunds only.
    List<NotificationDelivery> deliveries = service.eventually(
        () -> service.simulator().pay().notificationDeliveries().stream().skip(before)
            .filter(delivery -> delivery.eventType().equals("REFUND.SUCCESS")).toList(),
        list -> list.size() >= 4);
    assertThat(deliveries).hasSize(4).allMatch(NotificationDelivery::accepted)
        .allMatch(delivery -> delivery.url().endsWith("/api/v1/payments/wechat/refund-notify"));
    String refundId = "'" + first.getString("id") + "'";
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE status = 'succeeded' AND id = " + refundId)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE order_id = '" + ordered.order() + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'refund' AND amount_fen = -1000"
        + " AND order_id = '" + ordered.order() + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'payment.refunded' AND payload->>'refund_id' = "
        + refundId)).isEqualTo(1);
    assertThat(service.simulator().pay().refundedFen(outTradeNo(ordered))).isEqualTo(1000);
  }

  @Test
  void aRefundWhoseNotificationWasLostIsFoundSucceededByTheFollowUpAndTheLateNotificationChangesNothing() {
    Ordered ordered = anOrderPaidWithWeChat(shop, "diner-lost-refund", "R5", 1);
    service.simulator().pay().holdNotifications(true);
    JsonObject refund;
    List<String> held;
    try {
      refund = ok(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(700, null)));
      held = service.eventually(() -> service.simulator().pay().heldNotifications(), list -> !list.isEmpty());
    } finally {
      service.simulator().pay().holdNotifications(false);
    }
    String refundRow = "refunds WHERE id = '" + refund.getString("id") + "'";
    assertThat(refund.getString("status")).isEqualTo("processing");
    assertThat(service.<Integer>runJob(RefundFollowUp.FOLLOW_UP_NOW)).as("WeChat Pay may still notify").isZero();

    ageRefundsOf(ordered);
    assertThat(service.<Integer>runJob(RefundFollowUp.FOLLOW_UP_NOW)).isEqualTo(1);

    assertThat(service.env().count("SELECT count(*) FROM " + refundRow + " AND status = 'succeeded'")).isEqualTo(1);
    int before = service.simulator().pay().notificationDeliveries().size();
    assertThat(service.simulator().pay().releaseNotification(held.get(0))).isTrue();
    assertThat(service.eventually(() -> service.simulator().pay().notificationDeliveries().stream().skip(before)
        .toList(), list -> !list.isEmpty())).singleElement().matches(NotificationDelivery::accepted);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'refund' AND order_id = '"
        + ordered.order() + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'payment.refunded' AND payload->>'refund_id' = '"
        + refund.getString("id") + "'")).isEqualTo(1);
    assertThat(service.<Integer>runJob(RefundFollowUp.FOLLOW_UP_NOW)).as("nothing left to follow up").isZero();
  }

  @Test
  void aRefundWeChatPayNeverReceivedIsAskedForAgainOnceUnderTheSameOutRefundNo() {
    Ordered ordered = anOrderPaidWithWeChat(shop, "diner-busy-refund", "R6", 1);
    service.simulator().pay().failNextRequest();

    HttpResponse<Buffer> busy = service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(),
        refund(600, "busy-refund-1"));

    assertThat(problem(busy, 502)).as("SYSTEM_ERROR is no refusal").isEqualTo("wechat_pay_unavailable");
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE status = 'processing' AND order_id = '"
        + ordered.order() + "'")).isEqualTo(1);
    assertThat(problem(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(ordered.totalFen(),
        "busy-refund-2")), 409)).as("its amount stays reserved").isEqualTo("refund_exceeds_refundable");
    assertThat(service.simulator().pay().refundedFen(outTradeNo(ordered))).isZero();

    ageRefundsOf(ordered);
    service.runJob(RefundFollowUp.FOLLOW_UP_NOW);

    assertThat(service.eventually(() -> service.env().count("SELECT count(*) FROM refunds WHERE status = 'succeeded'"
        + " AND order_id = '" + ordered.order() + "'"), done -> done == 1)).isEqualTo(1);
    assertThat(service.simulator().pay().refundedFen(outTradeNo(ordered))).isEqualTo(600);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'refund' AND order_id = '"
        + ordered.order() + "'")).isEqualTo(1);
  }

  @Test
  void moneyTakenAtTheCounterIsRefundedAtTheCounterAndNeverBeyondWhatWasPaid() {
    Ordered ordered = shop.anOrderAwaitingPayment("diner-cash", "R3", 2);
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + ordered.order() + "/counter-payment"), shop.staff(),
        new JsonObject().put("method", "cash")));

    assertThat(problem(service.call(HttpMethod.POST, refundsPath(ordered), shop.staff(), refund(100, null)), 403))
        .as("staff refund only once the owner allows it").isEqualTo("staff_may_not_refund");
    assertThat(problem(service.call(HttpMethod.POST, refundsPath(ordered), otherOwner, refund(100, null)), 404))
        .isEqualTo("not_found");
    assertThat(problem(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(0, null)), 400))
        .isEqualTo("invalid_field");
    JsonObject handedBack = ok(service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(), refund(1000, null)));

    assertThat(handedBack.getString("method")).isEqualTo("cash");
    assertThat(handedBack.getString("status")).isEqualTo("succeeded");
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'refund' AND method = 'cash'"
        + " AND amount_fen = -1000 AND order_id = '" + ordered.order() + "'")).isEqualTo(1);
    long refundable = ordered.totalFen() - 1000;
    HttpResponse<Buffer> tooMuch = service.call(HttpMethod.POST, refundsPath(ordered), shop.owner(),
        refund(refundable + 1, null));
    assertThat(problem(tooMuch, 409)).isEqualTo("refund_exceeds_refundable");
    assertThat(tooMuch.bodyAsJsonObject().getString("message")).contains(refundable + " 分");
    assertThat(tooMuch.bodyAsJsonObject().getString("message_en")).contains(Long.toString(refundable));
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE order_id = '" + ordered.order() + "'")).isEqualTo(1);
  }

  @Test
  void onlyPaidOrdersOfTheStoreCanBeRefunded() {
    Ordered unpaid = shop.anOrderAwaitingPayment("diner-unpaid", "R4", 1);
    assertThat(problem(service.call(HttpMethod.POST, refundsPath(unpaid), shop.owner(), refund(100, null)), 409))
        .isEqualTo("order_not_paid");

    ARestaurant elsewhere = ARestaurant.payFirst(service, "别家面馆", "E1", PRICE_FEN);
    Ordered theirs = elsewhere.anOrderAwaitingPayment("diner-elsewhere", "E1", 1);
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/orders/" + theirs.order() + "/refunds"),
        shop.owner(), refund(100, null)), 404)).isEqualTo("order_not_found");
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE order_id IN ('" + unpaid.order() + "', '"
        + theirs.order() + "')")).isZero();
  }

  @Test
  void theDaysSettlementAddsUpAndListsNothingMissingBeforeWeChatPayIssuesItsBill() {
    ARestaurant settled = ARestaurant.payFirst(service, "结算面馆", "T1-T5", PRICE_FEN);
    Ordered wechat = anOrderPaidWithWeChat(settled, "diner-settle-wechat", "T1", 2);
    Ordered another = anOrderPaidWithWeChat(settled, "diner-settle-another", "T2", 1);
    Ordered cash = settled.anOrderAwaitingPayment("diner-settle-cash", "T3", 1);
    ok(service.call(HttpMethod.POST, settled.path("/orders/" + cash.order() + "/counter-payment"), settled.staff(),
        new JsonObject().put("method", "cash")));
    ok(service.call(HttpMethod.POST, settled.path("/orders/" + wechat.order() + "/refunds"), settled.owner(),
        refund(500, null)));
    service.eventually(() -> service.env().count("SELECT count(*) FROM refunds WHERE status = 'succeeded' AND order_id = '"
        + wechat.order() + "'"), succeeded -> succeeded == 1);
    String day = BusinessDay.of(Instant.now(), ZoneId.of("Asia/Shanghai")).toString();

    assertThat(problem(service.get(settled.path("/settlements/" + day), settled.staff()), 403)).isEqualTo("forbidden");
    JsonObject report = ok(service.get(settled.path("/settlements/" + day), settled.owner()));

    long wechatGross = wechat.totalFen() + another.totalFen();
    assertThat(report.getLong("gross_fen")).isEqualTo(wechatGross + cash.totalFen());
    assertThat(report.getLong("refunds_fen")).isEqualTo(500);
    assertThat(report.getLong("net_fen")).isEqualTo(report.getLong("gross_fen") - report.getLong("refunds_fen"));
    assertThat(report.getLong("payment_count")).isEqualTo(3);
    assertThat(report.getLong("refund_count")).isEqualTo(1);
    JsonObject byMethod = report.getJsonObject("by_method");
    assertMethod(byMethod.getJsonObject("wechat"), wechatGross, 500, 2, 1);
    assertMethod(byMethod.getJsonObject("cash"), cash.totalFen(), 0, 1, 0);
    assertMethod(byMethod.getJsonObject("card"), 0, 0, 0, 0);
    assertMethod(byMethod.getJsonObject("other"), 0, 0, 0, 0);
    // WeChat Pay issues today's bill tomorrow morning; the comparison once it has is in SettlementOfADayNotOverTest.
    assertThat(report.getJsonObject("wechat_bill").getString("state")).isEqualTo("not_yet_available");
    assertThat(report.getBoolean("trade_bill_read")).isFalse();
    assertThat(report.getJsonArray("mismatches")).isEmpty();
  }

  @Test
  void anExpiredWeChatPaymentIsClosedAndItsOrderCancelledWithItsStockReturned() {
    ARestaurant expiring = ARestaurant.payFirst(service, "超时面馆", "X1", PRICE_FEN);
    ok(service.call(HttpMethod.PUT, expiring.path("/menu/dishes/" + expiring.dish() + "/stock"), expiring.owner(),
        new JsonObject().put("today_stock", 5)));
    Ordered ordered = expiring.anOrderAwaitingPayment("diner-expiring", "X1", 2);
    String outTradeNo = expiring.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    assertThat(stockLeft(expiring)).isEqualTo(3);
    assertThat(service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW)).as("nothing has expired yet").isZero();

    service.env().asOwner(sql -> sql.executeUpdate("UPDATE payments SET expires_at = now() - interval '1 minute'"
        + " WHERE out_trade_no = '" + outTradeNo + "'"));
    int cancelled = service.runJob(PaymentFollowUp.FOLLOW_UP_NOW);

    assertThat(cancelled).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE status = 'cancelled' AND id = '" + ordered.order() + "'"))
        .isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'closed' AND out_trade_no = '" + outTradeNo + "'"))
        .isEqualTo(1);
    assertThat(service.simulator().pay().transaction(outTradeNo).orElseThrow().getString("trade_state"))
        .isEqualTo("CLOSED");
    assertThat(stockLeft(expiring)).isEqualTo(5);
    assertThat(service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW)).isZero();
    assertThat(stockLeft(expiring)).isEqualTo(5);
  }

  /** Makes the order's refunds look as if WeChat Pay had been quiet about them for three minutes. */
  private static void ageRefundsOf(Ordered ordered) {
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE refunds SET created_at = now() - interval '3 minutes'"
        + " WHERE order_id = '" + ordered.order() + "'"));
  }

  private static void assertMethod(JsonObject totals, long grossFen, long refundsFen, long payments, long refunds) {
    assertThat(List.of(totals.getLong("gross_fen"), totals.getLong("refunds_fen"), totals.getLong("net_fen"),
        totals.getLong("payment_count"), totals.getLong("refund_count")))
        .containsExactly(grossFen, refundsFen, grossFen - refundsFen, payments, refunds);
  }

  // --- fixtures ---

  private static Ordered anOrderPaidWithWeChat(ARestaurant shop, String user, String tableCode, int quantity) {
    Ordered ordered = shop.anOrderAwaitingPayment(user, tableCode, quantity);
    service.simulator().pay().pay(shop.requestWeChatPayment(ordered).getJsonObject("payment")
        .getString("out_trade_no"));
    service.eventually(() -> service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '"
        + ordered.order() + "'"), paid -> paid == 1);
    return ordered;
  }

  private static String outTradeNo(Ordered ordered) {
    String[] found = new String[1];
    service.env().asOwner(sql -> {
      try (ResultSet rows = sql.executeQuery("SELECT out_trade_no FROM payments WHERE status = 'paid'"
          + " AND order_id = '" + ordered.order() + "'")) {
        rows.next();
        found[0] = rows.getString(1);
      }
    });
    return found[0];
  }

  private static String refundsPath(Ordered ordered) {
    return ordered.restaurant().path("/orders/" + ordered.order() + "/refunds");
  }

  private static JsonObject refund(long amountFen, String key) {
    return new JsonObject().put("amount_fen", amountFen).put("reason", "菜品售罄，部分退款")
        .put("idempotency_key", key == null ? "refund-" + UUID.randomUUID() : key);
  }

  private static long stockLeft(ARestaurant shop) {
    return service.env().count("SELECT stock_left FROM dishes WHERE id = '" + shop.dish() + "'");
  }
}
