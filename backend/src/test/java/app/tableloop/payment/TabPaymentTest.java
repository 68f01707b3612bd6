package app.tableloop.payment;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.ARestaurant.Seated;
import app.tableloop.testing.Await;
import app.tableloop.testing.LiveFeed;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.simulator.NotificationDelivery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An eat-first store's tab paid at the end of the meal, end to end: the diner's WeChat payment of everything the tab
 * owes, the simulator paying and notifying, the tab closed as paid and its table free again; staff taking the tab's
 * payment at the counter; and who may pay what.
 */
class TabPaymentTest {
  private static final Duration LIVE = Duration.ofSeconds(5);
  private static final long PRICE_FEN = 2800;

  static RunningService service;
  static ARestaurant restaurant;

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(TabPaymentTest.class);
    restaurant = ARestaurant.eatFirst(service, "先吃面馆", "A1-A20", PRICE_FEN);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theDinerPaysTheWholeTabOnceAndTheTableIsFreeAgain() {
    Seated seated = restaurant.seat("diner-tab", "A1");
    JsonObject served = anOrder(seated, 1);
    serve(served);
    anOrder(seated, 2);
    String tabPayment = "/tabs/" + seated.tab() + "/wechat-payment";

    try (LiveFeed table = service.live(restaurant.path("/tabs/" + seated.tab() + "/live"), seated.diner())) {
      JsonObject first = restaurant.post(seated.diner(), tabPayment, null).getJsonObject("payment");
      JsonObject again = restaurant.post(seated.diner(), tabPayment, null).getJsonObject("payment");
      assertThat(first.getString("tab_id")).isEqualTo(seated.tab());
      assertThat(first.getLong("amount_fen")).isEqualTo(PRICE_FEN * 3);
      assertThat(again.getString("out_trade_no")).isEqualTo(first.getString("out_trade_no"));
      int before = service.simulator().pay().notificationDeliveries().size();

      service.simulator().pay().repeatNextNotification(2);
      service.simulator().pay().pay(first.getString("out_trade_no"));

      JsonObject closed = table.next(message -> message.getString("type").equals("tab")
          && message.getJsonObject("tab").getString("status").equals("closed"), LIVE);
      assertThat(closed.getJsonObject("tab").getJsonArray("orders")).hasSize(2);
      List<NotificationDelivery> deliveries = service.eventually(
          () -> service.simulator().pay().notificationDeliveries().stream().skip(before).toList(),
          list -> list.size() >= 3);
      assertThat(deliveries).hasSize(3).allMatch(NotificationDelivery::accepted);
      String payment = "(SELECT id FROM payments WHERE out_trade_no = '" + first.getString("out_trade_no") + "')";
      assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND tab_id = '" + seated.tab() + "'"))
          .isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM orders WHERE tab_id = '" + seated.tab() + "' AND paid_by = " + payment))
          .isEqualTo(2);
      assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE payment_id = " + payment + " AND amount_fen = "
          + PRICE_FEN * 3)).isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'tab.paid' AND payload->>'tab_id' = '"
          + seated.tab() + "'")).isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM outbox WHERE payload->>'tab_id' = '" + seated.tab() + "'"))
          .isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM tabs WHERE id = '" + seated.tab() + "' AND status = 'closed'"
          + " AND close_reason = 'paid'")).isEqualTo(1);
    }
    String newTab = ok(service.openTab(restaurant.store(), seated.table(), seated.diner())).getString("id");
    assertThat(newTab).isNotEqualTo(seated.tab());
    assertThat(problem(restaurant.call(seated.diner(), tabPayment, null), 409))
        .isEqualTo("tab_not_open");
  }

  @Test
  void staffTakeTheTabsPaymentAtTheCounterAndTheDinersWeChatPaymentIsClosed() {
    Seated seated = restaurant.seat("diner-counter", "A2");
    anOrder(seated, 1);
    anOrder(seated, 1);
    String outTradeNo = restaurant.post(seated.diner(), "/tabs/" + seated.tab() + "/wechat-payment", null)
        .getJsonObject("payment").getString("out_trade_no");
    String counterPayment = "/tabs/" + seated.tab() + "/counter-payment";
    JsonObject cash = new JsonObject().put("method", "cash");

    assertThat(problem(restaurant.call(seated.diner(), counterPayment, cash), 404))
        .as("a diner works nowhere here, so the store is hidden").isEqualTo("not_found");
    JsonObject taken = restaurant.post(restaurant.staff(), counterPayment, cash);

    assertThat(taken.getLong("amount_fen")).isEqualTo(PRICE_FEN * 2);
    assertThat(taken.getJsonArray("order_ids")).hasSize(2);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE tab_id = '" + seated.tab() + "' AND status = 'paid'"
        + " AND method = 'cash' AND recorded_by IS NOT NULL")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE tab_id = '" + seated.tab() + "' AND paid_by IS NULL"))
        .isZero();
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE tab_id = '" + seated.tab() + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM tabs WHERE id = '" + seated.tab() + "' AND close_reason = 'paid'"))
        .isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + outTradeNo + "' AND status = 'closed'"))
        .isEqualTo(1);
    assertThat(service.eventually(() -> service.simulator().pay().transaction(outTradeNo).orElseThrow()
        .getString("trade_state"), "CLOSED"::equals)).isEqualTo("CLOSED");
    assertThat(problem(restaurant.call(restaurant.staff(), counterPayment, cash), 409)).isEqualTo("tab_not_open");
  }

  @Test
  void whatATableOwesIsShownToItsDinersAndToTheCounterUntilItIsPaid() {
    Seated seated = restaurant.seat("diner-owes", "A3");
    anOrder(seated, 1);
    anOrder(seated, 2);
    JsonObject tab = ok(service.get(restaurant.path("/tabs/" + seated.tab()), seated.diner()));
    assertThat(tab.getLong("due_fen")).isEqualTo(PRICE_FEN * 3);
    assertThat(tab.getJsonArray("orders")).allSatisfy(order -> assertThat(((JsonObject) order).getBoolean("paid"))
        .isFalse());
    assertThat(openTab(seated)).as("the counter sees the table and what it owes").hasValueSatisfying(open -> {
      assertThat(open.getString("table_code")).isEqualTo("A3");
      assertThat(open.getLong("due_fen")).isEqualTo(PRICE_FEN * 3);
      assertThat(open.getJsonArray("awaiting_payment")).isEmpty();
    });

    restaurant.post(restaurant.staff(), "/tabs/" + seated.tab() + "/counter-payment",
        new JsonObject().put("method", "card"));

    JsonObject paid = ok(service.get(restaurant.path("/tabs/" + seated.tab()), seated.diner()));
    assertThat(paid.getLong("due_fen")).isZero();
    assertThat(paid.getJsonArray("orders")).allSatisfy(order -> assertThat(((JsonObject) order).getBoolean("paid"))
        .isTrue());
    assertThat(openTab(seated)).as("a paid tab is closed and leaves the list").isEmpty();
  }

  @Test
  void aPayFirstTablesOrderAwaitingPaymentIsFoundAtTheCounterByItsNumber() {
    ARestaurant payFirst = ARestaurant.payFirst(service, "先付面馆", "B1-B2", PRICE_FEN);
    Ordered ordered = payFirst.anOrderAwaitingPayment("diner-pay-first", "B1", 2);
    JsonObject tabs = ok(service.get(payFirst.path("/tabs"), payFirst.staff()));
    JsonObject open = tabs.getJsonArray("tabs").getJsonObject(0);
    assertThat(open.getLong("due_fen")).as("its order is paid on its own, not with the tab").isZero();
    JsonObject awaiting = open.getJsonArray("awaiting_payment").getJsonObject(0);
    assertThat(awaiting.getString("order_id")).isEqualTo(ordered.order());
    assertThat(awaiting.getString("number")).matches("A\\d{3}");
    assertThat(awaiting.getLong("total_fen")).isEqualTo(PRICE_FEN * 2);

    JsonObject order = payFirst.post(payFirst.staff(), "/orders/" + ordered.order() + "/counter-payment",
        new JsonObject().put("method", "cash"));
    assertThat(order.getString("status")).isEqualTo("placed");
    assertThat(order.getBoolean("paid")).isTrue();
    JsonObject after = ok(service.get(payFirst.path("/tabs/" + ordered.tab()), ordered.diner()));
    assertThat(after.getJsonArray("orders").getJsonObject(0).getBoolean("paid")).isTrue();
    assertThat(ok(service.get(payFirst.path("/tabs"), payFirst.staff())).getJsonArray("tabs").getJsonObject(0)
        .getJsonArray("awaiting_payment")).isEmpty();
  }

  private static Optional<JsonObject> openTab(Seated seated) {
    return ok(service.get(restaurant.path("/tabs"), restaurant.staff())).getJsonArray("tabs").stream()
        .map(JsonObject.class::cast).filter(tab -> tab.getString("id").equals(seated.tab())).findFirst();
  }

  @Test
  void aTabWithNothingToPayIsRefusedAndAnotherTabsDinerFindsNoTab() {
    Seated empty = restaurant.seat("diner-empty", "A3");
    Seated other = restaurant.seat("diner-other", "A4");
    anOrder(other, 1);

    assertThat(problem(restaurant.call(empty.diner(), "/tabs/" + empty.tab() + "/wechat-payment", null), 409))
        .isEqualTo("nothing_to_pay");
    assertThat(problem(restaurant.call(restaurant.staff(), "/tabs/" + empty.tab() + "/counter-payment",
        new JsonObject().put("method", "card")), 409)).isEqualTo("nothing_to_pay");
    assertThat(problem(restaurant.call(empty.diner(), "/tabs/" + other.tab() + "/wechat-payment", null), 404))
        .isEqualTo("tab_not_found");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE tab_id IN ('" + empty.tab() + "', '" + other.tab()
        + "')")).isZero();
  }

  @Test
  void weHavePaidAsksWeChatPayForTheTabAndEachOrderIsThenRefundedWithinItsOwnShare() {
    Seated seated = restaurant.seat("diner-check", "A5");
    Seated stranger = restaurant.seat("diner-stranger", "A6");
    String small = anOrder(seated, 1).getString("id");
    String large = anOrder(seated, 2).getString("id");
    String check = "/tabs/" + seated.tab() + "/payment-check";
    String outTradeNo = restaurant.post(seated.diner(), "/tabs/" + seated.tab() + "/wechat-payment", null)
        .getJsonObject("payment").getString("out_trade_no");
    assertThat(restaurant.post(seated.diner(), check, null).getString("status")).as("not paid yet").isEqualTo("open");
    assertThat(problem(restaurant.call(stranger.diner(), check, null), 404)).isEqualTo("tab_not_found");

    String held = service.payWithNotificationHeld(outTradeNo);

    assertThat(restaurant.post(seated.diner(), check, null).getString("status")).isEqualTo("closed");
    service.releaseNotificationAndSeeItAccepted(held);
    String payment = "(SELECT id FROM payments WHERE out_trade_no = '" + outTradeNo + "')";
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE payment_id = " + payment)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE paid_by = " + payment)).isEqualTo(2);

    assertThat(refund(small, 2000, "kept-apart-1").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> beyondItsShare = refund(small, 801, "kept-apart-2");
    assertThat(problem(beyondItsShare, 409)).isEqualTo("refund_exceeds_refundable");
    assertThat(beyondItsShare.bodyAsJsonObject().getString("message_en")).contains("800 fen");
    assertThat(refund(small, 800, "kept-apart-3").statusCode()).isEqualTo(200);
    assertThat(refund(large, PRICE_FEN * 2, "kept-apart-4").statusCode()).isEqualTo(200);
    assertThat(problem(refund(large, 1, "kept-apart-5"), 409)).isEqualTo("refund_exceeds_refundable");

    assertThat(service.env().count("SELECT refunded_fen FROM payments WHERE id = " + payment)).isEqualTo(PRICE_FEN * 3);
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE payment_id = " + payment + " AND order_id = '"
        + small + "'")).isEqualTo(2);
    assertThat(service.eventually(() -> service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'refund'"
        + " AND payment_id = " + payment), booked -> booked == 3)).isEqualTo(3);
    assertThat(service.simulator().pay().refundedFen(outTradeNo)).isEqualTo(PRICE_FEN * 3);
  }

  @Test
  void staffRefundOnlyOnceTheOwnerAllowsIt() {
    Seated seated = restaurant.seat("diner-staff-refund", "A7");
    String order = anOrder(seated, 1).getString("id");
    restaurant.post(restaurant.staff(), "/tabs/" + seated.tab() + "/counter-payment",
        new JsonObject().put("method", "cash"));
    JsonObject body = refundBody(500, "staff-refund-1");

    assertThat(problem(restaurant.call(restaurant.staff(), "/orders/" + order + "/refunds", body), 403))
        .isEqualTo("staff_may_not_refund");
    assertThat(service.env().count("SELECT count(*) FROM refunds WHERE order_id = '" + order + "'")).isZero();
    HttpResponse<Buffer> allowed = service.call(HttpMethod.PATCH, restaurant.path(""), restaurant.owner(),
        new JsonObject().put("staff_may_refund", true));
    assertThat(allowed.bodyAsJsonObject().getBoolean("staff_may_refund")).isTrue();
    try {
      JsonObject refund = restaurant.post(restaurant.staff(), "/orders/" + order + "/refunds", body);

      assertThat(refund.getString("status")).as("cash is handed back at once").isEqualTo("succeeded");
      assertThat(refund.getString("method")).isEqualTo("cash");
      assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE kind = 'refund' AND order_id = '" + order
          + "' AND amount_fen = -500")).isEqualTo(1);
    } finally {
      service.call(HttpMethod.PATCH, restaurant.path(""), restaurant.owner(),
          new JsonObject().put("staff_may_refund", false));
    }
    assertThat(problem(restaurant.call(restaurant.staff(), "/orders/" + order + "/refunds",
        refundBody(1, "staff-refund-2")), 403)).isEqualTo("staff_may_not_refund");
  }

  @Test
  void aWeChatPaymentArrivingWhileStaffTakeTheSameTabAtTheCounterPaysTheTabOnceAndTheCounterTakesNothing() {
    for (int table = 11; table <= 16; table++) {
      Seated seated = restaurant.seat("diner-race-" + table, "A" + table);
      anOrder(seated, 1);
      String outTradeNo = restaurant.post(seated.diner(), "/tabs/" + seated.tab() + "/wechat-payment", null)
          .getJsonObject("payment").getString("out_trade_no");
      String held = service.payWithNotificationHeld(outTradeNo);
      int before = service.simulator().pay().notificationDeliveries().size();

      // Which one starts first alternates; either way they overlap.
      if (table % 2 == 0) {
        service.simulator().pay().releaseNotification(held);
      }
      Future<HttpResponse<Buffer>> counterSent = service.callAsync(HttpMethod.POST, restaurant.path("/tabs/"
          + seated.tab() + "/counter-payment"), restaurant.staff(), new JsonObject().put("method", "cash"));
      if (table % 2 == 1) {
        service.simulator().pay().releaseNotification(held);
      }
      HttpResponse<Buffer> counter = Await.result(counterSent);

      String round = "table A" + table + ", counter answered " + counter.statusCode() + " " + counter.bodyAsString();
      assertThat(problem(counter, 409)).as(round).isIn("paid_with_wechat", "tab_not_open");
      NotificationDelivery first = service.eventually(() -> service.simulator().pay().notificationDeliveries().stream()
          .skip(before).findFirst(), Optional::isPresent).orElseThrow();
      assertThat(first.accepted()).as(round + "; the notification was answered " + first.status()).isTrue();
      String tab = "'" + seated.tab() + "'";
      assertThat(service.env().count("SELECT count(DISTINCT paid_by) FROM orders WHERE tab_id = " + tab)).as(round)
          .isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM tabs WHERE close_reason = 'paid' AND id = " + tab))
          .as(round).isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND method = 'wechat'"
          + " AND tab_id = " + tab)).as(round).isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM payments WHERE tab_id = " + tab + " AND method = 'cash'"))
          .as(round).isZero();
      assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE tab_id = " + tab)).as(round)
          .isEqualTo(1);
      assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'payment.unapplied'"
          + " AND payload->>'tab_id' = " + tab)).as(round).isZero();
    }
  }

  // --- fixtures ---

  private static HttpResponse<Buffer> refund(String order, long amountFen, String key) {
    return restaurant.call(restaurant.owner(), "/orders/" + order + "/refunds", refundBody(amountFen, key));
  }

  private static JsonObject refundBody(long amountFen, String key) {
    return new JsonObject().put("amount_fen", amountFen).put("reason", "菜品有误").put("idempotency_key", key);
  }

  /** An order of the tab, straight to the kitchen and unpaid, as eat-first stores take them. */
  private static JsonObject anOrder(Seated seated, int quantity) {
    JsonObject order = restaurant.order(seated, quantity);
    assertThat(order.getString("status")).isEqualTo("placed");
    return order;
  }

  private static void serve(JsonObject order) {
    String path = "/orders/" + order.getString("id");
    restaurant.post(restaurant.staff(), path + "/accept", null);
    JsonObject served = restaurant.post(restaurant.staff(), path + "/items/"
        + order.getJsonArray("items").getJsonObject(0).getString("id") + "/served", null);
    assertThat(served.getString("status")).isEqualTo("served");
  }

}
