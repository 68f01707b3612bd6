package app.tableloop.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import com.github.binarywang.wxpay.bean.request.WxPayRefundV3Request;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result.JsapiResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The unmodified WxJava pay client, through our gateway, against the simulated WeChat Pay API v3: ordering,
 * queries, closing, refunds (partial, full, repeated, concurrent), trade bills, and both directions of signing.
 */
class WeChatPaySimulationTest {
  private static final String DINER = "oDinerAtTable12xxxxxxxxxxxx";
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  static SimulatedWeChatPay pay;
  static MerchantNotifyUrl merchant;
  static String notifyUrl;
  static WebClient simulatorClient;
  static WebClient payHostClient;

  @BeforeAll
  static void start() {
    pay = SimulatedWeChatPay.start(WeChatPaySimulationTest.class);
    merchant = Await.result(MerchantNotifyUrl.start(pay.vertx));
    notifyUrl = merchant.inbox("payments").url();
    simulatorClient = WebClient.create(pay.vertx);
    // Requests for api.mch.weixin.qq.com through the simulator as proxy, as WxJava sends them.
    int proxyPort = pay.simulator.connection().payProxy().orElseThrow().port();
    payHostClient = WebClient.create(pay.vertx, new WebClientOptions()
        .setProxyOptions(new ProxyOptions().setType(ProxyType.HTTP).setHost("127.0.0.1").setPort(proxyPort)));
  }

  @AfterAll
  static void stop() {
    simulatorClient.close();
    payHostClient.close();
    Await.result(merchant.close());
    pay.close();
  }

  @Test
  void aJsapiOrderGivesTheMiniProgramPaymentParametersSignedByTheMerchant() throws Exception {
    JsapiResult params = Await.result(pay.gateway.createJsapiPayment(order(newOutTradeNo(), 3800)));

    assertThat(params.getAppId()).isEqualTo(pay.gateway.appId());
    assertThat(params.getPackageValue()).matches("prepay_id=wx\\w{30,}");
    assertThat(params.getSignType()).isEqualTo("RSA");
    assertThat(Long.parseLong(params.getTimeStamp())).isCloseTo(Instant.now().getEpochSecond(),
        org.assertj.core.data.Offset.offset(60L));
    PublicKey merchantKey = WeChatPayV3Format.publicKeyOf(merchantPrivateKey());
    String signed = params.getAppId() + "\n" + params.getTimeStamp() + "\n" + params.getNonceStr() + "\n"
        + params.getPackageValue() + "\n";
    assertThat(WeChatPayV3Format.verifies(merchantKey, signed, params.getPaySign())).isTrue();
    assertThat(WeChatPayV3Format.verifies(merchantKey, signed.replace("prepay_id=", "prepay_id=x"),
        params.getPaySign())).isFalse();
  }

