package app.tableloop.payment;

import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.menu.BusinessDay;
import app.tableloop.payment.refund.DuplicatePayment;
import app.tableloop.payment.refund.RefundFollowUp;
import app.tableloop.testing.Await;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A diner paying in WeChat at the moment the cashier takes cash for the same order or tab: WeChat Pay's prepay is
 * closed before the counter takes anything, a payment WeChat Pay already took wins, and money that still arrives twice
 * is given back automatically, once, and shown apart in the settlement.
 */
class DoubleChargeTest {
  private static final long PRICE_FEN = 3200;

  static RunningService service;
  static ARestaurant payFirst;
  static ARestaurant eatFirst;

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(DoubleChargeTest.class);
    payFirst = ARestaurant.payFirst(service, "先付面馆", "A1-A12", PRICE_FEN);
    eatFirst = ARestaurant.eatFirst(service, "后付面馆", "A1-A12", PRICE_FEN);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aDinerWhoHasPaidInWeChatIsNotChargedAgainAtTheCounter() {
    Ordered ordered = payFirst.anOrder("diner-paid-first", "A1", 1);
    String outTradeNo = wechatPaymentOfOrder(ordered);
    String held = service.payWithNotificationHeld(outTradeNo);

    HttpResponse<Buffer> counter = counterPaymentOfOrder(ordered);

    assertThat(problem(counter, 409)).isEqualTo("paid_with_wechat");
    assertThat(counter.bodyAsJsonObject().getString("message")).contains("微信支付");
    assertThat(count("SELECT count(*) FROM payments WHERE order_id = '" + ordered.order() + "' AND method = 'cash'"))
        .as("nothing taken at the counter").isZero();
    assertThat(count("SELECT count(*) FROM orders WHERE id = '" + ordered.order() + "' AND status = 'placed'"))
        .as("the WeChat payment was recorded by the counter's check").isEqualTo(1);
    service.releaseNotificationAndSeeItAccepted(held);
    assertThat(count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '" + ordered.order() + "'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM refunds WHERE order_id = '" + ordered.order() + "'")).isZero();
  }

  @Test
  void theCounterClosesTheDinersWeChatPaymentBeforeTakingTheMoney() {
    Ordered ordered = payFirst.anOrder("diner-closed-first", "A2", 1);
    String outTradeNo = wechatPaymentOfOrder(ordered);

    HttpResponse<Buffer> counter = counterPaymentOfOrder(ordered);

    assertThat(counter.statusCode()).as(counter.bodyAsString()).isEqualTo(200);
    assertThat(service.simulator().pay().transaction(outTradeNo).orElseThrow().getString("trade_state"))
        .as("closed at WeChat Pay before the answer").isEqualTo("CLOSED");
    assertThat(payInWeChat(outTradeNo)).as("WeChat Pay refuses the diner now").isFalse();
  }

  @Test
  void aDinerPayingInWeChatWhileTheCashierTakesCashIsChargedOnce() {
    for (int table = 3; table <= 10; table++) {
      Ordered ordered = payFirst.anOrder("diner-race-" + table, "A" + table, 1);
      String outTradeNo = wechatPaymentOfOrder(ordered);

      CompletableFuture<Boolean> wechat = CompletableFuture.supplyAsync(() -> payInWeChat(outTradeNo));
      Future<HttpResponse<Buffer>> counterSent = service.callAsync(HttpMethod.POST,
          ordered.restaurant().path("/orders/" + ordered.order() + "/counter-payment"), ordered.restaurant().staff(),
          new JsonObject().put("method", "cash"));
      boolean paidInWeChat = wechat.join();
      HttpResponse<Buffer> counter = Await.result(counterSent);

      String round = "table A" + table + ": WeChat " + (paidInWeChat ? "took" : "refused") + " the money, counter "
          + counter.statusCode() + " " + counter.bodyAsString();
      assertThat(paidInWeChat).as(round).isNotEqualTo(counter.statusCode() == 200);
      if (paidInWeChat) {
        assertThat(problem(counter, 409)).as(round).isIn("paid_with_wechat", "order_not_awaiting_payment");
      }
      String order = "'" + ordered.order() + "'";
      assertThat(service.eventually(() -> count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = "
          + order), paid -> paid == 1)).as(round).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM orders WHERE status = 'placed' AND id = " + order)).as(round)
          .isEqualTo(1);
      assertThat(count("SELECT count(*) FROM refunds WHERE order_id = " + order)).as(round).isZero();
    }
  }

