package app.tableloop.wechat;

import static app.tableloop.wechat.WeChatPaySimulationTest.newOutRefundNo;
import static app.tableloop.wechat.WeChatPaySimulationTest.newOutTradeNo;
import static app.tableloop.wechat.WeChatPaySimulationTest.order;
import static app.tableloop.wechat.WeChatPaySimulationTest.refund;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.wechat.MerchantNotifyUrl.Inbox;
import app.tableloop.wechat.MerchantNotifyUrl.Received;
import app.tableloop.wechat.simulator.NotificationDelivery;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WeChat Pay's notifications, from the simulator to a merchant notify_url played by the test, read by our gateway
 * (WxJava) with WeChat Pay's public key, and the simulator retrying, repeating, delaying and reordering them as WeChat
 * Pay and the network may. What every notification must pass, in either verification mode, is
 * {@link WeChatPayNotificationVerificationTest}.
 */
class WeChatPayNotificationTest {
  static SimulatedWeChatPay pay;
  static MerchantNotifyUrl merchant;
  static WebClient simulatorClient;

  @BeforeAll
  static void start() {
    pay = SimulatedWeChatPay.start(WeChatPayNotificationTest.class);
    merchant = Await.result(MerchantNotifyUrl.start(pay.vertx));
    simulatorClient = WebClient.create(pay.vertx);
  }

  @AfterAll
  static void stop() {
    simulatorClient.close();
    Await.result(merchant.close());
    pay.close();
  }

  @Test
  void aNotificationNamesWeChatPaysPublicKey() {
    Received received = pay.paidAndNotified(merchant.inbox("named-key"));

    assertThat(received.headers().get("Wechatpay-Serial")).isEqualTo(pay.payPublicKey().id());
  }

  @Test
  void aNotificationWithoutSignatureHeadersIsRefused() {
    Received received = pay.paidAndNotified(merchant.inbox("unsigned"));

    Throwable noHeader = Await.failure(pay.gateway.parsePaymentNotification(received.body(), null));
    Throwable noSignature = Await.failure(pay.gateway.parsePaymentNotification(received.body(),
        new SignatureHeader(received.headers().get("Wechatpay-Timestamp"), received.headers().get("Wechatpay-Nonce"),
            null, received.headers().get("Wechatpay-Serial"))));

    assertThat(noHeader).isInstanceOf(WxPayException.class).hasMessageContaining("签名头");
    assertThat(noSignature).isInstanceOf(WxPayException.class).hasMessageContaining("签名头");
  }

  @Test
  void aNotificationBuiltFromWeChatsPublishedFormatIsAcceptedLikeTheSimulators() throws Exception {
    Received fromSimulator = pay.paidAndNotified(merchant.inbox("reference"));
    WxPayNotifyV3Result.DecryptNotifyResult simulated = Await.result(pay.gateway.parsePaymentNotification(
        fromSimulator.body(), WeChatGateway.signatureHeader(fromSimulator.headers()))).getResult();
    String body = WeChatPayV3Format.paymentNotification(UUID.randomUUID().toString(), pay.merchant().apiV3Key(),
        WeChatPayV3Format.successfulTransaction(pay.gateway.appId(), pay.merchant().mchId(),
            simulated.getOutTradeNo(), simulated.getTransactionId(), 1500, simulated.getSuccessTime(),
            simulated.getPayer().getOpenid()));
    MultiMap headers = WeChatPayV3Format.signedHeaders(pay.simulator.pay().platformPrivateKey(),
        pay.payPublicKey().id(), Instant.now().getEpochSecond(), body);

    WxPayNotifyV3Result.DecryptNotifyResult built = Await.result(pay.gateway.parsePaymentNotification(body,
        WeChatGateway.signatureHeader(headers))).getResult();

    assertThat(built).usingRecursiveComparison().isEqualTo(simulated);
  }