  @Test
  void theSameOrderPlacedTwiceKeepsItsPrepayIdButDifferentTermsAreRefused() {
    String outTradeNo = newOutTradeNo();
    String first = prepayId(Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 5000))));
    String again = prepayId(Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 5000))));

    assertThat(again).isEqualTo(first);
    WxPayException changed = wxPayFailure(pay.gateway.createJsapiPayment(order(outTradeNo, 5100)));
    assertThat(changed.getErrCode()).isEqualTo("INVALID_REQUEST");
    assertThat(changed.getErrCodeDes()).contains("商户订单号重复");
  }

  @Test
  void malformedOrdersAreRefusedWithParamError() {
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(order(newOutTradeNo(), 0))).getErrCode())
        .isEqualTo("PARAM_ERROR");
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(order("short", 100))).getErrCode())
        .isEqualTo("PARAM_ERROR");
    WxPayUnifiedOrderV3Request noPayer = order(newOutTradeNo(), 100).setPayer(null);
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(noPayer)).getErrCodeDes()).contains("/payer/openid");
    WxPayUnifiedOrderV3Request dollars = order(newOutTradeNo(), 100);
    dollars.getAmount().setCurrency("USD");
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(dollars)).getErrCode()).isEqualTo("PARAM_ERROR");
    WxPayUnifiedOrderV3Request badExpiry = order(newOutTradeNo(), 100).setTimeExpire("tomorrow at noon");
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(badExpiry)).getErrCode()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void anOrderIsNotPaidUntilTheDinerPaysThenItIsSuccess() {
    String outTradeNo = newOutTradeNo();
    String prepayId = prepayId(Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 12800))));

    WxPayOrderQueryV3Result before = Await.result(pay.gateway.queryOrder(outTradeNo));
    assertThat(before.getTradeState()).isEqualTo("NOTPAY");
    assertThat(before.getTransactionId()).isNull();

    JsonObject paid = simPost("/sim/pay/pay", new JsonObject().put("prepay_id", prepayId)).bodyAsJsonObject();
    WxPayOrderQueryV3Result after = Await.result(pay.gateway.queryOrder(outTradeNo));

    assertThat(after.getTradeState()).isEqualTo("SUCCESS");
    assertThat(after.getTradeStateDesc()).isEqualTo("支付成功");
    assertThat(after.getTransactionId()).isEqualTo(paid.getString("transaction_id")).matches("4200\\d{24}");
    assertThat(after.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(after.getAppid()).isEqualTo(pay.gateway.appId());
    assertThat(after.getMchid()).isEqualTo(pay.merchant().mchId());
    assertThat(after.getTradeType()).isEqualTo("JSAPI");
    assertThat(after.getBankType()).isNotBlank();
    assertThat(after.getPayer().getOpenid()).isEqualTo(DINER);
    assertThat(after.getAmount().getTotal()).isEqualTo(12800);
    assertThat(after.getAmount().getPayerTotal()).isEqualTo(12800);
    assertThat(after.getAmount().getCurrency()).isEqualTo("CNY");
    assertThat(OffsetDateTime.parse(after.getSuccessTime()).getOffset().getId()).isEqualTo("+08:00");
    assertThat(Await.result(pay.gateway.queryOrderByTransactionId(after.getTransactionId())).getOutTradeNo())
        .isEqualTo(outTradeNo);
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(order(outTradeNo, 12800))).getErrCode())
        .isEqualTo("ORDERPAID");
    HttpResponse<Buffer> payingTwice = simPost("/sim/pay/pay", new JsonObject().put("out_trade_no", outTradeNo));
    assertThat(payingTwice.statusCode()).isEqualTo(400);
    assertThat(payingTwice.bodyAsJsonObject().getString("code")).isEqualTo("ORDERPAID");
  }

  @Test
  void anUnknownOrderIsNotFound() {
    WxPayException missing = wxPayFailure(pay.gateway.queryOrder(newOutTradeNo()));

    assertThat(missing.getErrCode()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void aClosedOrderCanNeitherBePaidNorPlacedAgain() {
    String outTradeNo = newOutTradeNo();
    Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 2000)));

    Await.result(pay.gateway.closeOrder(outTradeNo));
    Await.result(pay.gateway.closeOrder(outTradeNo));

    assertThat(Await.result(pay.gateway.queryOrder(outTradeNo)).getTradeState()).isEqualTo("CLOSED");
    assertThat(wxPayFailure(pay.gateway.createJsapiPayment(order(outTradeNo, 2000))).getErrCode())
        .isEqualTo("ORDER_CLOSED");
    HttpResponse<Buffer> paying = simPost("/sim/pay/pay", new JsonObject().put("out_trade_no", outTradeNo));
    assertThat(paying.statusCode()).isEqualTo(400);
    assertThat(paying.bodyAsJsonObject().getString("code")).isEqualTo("ORDER_CLOSED");
  }

  @Test
  void aPaidOrderCannotBeClosed() {
    String outTradeNo = paidOrder(2000);

    assertThat(wxPayFailure(pay.gateway.closeOrder(outTradeNo)).getErrCode()).isEqualTo("ORDERPAID");
    assertThat(Await.result(pay.gateway.queryOrder(outTradeNo)).getTradeState()).isEqualTo("SUCCESS");
  }

  @Test
  void aPartialThenAFullRefundSucceedAndNothingMoreCanBeRefunded() {
    String outTradeNo = paidOrder(1000);

    WxPayRefundV3Result partial = Await.result(pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 300, 1000)));
    WxPayRefundV3Result rest = Await.result(pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 700, 1000)));

    assertThat(partial.getStatus()).isEqualTo("PROCESSING");
    assertThat(partial.getRefundId()).matches("50\\d{27}");
    assertThat(partial.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(partial.getTransactionId()).isNotBlank();
    assertThat(partial.getChannel()).isEqualTo("ORIGINAL");
    assertThat(partial.getUserReceivedAccount()).isEqualTo("支付用户零钱");
    assertThat(partial.getCreateTime()).isNotBlank();
    assertThat(partial.getAmount().getRefund()).isEqualTo(300);
    assertThat(partial.getAmount().getTotal()).isEqualTo(1000);
    assertThat(partial.getAmount().getPayerRefund()).isEqualTo(300);
    assertThat(rest.getAmount().getRefund()).isEqualTo(700);
    WxPayException overRefund = wxPayFailure(pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 1, 1000)));
    assertThat(overRefund.getErrCode()).isEqualTo("INVALID_REQUEST");
    assertThat(overRefund.getErrCodeDes()).isEqualTo("申请退款金额超过订单可退金额");
    WxPayRefundQueryV3Result settled = pay.eventually(
        () -> Await.result(pay.gateway.queryRefund(partial.getOutRefundNo())),
        refund -> "SUCCESS".equals(refund.getStatus()));
    assertThat(settled.getSuccessTime()).isNotBlank();
    assertThat(settled.getRefundId()).isEqualTo(partial.getRefundId());
    assertThat(Await.result(pay.gateway.queryOrder(outTradeNo)).getTradeState()).isEqualTo("REFUND");
    assertThat(pay.simulator.pay().refundedFen(outTradeNo)).isEqualTo(1000);
  }

  @Test
  void aRefundLargerThanTheOrderOrOfAnotherTotalIsRefused() {
    String outTradeNo = paidOrder(1000);

    WxPayException tooMuch = wxPayFailure(pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 1001, 1000)));
    WxPayException wrongTotal = wxPayFailure(pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 100, 900)));
    WxPayException unknownOrder = wxPayFailure(pay.gateway.refund(refund(newOutTradeNo(), newOutRefundNo(), 1, 1)));

    assertThat(tooMuch.getErrCode()).isEqualTo("INVALID_REQUEST");
    assertThat(tooMuch.getErrCodeDes()).isEqualTo("申请退款金额超过订单可退金额");
    assertThat(wrongTotal.getErrCode()).isEqualTo("INVALID_REQUEST");
    assertThat(unknownOrder.getErrCode()).isEqualTo("RESOURCE_NOT_EXISTS");
    assertThat(pay.simulator.pay().refundedFen(outTradeNo)).isZero();
  }

  @Test
  void anUnpaidOrderCannotBeRefunded() {
    String outTradeNo = newOutTradeNo();
    Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 1000)));

    WxPayException refused = wxPayFailure(pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 100, 1000)));

    assertThat(refused.getErrCode()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void aRefundAskedAgainWithTheSameOutRefundNoIsTheSameRefund() {
    String outTradeNo = paidOrder(1000);
    String outRefundNo = newOutRefundNo();

    WxPayRefundV3Result first = Await.result(pay.gateway.refund(refund(outTradeNo, outRefundNo, 400, 1000)));
    WxPayRefundV3Result again = Await.result(pay.gateway.refund(refund(outTradeNo, outRefundNo, 400, 1000)));
    WxPayException changed = wxPayFailure(pay.gateway.refund(refund(outTradeNo, outRefundNo, 500, 1000)));

    assertThat(again.getRefundId()).isEqualTo(first.getRefundId());
    assertThat(changed.getErrCode()).isEqualTo("INVALID_REQUEST");
    assertThat(pay.simulator.pay().refundedFen(outTradeNo)).isEqualTo(400);
  }

  @Test
  void twentyConcurrentRefundsNeverRefundMoreThanWasPaid() {
    String outTradeNo = paidOrder(1000);

    List<Future<WxPayRefundV3Result>> refunds = IntStream.range(0, 20)
        .mapToObj(i -> pay.gateway.refund(refund(outTradeNo, newOutRefundNo(), 70, 1000)))
        .toList();
    Await.result(Future.join(refunds).transform(all -> Future.succeededFuture()));

    List<WxPayRefundV3Result> accepted = refunds.stream().filter(Future::succeeded).map(Future::result).toList();
    List<Throwable> refused = refunds.stream().filter(Future::failed).map(Future::cause).toList();
    assertThat(accepted).hasSize(14);
    assertThat(accepted.stream().mapToInt(refund -> refund.getAmount().getRefund()).sum()).isEqualTo(980);
    assertThat(refused).hasSize(6).allSatisfy(failure -> {
      assertThat(failure).isInstanceOf(WxPayException.class);
      assertThat(((WxPayException) failure).getErrCodeDes()).isEqualTo("申请退款金额超过订单可退金额");
    });
    assertThat(pay.simulator.pay().refundedFen(outTradeNo)).isEqualTo(980);
  }

  @Test
  void aRefundIsFoundByItsOutRefundNoAndAnUnknownOneIsNot() {
    String outTradeNo = paidOrder(600);
    String outRefundNo = newOutRefundNo();
    WxPayRefundV3Result made = Await.result(pay.gateway.refund(refund(outTradeNo, outRefundNo, 600, 600)));

    WxPayRefundQueryV3Result found = Await.result(pay.gateway.queryRefund(outRefundNo));
    WxPayException missing = wxPayFailure(pay.gateway.queryRefund(newOutRefundNo()));

    assertThat(found.getRefundId()).isEqualTo(made.getRefundId());
    assertThat(found.getOutTradeNo()).isEqualTo(outTradeNo);
    assertThat(found.getAmount().getRefund()).isEqualTo(600);
    assertThat(found.getStatus()).isIn("PROCESSING", "SUCCESS");
    assertThat(missing.getErrCode()).isEqualTo("RESOURCE_NOT_EXISTS");
  }

  @Test
  void aRequestWithoutTheMerchantsValidSignatureIsRefusedWithSignError() throws Exception {
    String url = "/v3/pay/transactions/out-trade-no/" + newOutTradeNo() + "?mchid=" + pay.merchant().mchId();
    long now = Instant.now().getEpochSecond();
    MerchantCredentials merchant = pay.merchant();
    String properly = WeChatPayV3Format.authorization(merchant.mchId(), merchant.certificateSerial(),
        merchantPrivateKey(), "GET", url, now, "n0nce", "");

    HttpResponse<Buffer> signedProperly = payHostGet(url, properly);
    HttpResponse<Buffer> otherKey = payHostGet(url, WeChatPayV3Format.authorization(merchant.mchId(),
        merchant.certificateSerial(), WeChatPayV3Format.otherKeys().getPrivate(), "GET", url, now, "n0nce", ""));
    HttpResponse<Buffer> otherUrl = payHostGet(url, WeChatPayV3Format.authorization(merchant.mchId(),
        merchant.certificateSerial(), merchantPrivateKey(), "GET", url + "0", now, "n0nce", ""));
    HttpResponse<Buffer> stale = payHostGet(url, WeChatPayV3Format.authorization(merchant.mchId(),
        merchant.certificateSerial(), merchantPrivateKey(), "GET", url, now - 600, "n0nce", ""));
    HttpResponse<Buffer> otherSerial = payHostGet(url, WeChatPayV3Format.authorization(merchant.mchId(),
        "0123456789ABCDEF", merchantPrivateKey(), "GET", url, now, "n0nce", ""));
    HttpResponse<Buffer> none = payHostGet(url, null);

    // The test's own signing is right: a properly signed request passes and meets the order rules.
    assertThat(signedProperly.statusCode()).isEqualTo(404);
    assertThat(signedProperly.bodyAsJsonObject().getString("code")).isEqualTo("ORDER_NOT_EXIST");
    for (HttpResponse<Buffer> refused : List.of(otherKey, otherUrl, stale, otherSerial, none)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("SIGN_ERROR");
      assertThat(refused.bodyAsJsonObject().getString("message")).isNotBlank();
      assertSignedByWeChatPay(refused);
    }
  }

  @Test
  void aResponseChangedAfterSigningIsRefusedByWxJava() {
    String outTradeNo = newOutTradeNo();
    Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 990)));

    pay.simulator.pay().tamperNextResponse();
    Throwable refused = Await.failure(pay.gateway.queryOrder(outTradeNo));

    // WxJava's own words, on the HTTP client's exception that its WxPayException wraps.
    assertThat(refused).isInstanceOf(WxPayException.class).rootCause().hasMessageContaining("签名验证失败");
    assertThat(Await.result(pay.gateway.queryOrder(outTradeNo)).getTradeState()).isEqualTo("NOTPAY");
  }

  @Test
  void theTradeBillOfADayListsItsPaymentsAndRefundsFromTenTheNextMorning() {
    // WeChat Pay's records of two days ago: the diner paid, and part was refunded, while the simulator's clock was
    // set back (only for what is done in Java or completes on its own: signed requests go at the right time).
    Duration ago = Duration.ofDays(2);
    String outTradeNo = newOutTradeNo();
    Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, 2580)));
    String outRefundNo = newOutRefundNo();
    pay.clock.advance(ago.negated());
    try {
      pay.simulator.pay().pay(outTradeNo);
    } finally {
      pay.clock.advance(ago);
    }
    pay.simulator.pay().refundProcessingTime(Duration.ofMillis(100));
    Await.result(pay.gateway.refund(refund(outTradeNo, outRefundNo, 580, 2580)));
    pay.clock.advance(ago.negated());
    try {
      Await.result(pay.vertx.timer(1000));
    } finally {
      pay.clock.advance(ago);
      pay.simulator.pay().refundProcessingTime(Duration.ZERO);
    }
    assertThat(Await.result(pay.gateway.queryRefund(outRefundNo)).getStatus()).isEqualTo("SUCCESS");
    WxPayOrderQueryV3Result paid = Await.result(pay.gateway.queryOrder(outTradeNo));
    LocalDate day = OffsetDateTime.parse(paid.getSuccessTime()).toLocalDate();
    ZonedDateTime now = ZonedDateTime.now(CHINA);
    assertThat(day).isEqualTo(now.toLocalDate().minusDays(2));

    String bill = Await.result(pay.gateway.downloadTradeBill(day)).text();
    assertThat(Await.result(pay.gateway.downloadTradeBill(now.toLocalDate())).status()).as("none for today")
        .isEqualTo(TradeBillAnswer.Status.NO_TRADES);
    assertThat(Await.result(pay.gateway.downloadTradeBill(day.plusDays(1))).status())
        .as("yesterday's is being made until 10:00; after, a day without trades has none")
        .isEqualTo(now.getHour() < 10 ? TradeBillAnswer.Status.NOT_YET_ISSUED : TradeBillAnswer.Status.NO_TRADES);

    List<String> lines = bill.lines().toList();
    assertThat(lines.get(0)).startsWith("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态");
    String payment = lines.stream().filter(line -> line.contains("`" + outTradeNo + ",") && line.contains("`SUCCESS"))
        .findFirst().orElseThrow();
    assertThat(payment.split(",")).allMatch(field -> field.startsWith("`"));
    assertThat(payment).contains("`" + paid.getTransactionId() + ",", "`" + pay.gateway.appId() + ",",
        "`" + pay.merchant().mchId() + ",", "`" + DINER + ",", "`JSAPI,", "`CNY,", "`25.80,");
    String refundLine = lines.stream().filter(line -> line.contains("`" + outRefundNo + ",")).findFirst()
        .orElseThrow();
    assertThat(refundLine).contains("`REFUND,", "`5.80,", "`ORIGINAL,");
    assertThat(lines).contains("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额");
    assertThat(lines.get(lines.size() - 1)).matches("(`-?\\d+(\\.\\d{2})?,){6}`\\d+\\.\\d{2}");
    pay.simulator.pay().failNextRequest();
    assertThat(wxPayFailure(pay.gateway.downloadTradeBill(day.minusDays(1))).getErrCode()).isEqualTo("SYSTEM_ERROR");
  }

  // --- fixtures ---

  private static String paidOrder(long totalFen) {
    String outTradeNo = newOutTradeNo();
    Await.result(pay.gateway.createJsapiPayment(order(outTradeNo, totalFen)));
    pay.simulator.pay().pay(outTradeNo);
    return outTradeNo;
  }

  static WxPayUnifiedOrderV3Request order(String outTradeNo, long totalFen) {
    WxPayUnifiedOrderV3Request.Amount amount = new WxPayUnifiedOrderV3Request.Amount();
    amount.setTotal((int) totalFen);
    amount.setCurrency("CNY");
    WxPayUnifiedOrderV3Request.Payer payer = new WxPayUnifiedOrderV3Request.Payer();
    payer.setOpenid(DINER);
    return new WxPayUnifiedOrderV3Request().setDescription("桌台 12 - 午市点餐").setOutTradeNo(outTradeNo)
        .setNotifyUrl(notifyUrl).setAmount(amount).setPayer(payer);
  }

  static WxPayRefundV3Request refund(String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
    WxPayRefundV3Request.Amount amount = new WxPayRefundV3Request.Amount();
    amount.setRefund((int) refundFen);
    amount.setTotal((int) totalFen);
    amount.setCurrency("CNY");
    return new WxPayRefundV3Request().setOutTradeNo(outTradeNo).setOutRefundNo(outRefundNo).setReason("菜品售罄")
        .setAmount(amount);
  }

  static String newOutTradeNo() {
    return "TL" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  static String newOutRefundNo() {
    return "RF" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  private static String prepayId(JsapiResult params) {
    return params.getPackageValue().substring("prepay_id=".length());
  }

  private static PrivateKey merchantPrivateKey() throws Exception {
    return WeChatPayV3Format.privateKey(pay.merchant().privateKeyPem());
  }

  private static WxPayException wxPayFailure(Future<?> call) {
    Throwable failure = Await.failure(call);
    assertThat(failure).isInstanceOf(WxPayException.class);
    return (WxPayException) failure;
  }

  private static HttpResponse<Buffer> simPost(String path, JsonObject body) {
    return Await.result(simulatorClient.postAbs(pay.simulator.baseUrl() + path).sendJsonObject(body));
  }

  private static HttpResponse<Buffer> payHostGet(String canonicalUrl, String authorization) {
    var request = payHostClient.requestAbs(HttpMethod.GET, "http://api.mch.weixin.qq.com" + canonicalUrl)
        .putHeader("Accept", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(request.send());
  }

  /** Errors too carry WeChat Pay's signature over timestamp, nonce and body. */
  private static void assertSignedByWeChatPay(HttpResponse<Buffer> response) throws Exception {
    MultiMap headers = response.headers();
    assertThat(headers.get("Wechatpay-Serial")).isEqualTo(pay.payPublicKey().id()).startsWith("PUB_KEY_ID_");
    assertThat(headers.get("Request-ID")).isNotBlank();
    String message = headers.get("Wechatpay-Timestamp") + "\n" + headers.get("Wechatpay-Nonce") + "\n"
        + response.bodyAsString() + "\n";
    assertThat(WeChatPayV3Format.verifies(WeChatPayV3Format.publicKey(pay.payPublicKey().pem()), message,
        headers.get("Wechatpay-Signature"))).isTrue();
  }
}
