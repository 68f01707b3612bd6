package app.tableloop.payment;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.ARestaurant.Seated;
import app.tableloop.testing.LiveFeed;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the diner (and staff) are told of an order's payment, wherever the order is answered: unpaid, pending while
 * WeChat Pay has not confirmed, paid by WeChat or at the counter, partially refunded and refunded; and what a tab
 * says is paid and due.
 */
class OrderPaymentStateTest {
  private static final Duration LIVE = Duration.ofSeconds(5);
  private static final long PRICE_FEN = 2800;

  static RunningService service;
  static ARestaurant payFirst;
  static ARestaurant eatFirst;

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(OrderPaymentStateTest.class);
    payFirst = ARestaurant.payFirst(service, "付款状态面馆", "P1-P5", PRICE_FEN);
    eatFirst = ARestaurant.eatFirst(service, "结账状态面馆", "E1-E5", PRICE_FEN);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void anOrderPaidByWeChatIsUnpaidThenPendingThenPaid() {
    Ordered ordered = payFirst.anOrderAwaitingPayment("diner-state-wechat", "P1", 2);
    assertUnpaid(orderOfTab(ordered));

    String outTradeNo = payFirst.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    JsonObject pending = orderOfTab(ordered).getJsonObject("payment");
    assertThat(pending.getString("state")).isEqualTo("pending");
    assertThat(pending.getString("method")).as("nothing has paid it yet").isNull();
    assertThat(pending.getLong("paid_fen")).isZero();

    Instant before = Instant.now();
    service.simulator().pay().pay(outTradeNo);
    JsonObject checked = service.eventually(() -> ok(service.call(HttpMethod.POST,
            payFirst.path("/tabs/" + ordered.tab() + "/orders/" + ordered.order() + "/payment-check"),
            ordered.diner(), null)),
        order -> order.getJsonObject("payment").getString("state").equals("paid"));

    assertPaid(checked, "wechat", ordered.totalFen());
    assertThat(Instant.parse(checked.getJsonObject("payment").getString("paid_at"))).isAfter(before.minusSeconds(5));
    assertThat(checked.getBoolean("paid")).isTrue();
    JsonObject tab = tab(payFirst, ordered);
    assertPaid(tab.getJsonArray("orders").getJsonObject(0), "wechat", ordered.totalFen());
    assertThat(tab.getLong("paid_fen")).isEqualTo(ordered.totalFen());
    assertThat(tab.getLong("due_fen")).isZero();
  }

  @Test
  void anOrderPaidAtTheCounterSaysSoInTheAnswerAndTheTab() {
    Ordered ordered = payFirst.anOrderAwaitingPayment("diner-state-counter", "P2", 1);

    JsonObject taken = payFirst.post(payFirst.staff(), "/orders/" + ordered.order() + "/counter-payment",
        new JsonObject().put("method", "cash"));

    assertPaid(taken, "cash", ordered.totalFen());
    assertPaid(orderOfTab(ordered), "cash", ordered.totalFen());
    assertThat(problem(payFirst.call(payFirst.staff(), "/orders/" + ordered.order() + "/counter-payment",
        new JsonObject().put("method", "cash")), 409)).as("paid is paid: no second payment")
        .isEqualTo("order_not_awaiting_payment");
  }

  @Test
  void aRefundedOrderIsPartiallyRefundedThenRefunded() {
    Ordered byCash = payFirst.anOrderAwaitingPayment("diner-state-refund-cash", "P3", 2);
    payFirst.post(payFirst.staff(), "/orders/" + byCash.order() + "/counter-payment",
        new JsonObject().put("method", "cash"));

    refund(byCash, 1000);
    JsonObject part = orderOfTab(byCash).getJsonObject("payment");
    assertThat(part.getString("state")).isEqualTo("partially_refunded");
    assertThat(part.getLong("paid_fen")).isEqualTo(byCash.totalFen());
    assertThat(part.getLong("refunded_fen")).isEqualTo(1000);
    refund(byCash, byCash.totalFen() - 1000);
    JsonObject whole = orderOfTab(byCash).getJsonObject("payment");
    assertThat(whole.getString("state")).isEqualTo("refunded");
    assertThat(whole.getLong("refunded_fen")).isEqualTo(byCash.totalFen());
    assertThat(tab(payFirst, byCash).getLong("refunded_fen")).isEqualTo(byCash.totalFen());
    assertThat(problem(payFirst.call(payFirst.owner(), "/orders/" + byCash.order() + "/refunds", refundOf(1)), 409))
        .isEqualTo("refund_exceeds_refundable");

    Ordered byWeChat = payFirst.anOrderAwaitingPayment("diner-state-refund-wechat", "P4", 1);
    service.simulator().pay().pay(payFirst.requestWeChatPayment(byWeChat).getJsonObject("payment")
        .getString("out_trade_no"));
    service.eventually(() -> orderOfTab(byWeChat).getJsonObject("payment").getString("state"), "paid"::equals);
    refund(byWeChat, byWeChat.totalFen());
    JsonObject refunded = service.eventually(() -> orderOfTab(byWeChat).getJsonObject("payment"),
        payment -> payment.getString("state").equals("refunded"));
    assertThat(refunded.getString("method")).isEqualTo("wechat");
    assertThat(refunded.getLong("refunded_fen")).isEqualTo(byWeChat.totalFen());
  }

