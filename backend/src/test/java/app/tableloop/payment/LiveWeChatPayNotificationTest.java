package app.tableloop.payment;

import static app.tableloop.testing.Responses.refusedNotification;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.RunningService;
import app.tableloop.wechat.Pem;
import app.tableloop.wechat.WeChatPayV3Format;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service configured for live WeChat Pay, as a merchant deploys it, with keys made here: a notification built
 * from WeChat Pay's published v3 format, signed with the key whose public half the service was given and encrypted
 * under its API v3 key, is accepted; nothing else is. No simulator runs, and nothing reaches out to WeChat Pay.
 */
class LiveWeChatPayNotificationTest {
  private static final String MCH_ID = "1900000109";
  private static final String APP_ID = "wx8888888888888888";
  private static final String API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ01";
  private static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092025112100000000";
  private static final String NOTIFY = "/api/v1/payments/wechat/notify";

  @TempDir
  static Path keys;
  static KeyPair weChatPay;
  static RunningService service;

  @BeforeAll
  static void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    weChatPay = generator.generateKeyPair();
    Path merchantKey = Files.writeString(keys.resolve("apiclient_key.pem"),
        Pem.encode("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
    Path payPublicKey = Files.writeString(keys.resolve("pub_key.pem"),
        Pem.encode("PUBLIC KEY", weChatPay.getPublic().getEncoded()));
    service = RunningService.startLive(LiveWeChatPayNotificationTest.class, Map.of(
        "WECHAT_APP_ID", APP_ID,
        "WECHAT_APP_SECRET", "app-secret-of-the-test",
        "WECHAT_PAY_MCH_ID", MCH_ID,
        "WECHAT_PAY_PRIVATE_KEY_FILE", merchantKey.toString(),
        "WECHAT_PAY_CERT_SERIAL", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
        "WECHAT_PAY_API_V3_KEY", API_V3_KEY,
        "WECHAT_PAY_PUBLIC_KEY_ID", PUBLIC_KEY_ID,
        "WECHAT_PAY_PUBLIC_KEY_FILE", payPublicKey.toString()));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aNotificationInWeChatPaysPublishedFormatIsAcceptedAndAnAlteredOrForeignOneIsNot() throws Exception {
    String outTradeNo = "TLlive" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String notificationId = UUID.randomUUID().toString();
    String body = WeChatPayV3Format.paymentNotification(notificationId, API_V3_KEY,
        WeChatPayV3Format.successfulTransaction(APP_ID, MCH_ID, outTradeNo, "4200002011202511210000000001", 2800,
            WeChatPayV3Format.now(), "oLivePayer00000000000000000"));
    long now = Instant.now().getEpochSecond();
    MultiMap genuine = WeChatPayV3Format.signedHeaders(weChatPay.getPrivate(), PUBLIC_KEY_ID, now, body);

    assertThat(refusedNotification(service.postRaw(NOTIFY, genuine, body.replace("支付成功", "支付失败")), 401))
        .isEqualTo("通知的签名验证失败");
    assertThat(refusedNotification(service.postRaw(NOTIFY, WeChatPayV3Format.signedHeaders(
        WeChatPayV3Format.otherKeys().getPrivate(), PUBLIC_KEY_ID, now, body), body), 401))
        .isEqualTo("通知的签名验证失败");
    // Signed with WeChat Pay's key, but naming a key (or a certificate) we were not given: as good as unsigned.
    for (String foreignSerial : new String[] {"PUB_KEY_ID_0119000001092025112100000001",
        "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"}) {
      MultiMap foreign = MultiMap.caseInsensitiveMultiMap().addAll(genuine).set("Wechatpay-Serial", foreignSerial);
      assertThat(refusedNotification(service.postRaw(NOTIFY, foreign, body), 401)).isEqualTo("通知的签名验证失败");
    }
    assertThat(refusedNotification(service.postRaw(NOTIFY, WeChatPayV3Format.signedHeaders(weChatPay.getPrivate(),
        PUBLIC_KEY_ID, now - 6 * 60, body), body), 401)).startsWith("通知的时间戳");
    assertThat(service.env().count("SELECT count(*) FROM unmatched_notifications")).isZero();

    HttpResponse<Buffer> accepted = service.postRaw(NOTIFY, genuine, body);
    HttpResponse<Buffer> again = service.postRaw(NOTIFY, genuine, body);

    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    // It names no payment of ours: kept, once, for reconciliation.
    assertThat(service.env().count("SELECT count(*) FROM unmatched_notifications WHERE notification_id = '"
        + notificationId + "' AND out_trade_no = '" + outTradeNo + "' AND amount_fen = 2800 AND mch_id = '" + MCH_ID
        + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM unmatched_notifications")).isEqualTo(1);
  }
}
