package app.tableloop.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.wechat.MerchantNotifyUrl.Inbox;
import app.tableloop.wechat.MerchantNotifyUrl.Received;
import app.tableloop.wechat.simulator.NotificationDelivery;
import app.tableloop.wechat.simulator.SimulatorSettings.PayVerification;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import com.github.binarywang.wxpay.exception.WxPayException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a WeChat Pay notification must pass, whichever way the merchant verifies WeChat Pay (its public key, or the
 * platform certificate WxJava downloads): a genuine one is verified and decrypted by our gateway; one altered by a
 * byte, signed with another key, or naming a key or certificate we were not given is refused.
 */
class WeChatPayNotificationVerificationTest {
  static final Map<PayVerification, SimulatedWeChatPay> pays = new EnumMap<>(PayVerification.class);
  static final Map<PayVerification, MerchantNotifyUrl> merchants = new EnumMap<>(PayVerification.class);

  @BeforeAll
  static void start() {
    for (PayVerification verification : PayVerification.values()) {
      SimulatedWeChatPay pay = SimulatedWeChatPay.start(WeChatPayNotificationVerificationTest.class, verification);
      pays.put(verification, pay);
      merchants.put(verification, Await.result(MerchantNotifyUrl.start(pay.vertx)));
    }
  }

  @AfterAll
  static void stop() {
    merchants.values().forEach(merchant -> Await.result(merchant.close()));
    pays.values().forEach(SimulatedWeChatPay::close);
  }

  @ParameterizedTest
  @EnumSource(PayVerification.class)
  void aPaymentNotificationIsVerifiedAndDecryptedByTheGateway(PayVerification verification) {
    SimulatedWeChatPay pay = pays.get(verification);
    Inbox inbox = merchants.get(verification).inbox("paid");
    String outTradeNo = pay.placedOrder(inbox, 4200);
    String transactionId = pay.simulator.pay().pay(outTradeNo);

    Received received = Await.result(inbox.received(0));
    WxPayNotifyV3Result notification = Await.result(pay.gateway.parsePaymentNotification(received.body(),
        WeChatGateway.signatureHeader(received.headers())));

    assertThat(notification.getRawData().getEventType()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(notification.getRawData().getResourceType()).isEqualTo("encrypt-resource");
    assertThat(notification.getRawData().getSummary()).isEqualTo("支付成功");
    assertThat(notification.getRawData().getResource().getAlgorithm()).isEqualTo("AEAD_AES_256_GCM");
    assertThat(notification.getRawData().getResource().getAssociatedData()).isEqualTo("transaction");
    WxPayNotifyV3Result.DecryptNotifyResult paid = notification.getResult();
    assertThat(paid.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(paid.getTransactionId()).isEqualTo(transactionId);
    assertThat(paid.getTradeState()).isEqualTo("SUCCESS");
    assertThat(paid.getAmount().getTotal()).isEqualTo(4200);
    assertThat(paid.getAmount().getPayerTotal()).isEqualTo(4200);
    assertThat(paid.getMchid()).isEqualTo(pay.merchant().mchId());
    assertThat(paid.getAppid()).isEqualTo(pay.gateway.appId());
    assertThat(paid.getPayer().getOpenid()).isNotBlank();
    List<NotificationDelivery> deliveries = pay.eventually(() -> pay.simulator.pay().notificationDeliveries().stream()
        .filter(delivery -> delivery.url().equals(inbox.url())).toList(), list -> !list.isEmpty());
    assertThat(deliveries).singleElement().satisfies(delivery -> {
      assertThat(delivery.status()).isEqualTo(200);
      assertThat(delivery.eventType()).isEqualTo("TRANSACTION.SUCCESS");
    });
  }

  @ParameterizedTest
  @EnumSource(PayVerification.class)
  void aNotificationWithOneByteChangedIsRefused(PayVerification verification) {
    SimulatedWeChatPay pay = pays.get(verification);
    Received received = pay.paidAndNotified(merchants.get(verification).inbox("altered"));
    String altered = WeChatPayV3Format.withOneDigitChanged(received.body());

    Throwable refused = Await.failure(pay.gateway.parsePaymentNotification(altered,
        WeChatGateway.signatureHeader(received.headers())));

    assertThat(refused).isInstanceOf(WxPayException.class).hasMessageContaining("验证失败");
    assertThat(Await.result(pay.gateway.parsePaymentNotification(received.body(),
        WeChatGateway.signatureHeader(received.headers()))).getResult()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(PayVerification.class)
  void aNotificationSignedWithAnotherKeyIsRefused(PayVerification verification) throws Exception {
    SimulatedWeChatPay pay = pays.get(verification);
    Received received = pay.paidAndNotified(merchants.get(verification).inbox("impostor"));
    SignatureHeader genuine = WeChatGateway.signatureHeader(received.headers());
    PrivateKey impostor = WeChatPayV3Format.otherKeys().getPrivate();
    String signature = WeChatPayV3Format.sign(impostor,
        genuine.getTimeStamp() + "\n" + genuine.getNonce() + "\n" + received.body() + "\n");

    Throwable refused = Await.failure(pay.gateway.parsePaymentNotification(received.body(),
        new SignatureHeader(genuine.getTimeStamp(), genuine.getNonce(), signature, genuine.getSerial())));

    assertThat(refused).isInstanceOf(WxPayException.class).hasMessageContaining("验证失败");
  }

  /**
   * WeChat Pay's genuine signature, but naming a key or certificate we were not given (see
   * {@link #serialsNotGiven}).
   */
  @ParameterizedTest
  @EnumSource(PayVerification.class)
  void aGenuineSignatureUnderASerialWeWereNotGivenIsRefused(PayVerification verification) {
    SimulatedWeChatPay pay = pays.get(verification);
    Received received = pay.paidAndNotified(merchants.get(verification).inbox("foreign-serial"));
    SignatureHeader genuine = WeChatGateway.signatureHeader(received.headers());

    List<Throwable> refused = serialsNotGiven(verification, genuine.getSerial()).stream()
        .map(serial -> Await.failure(pay.gateway.parsePaymentNotification(received.body(),
            new SignatureHeader(genuine.getTimeStamp(), genuine.getNonce(), genuine.getSignature(), serial))))
        .toList();

    assertThat(refused).allSatisfy(failure ->
        assertThat(failure).isInstanceOf(WxPayException.class).hasMessageContaining("验证失败"));
    assertThat(Await.result(pay.gateway.parsePaymentNotification(received.body(), genuine)).getResult()
        .getOutTradeNo()).isNotBlank();
  }

  /**
   * Serials that are not the one we know: one digit off, one digit longer, a public key id (a certificate merchant
   * has none), a certificate serial (a public-key merchant has none), and a public key id in lower case (key ids are
   * compared as written; a certificate serial is a hexadecimal number, so its case does not matter).
   */
  private static List<String> serialsNotGiven(PayVerification verification, String genuine) {
    List<String> serials = new ArrayList<>(List.of(oneDigitOff(genuine), genuine + "0",
        "PUB_KEY_ID_0000000000000000000000000000", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"));
    if (verification == PayVerification.PUBLIC_KEY) {
      serials.add(genuine.toLowerCase());
    }
    return serials;
  }

  private static String oneDigitOff(String serial) {
    char last = serial.charAt(serial.length() - 1);
    return serial.substring(0, serial.length() - 1) + (last == '0' ? '1' : '0');
  }
}