  @Test
  void aTabSaysWhatIsDueUntilItsPaymentAndItsLiveMessageSaysWhatIsPaid() {
    Seated seated = eatFirst.seat("diner-state-tab", "E1");
    JsonObject first = eatFirst.order(seated, 1);
    eatFirst.order(seated, 2);
    assertUnpaid(first);
    JsonObject open = ok(service.get(eatFirst.path("/tabs/" + seated.tab()), seated.diner()));
    assertThat(open.getLong("due_fen")).isEqualTo(PRICE_FEN * 3);
    assertThat(open.getLong("paid_fen")).isZero();
    open.getJsonArray("orders").forEach(order -> assertUnpaid((JsonObject) order));

    try (LiveFeed table = service.live(eatFirst.path("/tabs/" + seated.tab() + "/live"), seated.diner())) {
      eatFirst.post(eatFirst.staff(), "/tabs/" + seated.tab() + "/counter-payment",
          new JsonObject().put("method", "card"));
      JsonObject closed = table.next(message -> message.getString("type").equals("tab")
          && message.getJsonObject("tab").getString("status").equals("closed"), LIVE).getJsonObject("tab");
      assertThat(closed.getLong("due_fen")).isZero();
      assertThat(closed.getLong("paid_fen")).isEqualTo(PRICE_FEN * 3);
      assertThat(closed.getJsonArray("orders")).hasSize(2);
      closed.getJsonArray("orders").forEach(order -> assertPaid((JsonObject) order, "card",
          ((JsonObject) order).getLong("total_fen")));
    }
  }

  private static void assertUnpaid(JsonObject order) {
    JsonObject payment = order.getJsonObject("payment");
    assertThat(payment.getString("state")).isEqualTo("unpaid");
    assertThat(payment.getString("method")).isNull();
    assertThat(payment.getString("paid_at")).isNull();
    assertThat(payment.getLong("paid_fen")).isZero();
    assertThat(payment.getLong("refunded_fen")).isZero();
    assertThat(order.getBoolean("paid")).isFalse();
  }

  private static void assertPaid(JsonObject order, String method, long paidFen) {
    JsonObject payment = order.getJsonObject("payment");
    assertThat(payment.getString("state")).isEqualTo("paid");
    assertThat(payment.getString("method")).isEqualTo(method);
    assertThat(payment.getString("paid_at")).isNotNull();
    assertThat(payment.getLong("paid_fen")).isEqualTo(paidFen);
    assertThat(payment.getLong("refunded_fen")).isZero();
  }

  private static JsonObject tab(ARestaurant restaurant, Ordered ordered) {
    return ok(service.get(restaurant.path("/tabs/" + ordered.tab()), ordered.diner()));
  }

  private static JsonObject orderOfTab(Ordered ordered) {
    return tab(ordered.restaurant(), ordered).getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(order -> order.getString("id").equals(ordered.order())).findFirst().orElseThrow();
  }

  private static void refund(Ordered ordered, long amountFen) {
    ordered.restaurant().post(ordered.restaurant().owner(), "/orders/" + ordered.order() + "/refunds",
        refundOf(amountFen));
  }

  private static JsonObject refundOf(long amountFen) {
    return new JsonObject().put("amount_fen", amountFen).put("reason", "菜品售罄")
        .put("idempotency_key", "refund-" + UUID.randomUUID());
  }
}