  @Test
  void theSimulatorRetriesUntilTheMerchantAcceptsAndThenStops() {
    Inbox inbox = merchant.inbox("flaky", 500, 500);
    String outTradeNo = pay.placedOrder(inbox, 900);
    pay.simulator.pay().pay(outTradeNo);

    List<Received> received = List.of(Await.result(inbox.received(0)), Await.result(inbox.received(1)),
        Await.result(inbox.received(2)));
    List<NotificationDelivery> deliveries = pay.eventually(() -> deliveriesTo(inbox), list -> list.size() >= 3);
    pay.quietFor(SimulatedWeChatPay.RETRY_DELAYS.get(SimulatedWeChatPay.RETRY_DELAYS.size() - 1).multipliedBy(3));

    assertThat(received).extracting(Received::answered).containsExactly(500, 500, 200);
    assertThat(deliveriesTo(inbox)).hasSize(3);
    assertThat(deliveries).extracting(NotificationDelivery::attempt).containsExactly(1, 2, 3);
    assertThat(deliveries).extracting(NotificationDelivery::status).containsExactly(500, 500, 200);
    assertThat(inbox.count()).isEqualTo(3);
    // Every attempt is signed afresh, and each verifies.
    assertThat(received).extracting(r -> r.headers().get("Wechatpay-Nonce")).doesNotHaveDuplicates();
    for (Received attempt : received) {
      assertThat(Await.result(pay.gateway.parsePaymentNotification(attempt.body(),
          WeChatGateway.signatureHeader(attempt.headers()))).getResult().getOutTradeNo()).isEqualTo(outTradeNo);
    }
  }

  @Test
  void aMerchantThatNeverAcceptsGetsWeChatsWholeScheduleAndNoMore() {
    Inbox inbox = merchant.inbox("down", 503, 503, 503, 503, 503, 503);
    String outTradeNo = pay.placedOrder(inbox, 700);
    pay.simulator.pay().pay(outTradeNo);

    int attempts = 1 + SimulatedWeChatPay.RETRY_DELAYS.size();
    pay.eventually(() -> deliveriesTo(inbox), list -> list.size() >= attempts);
    pay.quietFor(Duration.ofMillis(400));

    assertThat(deliveriesTo(inbox)).hasSize(attempts).allMatch(delivery -> delivery.status() == 503);
    assertThat(inbox.count()).isEqualTo(attempts);
  }