  @Test
  void moneyWeChatPayTookWhileItCouldNotBeReachedIsGivenBackOnceAndCountedApart() {
    Ordered ordered = payFirst.anOrder("diner-unreachable", "A11", 1);
    String outTradeNo = wechatPaymentOfOrder(ordered);
    String held = service.payWithNotificationHeld(outTradeNo);
    String transactionId = service.simulator().pay().transaction(outTradeNo).orElseThrow()
        .getString("transaction_id");
    service.simulator().pay().failNextRequest();

    HttpResponse<Buffer> counter = counterPaymentOfOrder(ordered);

    assertThat(counter.statusCode()).as("the counter works while WeChat Pay is unreachable: " + counter.bodyAsString())
        .isEqualTo(200);
    String refunded = "SELECT count(*) FROM refunds WHERE cause = 'duplicate_payment' AND status = 'succeeded'"
        + " AND order_id = '" + ordered.order() + "' AND amount_fen = " + PRICE_FEN + " AND out_refund_no = '"
        + new DuplicatePayment(transactionId).outRefundNo() + "' AND requested_by IS NULL";
    assertThat(service.eventually(() -> count(refunded), done -> done == 1)).isEqualTo(1);
    // WeChat Pay's late notification, and the diner's "I have paid" check, report the same money again.
    service.releaseNotificationAndSeeItAccepted(held);
    HttpResponse<Buffer> check = service.call(HttpMethod.POST, payFirst.path("/tabs/" + ordered.tab() + "/orders/"
        + ordered.order() + "/payment-check"), ordered.diner(), null);
    assertThat(check.statusCode()).as(check.bodyAsString()).isEqualTo(200);
    service.<Integer>runJob(RefundFollowUp.FOLLOW_UP_NOW);

    assertThat(count("SELECT count(*) FROM refunds WHERE order_id = '" + ordered.order() + "'")).isEqualTo(1);
    assertThat(service.simulator().pay().refundedFen(outTradeNo)).isEqualTo(PRICE_FEN);
    assertThat(count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '" + ordered.order() + "'"))
        .as("the cash and the WeChat money both arrived").isEqualTo(2);
    assertThat(count("SELECT count(*) FROM payment_ledger WHERE duplicate AND order_id = '" + ordered.order() + "'"))
        .as("the WeChat money in and its refund out").isEqualTo(2);
    JsonObject settlement = settlementOfToday(payFirst);
    JsonObject duplicates = settlement.getJsonObject("duplicate_payments");
    assertThat(duplicates.getLong("received_fen")).isGreaterThanOrEqualTo(PRICE_FEN);
    assertThat(duplicates.getLong("refunded_fen")).isEqualTo(duplicates.getLong("received_fen"));
    assertThat(duplicates.getJsonArray("refunds").stream().map(JsonObject.class::cast)
        .filter(refund -> ordered.order().equals(refund.getString("order_id"))))
        .singleElement().satisfies(refund -> {
          assertThat(refund.getString("cause")).isEqualTo("duplicate_payment");
          assertThat(refund.getString("status")).isEqualTo("succeeded");
        });
    assertThat(settlement.getLong("gross_fen")).as("the sale counts once")
        .isEqualTo(count("SELECT coalesce(sum(amount_fen), 0) FROM payments p WHERE status = 'paid'"
            + " AND store_id = '" + payFirst.store().id() + "' AND NOT EXISTS (SELECT 1 FROM refunds r"
            + " WHERE r.payment_id = p.id AND r.cause = 'duplicate_payment')"));
  }

  @Test
  void aTabsWeChatPaymentArrivingAfterTheCounterTookItIsGivenBackWhole() {
    Ordered first = eatFirst.anOrder("diner-tab-unreachable", "A1", 1);
    eatFirst.post(first.diner(), "/tabs/" + first.tab() + "/cart", new JsonObject().put("dish_id",
        eatFirst.dish()).put("quantity", 1));
    eatFirst.post(first.diner(), "/tabs/" + first.tab() + "/orders", new JsonObject()
        .put("idempotency_key", "tab-" + UUID.randomUUID()).put("head_count", 2));
    String outTradeNo = eatFirst.post(first.diner(), "/tabs/" + first.tab() + "/wechat-payment", null)
        .getJsonObject("payment").getString("out_trade_no");
    String held = service.payWithNotificationHeld(outTradeNo);
    service.simulator().pay().failNextRequest();

    HttpResponse<Buffer> counter = service.call(HttpMethod.POST, eatFirst.path("/tabs/" + first.tab()
        + "/counter-payment"), eatFirst.staff(), new JsonObject().put("method", "card"));

    assertThat(counter.statusCode()).as(counter.bodyAsString()).isEqualTo(200);
    String tab = "'" + first.tab() + "'";
    assertThat(service.eventually(() -> count("SELECT count(*) FROM refunds WHERE cause = 'duplicate_payment'"
        + " AND status = 'succeeded' AND order_id IS NULL AND tab_id = " + tab + " AND amount_fen = "
        + PRICE_FEN * 2), done -> done == 1)).isEqualTo(1);
    service.releaseNotificationAndSeeItAccepted(held);
    assertThat(count("SELECT count(*) FROM refunds WHERE tab_id = " + tab)).isEqualTo(1);
    assertThat(service.simulator().pay().refundedFen(outTradeNo)).isEqualTo(PRICE_FEN * 2);
    assertThat(count("SELECT count(DISTINCT paid_by) FROM orders WHERE tab_id = " + tab)).as("the card paid them")
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM tabs WHERE close_reason = 'paid' AND id = " + tab)).isEqualTo(1);
  }

  // --- fixtures ---

  private static String wechatPaymentOfOrder(Ordered ordered) {
    return ordered.restaurant().requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
  }

  private static HttpResponse<Buffer> counterPaymentOfOrder(Ordered ordered) {
    return ordered.restaurant().call(ordered.restaurant().staff(), "/orders/" + ordered.order() + "/counter-payment",
        new JsonObject().put("method", "cash"));
  }

  /** The diner confirms the payment in WeChat: false when WeChat Pay refuses it (closed). */
  private static boolean payInWeChat(String outTradeNo) {
    try {
      service.simulator().pay().pay(outTradeNo);
      return true;
    } catch (IllegalStateException refused) {
      return false;
    }
  }

  private static JsonObject settlementOfToday(ARestaurant store) {
    String day = BusinessDay.of(Instant.now(), ZoneId.of("Asia/Shanghai")).toString();
    HttpResponse<Buffer> report = service.get(store.path("/settlements/" + day), store.owner());
    assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(200);
    return report.bodyAsJsonObject();
  }

  private static long count(String sql) {
    return service.env().count(sql);
  }

}
