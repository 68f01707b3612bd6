package app.tableloop.wechat;

import static app.tableloop.wechat.WeChatPaySimulationTest.newOutTradeNo;
import static app.tableloop.wechat.WeChatPaySimulationTest.order;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.wechat.MerchantNotifyUrl.Received;
import app.tableloop.wechat.simulator.SimulatorSettings;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result.JsapiResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WeChat Pay for a merchant without a WeChat Pay public key: the unmodified WxJava downloads the platform certificate
 * from the simulator's {@code /v3/certificates}, decrypts it with the API v3 key, and verifies answers and
 * notifications with it, refusing answers altered on the way. Its notifications pass the same checks as in public-key
 * mode ({@link WeChatPayNotificationVerificationTest}).
 */
class WeChatPayPlatformCertificateTest {
  static SimulatedWeChatPay pay;
  static MerchantNotifyUrl merchant;
  static WebClient payHostClient;

  @BeforeAll
  static void start() {
    pay = SimulatedWeChatPay.start(WeChatPayPlatformCertificateTest.class,
        SimulatorSettings.PayVerification.PLATFORM_CERTIFICATE);
    merchant = Await.result(MerchantNotifyUrl.start(pay.vertx));
    int proxyPort = pay.simulator.connection().payProxy().orElseThrow().port();
    payHostClient = WebClient.create(pay.vertx, new WebClientOptions()
        .setProxyOptions(new ProxyOptions().setType(ProxyType.HTTP).setHost("127.0.0.1").setPort(proxyPort)));
  }

  @AfterAll
  static void stop() {
    payHostClient.close();
    Await.result(merchant.close());
    pay.close();
  }

  @Test
  void theCertificateIsListedEncryptedWithTheApiV3KeyAndTheListingIsSignedWithIt() throws Exception {
    HttpResponse<Buffer> listing = certificates();
    JsonObject entry = listing.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
    JsonObject encrypted = entry.getJsonObject("encrypt_certificate");
    X509Certificate certificate = WeChatPayV3Format.certificate(WeChatPayV3Format.decrypt(pay.merchant().apiV3Key(),
        encrypted.getString("nonce"), encrypted.getString("associated_data"), encrypted.getString("ciphertext")));

    assertThat(pay.merchant().payPublicKey()).isEmpty();
    assertThat(listing.statusCode()).isEqualTo(200);
    assertThat(encrypted.getString("algorithm")).isEqualTo("AEAD_AES_256_GCM");
    assertThat(encrypted.getString("associated_data")).isEqualTo("certificate");
    assertThat(entry.getString("serial_no")).matches("[0-9A-F]{40}")
        .isEqualTo(certificate.getSerialNumber().toString(16).toUpperCase());
    assertThat(certificate.getPublicKey())
        .isEqualTo(WeChatPayV3Format.publicKeyOf(pay.simulator.pay().platformPrivateKey()));
    certificate.checkValidity();
    assertThat(OffsetDateTime.parse(entry.getString("effective_time")).toInstant())
        .isEqualTo(certificate.getNotBefore().toInstant());
    assertThat(OffsetDateTime.parse(entry.getString("expire_time")).toInstant())
        .isEqualTo(certificate.getNotAfter().toInstant());
    assertThat(listing.getHeader("Wechatpay-Serial")).isEqualTo(entry.getString("serial_no"));
    assertThat(WeChatPayV3Format.verifies(certificate.getPublicKey(), listing.getHeader("Wechatpay-Timestamp") + "\n"
        + listing.getHeader("Wechatpay-Nonce") + "\n" + listing.bodyAsString() + "\n",
        listing.getHeader("Wechatpay-Signature"))).isTrue();
  }

  @Test
  void anOrderIsPlacedAndQueriedThroughWxJavaVerifyingWithTheCertificate() {
    String outTradeNo = newOutTradeNo();
    JsapiResult params = Await.result(pay.gateway.createJsapiPayment(
        order(outTradeNo, 2600).setNotifyUrl(merchant.inbox("round-trip").url())));
    WxPayOrderQueryV3Result unpaid = Await.result(pay.gateway.queryOrder(outTradeNo));
    pay.simulator.pay().pay(outTradeNo);

    WxPayOrderQueryV3Result paid = Await.result(pay.gateway.queryOrder(outTradeNo));

    assertThat(params.getPackageValue()).startsWith("prepay_id=");
    assertThat(unpaid.getTradeState()).isEqualTo("NOTPAY");
    assertThat(paid.getTradeState()).isEqualTo("SUCCESS");
    assertThat(paid.getAmount().getTotal()).isEqualTo(2600);
  }

  @Test
  void anAnswerChangedAfterSigningIsRefused() {
    String outTradeNo = pay.placedOrder(merchant.inbox("tampered"), 990);

    pay.simulator.pay().tamperNextResponse();
    Throwable refused = Await.failure(pay.gateway.queryOrder(outTradeNo));

    assertThat(refused).isInstanceOf(WxPayException.class).rootCause().hasMessageContaining("签名验证失败");
    assertThat(Await.result(pay.gateway.queryOrder(outTradeNo)).getTradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void aNotificationNamesTheListedCertificate() throws Exception {
    Received received = pay.paidAndNotified(merchant.inbox("named-certificate"));

    assertThat(received.headers().get("Wechatpay-Serial")).isEqualTo(listedSerial());
  }

  // --- fixtures ---

  private static String listedSerial() throws Exception {
    return certificates().bodyAsJsonObject().getJsonArray("data").getJsonObject(0).getString("serial_no");
  }

  /** GET /v3/certificates as the merchant asks for it, signed with its key. */
  private static HttpResponse<Buffer> certificates() throws Exception {
    MerchantCredentials credentials = pay.merchant();
    String authorization = WeChatPayV3Format.authorization(credentials.mchId(), credentials.certificateSerial(),
        WeChatPayV3Format.privateKey(credentials.privateKeyPem()), "GET", "/v3/certificates",
        Instant.now().getEpochSecond(), "c3rtN0nce", "");
    return Await.result(payHostClient.requestAbs(HttpMethod.GET, "http://api.mch.weixin.qq.com/v3/certificates")
        .putHeader("Accept", "application/json").putHeader("Authorization", authorization).send());
  }
}