  @Test
  void anUnreachableNotifyUrlCountsAsAFailedAttemptAndIsRetried() {
    Inbox nowhere = merchant.inbox("gone");
    String outTradeNo = newOutTradeNo();
    Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 300).setNotifyUrl("http://127.0.0.1:1/notify")));
    pay.simulator.pay().pay(outTradeNo);

    List<NotificationDelivery> attempts = pay.eventually(
        () -> pay.simulator.pay().notificationDeliveries().stream()
            .filter(delivery -> delivery.url().equals("http://127.0.0.1:1/notify")).toList(),
        list -> list.size() >= 1 + SimulatedWeChatPay.RETRY_DELAYS.size());

    assertThat(attempts).allSatisfy(delivery -> {
      assertThat(delivery.status()).isZero();
      assertThat(delivery.failure()).isNotBlank();
    });
    assertThat(nowhere.count()).isZero();
  }

  @Test
  void theDuplicatesKnobDeliversTheSameNotificationSeveralTimes() {
    Inbox inbox = merchant.inbox("duplicates");
    String outTradeNo = pay.placedOrder(inbox, 1200);
    pay.simulator.pay().repeatNextNotification(2);
    pay.simulator.pay().pay(outTradeNo);

    List<Received> copies = List.of(Await.result(inbox.received(0)), Await.result(inbox.received(1)),
        Await.result(inbox.received(2)));
    pay.eventually(() -> deliveriesTo(inbox), list -> list.size() >= 3);
    pay.quietFor(Duration.ofMillis(200));

    assertThat(inbox.count()).isEqualTo(3);
    assertThat(copies).extracting(copy -> new JsonObject(copy.body()).getString("id")).containsOnly(
        new JsonObject(copies.get(0).body()).getString("id"));
    for (Received copy : copies) {
      assertThat(Await.result(pay.gateway.parsePaymentNotification(copy.body(),
          WeChatGateway.signatureHeader(copy.headers()))).getResult().getOutTradeNo()).isEqualTo(outTradeNo);
    }
    assertThat(deliveriesTo(inbox)).extracting(NotificationDelivery::copy).containsExactly(0, 1, 2);
  }

  @Test
  void heldNotificationsCanBeReleasedOutOfOrder() {
    Inbox inbox = merchant.inbox("reordered");
    String first = pay.placedOrder(inbox, 100);
    String second = pay.placedOrder(inbox, 200);
    List<String> held = paidWithNotificationsHeld(first, second);
    assertThat(held).hasSize(2);
    assertThat(inbox.count()).isZero();

    assertThat(pay.simulator.pay().releaseNotification(held.get(1))).isTrue();
    Received arrivedFirst = Await.result(inbox.received(0));
    assertThat(pay.simulator.pay().releaseNotification(held.get(0))).isTrue();
    Received arrivedSecond = Await.result(inbox.received(1));

    assertThat(outTradeNoIn(arrivedFirst)).isEqualTo(second);
    assertThat(outTradeNoIn(arrivedSecond)).isEqualTo(first);
    assertThat(pay.simulator.pay().heldNotifications()).isEmpty();
    assertThat(pay.simulator.pay().releaseNotification(held.get(0))).isFalse();
  }

  @Test
  void aHeldNotificationCarriesTheSignatureMadeWhenItWasSentUnlessHeldOverFourMinutes() {
    Inbox inbox = merchant.inbox("held-signatures");
    String prompt = pay.placedOrder(inbox, 300);
    String late = pay.placedOrder(inbox, 400);
    long sentFrom = pay.clock.instant().getEpochSecond();
    List<String> held = paidWithNotificationsHeld(prompt, late);
    long sentUntil = pay.clock.instant().getEpochSecond();
    Duration moved = Duration.ZERO;
    try {
      pay.clock.advance(Duration.ofSeconds(230));
      moved = moved.plusSeconds(230);
      assertThat(pay.simulator.pay().releaseNotification(held.get(0))).isTrue();
      Received promptly = Await.result(inbox.received(0));
      pay.clock.advance(Duration.ofSeconds(20));
      moved = moved.plusSeconds(20);
      assertThat(pay.simulator.pay().releaseNotification(held.get(1))).isTrue();
      Received later = Await.result(inbox.received(1));

      assertThat(Long.parseLong(promptly.headers().get("Wechatpay-Timestamp"))).isBetween(sentFrom, sentUntil);
      assertThat(Long.parseLong(later.headers().get("Wechatpay-Timestamp"))).isGreaterThanOrEqualTo(sentFrom + 250);
      for (Received received : List.of(promptly, later)) {
        assertThat(Await.result(pay.gateway.parsePaymentNotification(received.body(),
            WeChatGateway.signatureHeader(received.headers()))).getResult().getOutTradeNo()).isIn(prompt, late);
      }
    } finally {
      pay.clock.advance(moved.negated());
    }
  }

  @Test
  void aDelayedNotificationArrivesNoSoonerThanAsked() {
    Inbox inbox = merchant.inbox("late");
    String outTradeNo = pay.placedOrder(inbox, 100);
    pay.simulator.pay().delayNextNotification(Duration.ofMillis(300));
    long paidAt = System.nanoTime();
    pay.simulator.pay().pay(outTradeNo);

    Await.result(inbox.received(0));

    assertThat(Duration.ofNanos(System.nanoTime() - paidAt)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aRefundIsNotifiedWhenItSucceedsAndOnlyAsARefund() {
    Inbox payments = merchant.inbox("refunded-order");
    Inbox refunds = merchant.inbox("refunds");
    Received paid = pay.paidAndNotified(payments);
    String outTradeNo = outTradeNoIn(paid);
    String outRefundNo = newOutRefundNo();
    Await.result(pay.gateway.refund(refund(outTradeNo, outRefundNo, 250, 1500).setNotifyUrl(refunds.url())));

    Received received = Await.result(refunds.received(0));
    WxPayRefundNotifyV3Result notification = Await.result(pay.gateway.parseRefundNotification(received.body(),
        WeChatGateway.signatureHeader(received.headers())));

    assertThat(notification.getRawData().getEventType()).isEqualTo("REFUND.SUCCESS");
    assertThat(notification.getResult().getOutRefundNo()).isEqualTo(outRefundNo);
    assertThat(notification.getResult().getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(notification.getResult().getRefundStatus()).isEqualTo("SUCCESS");
    assertThat(notification.getResult().getSuccessTime()).isNotBlank();
    assertThat(notification.getResult().getAmount().getRefund()).isEqualTo(250);
    assertThat(notification.getResult().getAmount().getTotal()).isEqualTo(1500);
    assertThat(Await.result(pay.gateway.queryRefund(outRefundNo)).getStatus()).isEqualTo("SUCCESS");
    assertThat(Await.failure(pay.gateway.parsePaymentNotification(received.body(),
        WeChatGateway.signatureHeader(received.headers())))).hasMessageContaining("refund");
    assertThat(Await.failure(pay.gateway.parseRefundNotification(paid.body(),
        WeChatGateway.signatureHeader(paid.headers())))).hasMessageContaining("transaction");
  }

  @Test
  void theDinerCanPayThroughTheSimulatorsHttpEndpointAndDeliveriesAreListedThere() {
    Inbox inbox = merchant.inbox("over-http");
    String outTradeNo = pay.placedOrder(inbox, 800);

    JsonObject paid = Await.result(simulatorClient.postAbs(pay.simulator.baseUrl() + "/sim/pay/pay")
        .sendJsonObject(new JsonObject().put("out_trade_no", outTradeNo))).bodyAsJsonObject();
    Await.result(inbox.received(0));
    JsonArray listed = pay.eventually(() -> Await.result(simulatorClient
            .getAbs(pay.simulator.baseUrl() + "/sim/pay/notifications").send()).bodyAsJsonArray(),
        all -> all.stream().map(JsonObject.class::cast).anyMatch(d -> d.getString("url").equals(inbox.url())));

    assertThat(paid.getString("trade_state")).isEqualTo("SUCCESS");
    assertThat(listed.stream().map(JsonObject.class::cast).filter(d -> d.getString("url").equals(inbox.url())))
        .singleElement().satisfies(delivery -> {
          assertThat(delivery.getInteger("status")).isEqualTo(200);
          assertThat(delivery.getString("event_type")).isEqualTo("TRANSACTION.SUCCESS");
        });
  }

  // --- fixtures ---

  /** Pays the orders in the simulator while it holds WeChat Pay's notifications; answers the ones held. */
  private static List<String> paidWithNotificationsHeld(String... outTradeNos) {
    pay.simulator.pay().holdNotifications(true);
    try {
      for (String outTradeNo : outTradeNos) {
        pay.simulator.pay().pay(outTradeNo);
      }
    } finally {
      pay.simulator.pay().holdNotifications(false);
    }
    return pay.simulator.pay().heldNotifications();
  }

  private static List<NotificationDelivery> deliveriesTo(Inbox inbox) {
    return pay.simulator.pay().notificationDeliveries().stream()
        .filter(delivery -> delivery.url().equals(inbox.url())).toList();
  }

  private static String outTradeNoIn(Received notification) {
    return Await.result(pay.gateway.parsePaymentNotification(notification.body(),
        WeChatGateway.signatureHeader(notification.headers()))).getResult().getOutTradeNo();
  }
}
