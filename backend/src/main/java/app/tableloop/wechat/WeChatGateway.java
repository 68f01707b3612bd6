package app.tableloop.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.bean.WxMaPhoneNumberInfo;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import com.github.binarywang.wxpay.bean.request.WxPayApplyTradeBillV3Request;
import com.github.binarywang.wxpay.bean.request.WxPayRefundV3Request;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayApplyBillV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result;
import com.github.binarywang.wxpay.bean.result.enums.TradeTypeEnum;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.error.WxError;
import me.chanjar.weixin.common.error.WxErrorException;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one seam between TableLoop and WeChat. It owns WxJava's clients and runs their blocking calls on a bounded
 * worker pool, never on an event loop, each bounded in time. The same code talks to live WeChat or to the simulator;
 * only the {@link WeChatConnection} differs. Failures are WxJava's own exceptions (with WeChat's error code).
 */
public final class WeChatGateway {
  /** WeChat's answer (version 1 of the content check) to risky content. */
  private static final int RISKY_CONTENT = 87014;
  private static final Logger LOG = LoggerFactory.getLogger(WeChatGateway.class);
  /**
   * A URL's query and all that follows: a code with a space in it would leave part of the query past the space, and
   * WxJava's parameters come in no fixed order.
   */
  private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?#]*)[?#].*", Pattern.DOTALL);
  /** A platform certificate's serial number, in hex (WeChat Pay's have 40 digits). */
  private static final Pattern CERTIFICATE_SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");
  /** WeChat's errcode for a login code it does not know. */
  private static final int INVALID_CODE = 40029;
  /** WeChat Pay's answers when it has no trade bill for a day: none (no trades) and not made yet. */
  private static final String NO_STATEMENT_EXIST = "NO_STATEMENT_EXIST";
  private static final String STATEMENT_CREATING = "STATEMENT_CREATING";
  private final WxMaService miniProgram;
  private final WxPayService pay;
  private final WorkerExecutor workers;
  private final Duration timeout;
  private final WeChatConnection connection;
  private final SubscribeTemplates subscribeTemplates;

  private WeChatGateway(WxMaService miniProgram, WxPayService pay, WorkerExecutor workers, Duration timeout,
                        WeChatConnection connection, SubscribeTemplates subscribeTemplates) {
    this.miniProgram = miniProgram;
    this.pay = pay;
    this.workers = workers;
    this.timeout = timeout;
    this.connection = connection;
    this.subscribeTemplates = subscribeTemplates;
  }

  public static WeChatGateway create(Vertx vertx, RedissonClient redisson, WeChatConnection connection,
                                     WeChatSettings settings) {
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("wechat-gateway", settings.workers(),
        settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    return new WeChatGateway(WeChatClients.miniProgram(connection, redisson, settings.timeout()),
        WeChatClients.pay(connection, settings.timeout()), workers, settings.timeout(), connection,
        settings.subscribeTemplates());
  }

  public String appId() {
    return connection.appId();
  }

  /** The WeChat Pay merchant id payments are made to. */
  public String mchId() {
    return connection.merchant().mchId();
  }

  /**
   * Exchanges a {@code wx.login} code for the user's openid (and unionid, when the app has one). A malformed code is
   * refused here as WeChat refuses an unknown one (40029), without calling WeChat: WxJava joins the code into the
   * jscode2session query string unescaped, beside the AppSecret, so the format check is what keeps a hostile code
   * from adding parameters; the characters it allows are the same whether escaped or not.
   */
  public Future<WxMaJscode2SessionResult> codeToSession(String code) {
    if (!LoginCodeFormat.isWellFormed(code)) {
      return Future.failedFuture(new WxErrorException(
          WxError.builder().errorCode(INVALID_CODE).errorMsg("invalid code").build()));
    }
    return call(() -> miniProgram.getUserService().getSessionInfo(code));
  }

  /** An unlimited mini-program code (PNG) that opens {@code page} with {@code scene} (at most 32 characters). */
  public Future<byte[]> unlimitedCode(String scene, String page, int width) {
    return call(() -> miniProgram.getQrcodeService().createWxaCodeUnlimitBytes(scene, page, true, "release", width,
        true, null, false));
  }

  /** The transactional subscribe-message templates diners may be asked to accept. */
  public SubscribeTemplates subscribeTemplates() {
    return subscribeTemplates;
  }

  /**
   * Sends a subscribe message the diner accepted. Fails with WxJava's exception carrying WeChat's errcode: 43101 when
   * the diner has no acceptance of the template left (spent, or never given).
   */
  public Future<Void> sendSubscribeMessage(WxMaSubscribeMessage message) {
    return call(() -> {
      miniProgram.getMsgService().sendSubscribeMsg(message);
      return null;
    });
  }

  /** The phone number a user agreed to share (the code from {@code getPhoneNumber}). */
  public Future<WxMaPhoneNumberInfo> phoneNumber(String code) {
    return call(() -> miniProgram.getUserService().getPhoneNoInfo(code));
  }

  /** Where user-written text will be read, as WeChat's content check tells its scenes apart. */
  public enum TextScene {
    PROFILE(1), COMMENT(2);

    private final int code;

    TextScene(int code) {
      this.code = code;
    }
  }

  /**
   * Whether WeChat's content check (msg_sec_check, version 2) passes text that {@code openId} wrote for others to
   * read: false when WeChat flags it; a failed future when WeChat cannot be asked.
   */
  public Future<Boolean> textPasses(String openId, String text, TextScene scene) {
    WxMaMsgSecCheckCheckRequest request = WxMaMsgSecCheckCheckRequest.builder()
        .version("2").openid(openId).scene(scene.code).content(text).build();
    return call(() -> miniProgram.getSecurityService().checkMessage(request))
        .map(verdict -> verdict.getResult() != null && "pass".equals(verdict.getResult().getSuggest()))
        .recover(failure -> failure instanceof WxErrorException wechat && wechat.getError() != null
            && wechat.getError().getErrorCode() == RISKY_CONTENT ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /**
   * Runs a blocking WxJava call on the gateway's worker pool, failing it if it takes longer than the timeout. WxJava
   * logs only its errors (its URLs carry the AppSecret and tokens), so failures are logged here, by WeChat's code.
   */
  private <T> Future<T> call(Callable<T> blocking) {
    return workers.executeBlocking(blocking, false)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .onFailure(failure -> LOG.warn("WeChat call failed: {}", describe(failure)));
  }

  /**
   * What went wrong, without the URL WxJava was calling: its exception messages quote it whole, AppSecret, login
   * code and access token included (an unescapable code, a refused connection).
   */
  private static String describe(Throwable failure) {
    if (failure instanceof WxErrorException wechat && wechat.getError() != null) {
      return "errcode " + wechat.getError().getErrorCode() + " (" + wechat.getError().getErrorMsg() + ")";
    }
    if (failure instanceof WxPayException payment) {
      return "WeChat Pay " + Objects.requireNonNullElse(payment.getErrCode(), "error") + " ("
          + Objects.requireNonNullElseGet(payment.getErrCodeDes(), () -> firstMessage(payment)) + ")";
    }
    return failure.getClass().getSimpleName() + ": " + firstMessage(failure);
  }

  /**
   * A refused signature or certificate download has its words only on the exception WxJava wraps. A URL in them is
   * cut before its query, where WeChat's credentials travel.
   */
  private static String firstMessage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        return URL_QUERY.matcher(cause.getMessage()).replaceAll("$1?…");
      }
    }
    return failure.getClass().getSimpleName();
  }

  public Future<Void> close() {
    return workers.close();
  }

  // --- WeChat Pay API v3 ---

  /**
   * Places a JSAPI order and answers what the mini-program passes to {@code wx.requestPayment}: timeStamp, nonceStr,
   * package ({@code prepay_id=...}), signType RSA and paySign, signed with the merchant's key. AppID and merchant id
   * default to this connection's. Placing the same order again answers the same prepay_id.
   */
  public Future<WxPayUnifiedOrderV3Result.JsapiResult> createJsapiPayment(WxPayUnifiedOrderV3Request request) {
    return call(() -> pay.<WxPayUnifiedOrderV3Result.JsapiResult>createOrderV3(TradeTypeEnum.JSAPI, request));
  }

  public Future<WxPayOrderQueryV3Result> queryOrder(String outTradeNo) {
    return call(() -> pay.queryOrderV3(null, outTradeNo));
  }

  public Future<WxPayOrderQueryV3Result> queryOrderByTransactionId(String transactionId) {
    return call(() -> pay.queryOrderV3(transactionId, null));
  }

  /** Closes an unpaid order, so that it can no longer be paid; a paid one fails with ORDERPAID. */
  public Future<Void> closeOrder(String outTradeNo) {
    return call(() -> {
      pay.closeOrderV3(outTradeNo);
      return null;
    });
  }

  /** Applies for a refund; WeChat Pay answers PROCESSING and notifies the result. Repeatable by out_refund_no. */
  public Future<WxPayRefundV3Result> refund(WxPayRefundV3Request request) {
    return call(() -> pay.refundV3(request));
  }

  public Future<WxPayRefundQueryV3Result> queryRefund(String outRefundNo) {
    return call(() -> pay.refundQueryV3(outRefundNo));
  }

  /** The Wechatpay-* headers of a notification request, to pass with its body to the parse methods below. */
  public static SignatureHeader signatureHeader(MultiMap headers) {
    return new SignatureHeader(headers.get("Wechatpay-Timestamp"), headers.get("Wechatpay-Nonce"),
        headers.get("Wechatpay-Signature"), headers.get("Wechatpay-Serial"));
  }

  /**
   * Verifies a payment notification's signature against the exact body received and decrypts its transaction.
   * Fails (WxPayException) when a signature header is missing, the signature does not hold, or the resource is not
   * a transaction.
   */
  public Future<WxPayNotifyV3Result> parsePaymentNotification(String body, SignatureHeader header) {
    return verifiedNotification(header).compose(ok -> call(() -> {
      WxPayNotifyV3Result result = pay.parseOrderNotifyV3Result(body, header);
      requireResourceType(result.getRawData().getResource().getOriginalType(), "transaction");
      return result;
    }));
  }

  /** As {@link #parsePaymentNotification}, for refund notifications (REFUND.SUCCESS, .ABNORMAL, .CLOSED). */
  public Future<WxPayRefundNotifyV3Result> parseRefundNotification(String body, SignatureHeader header) {
    return verifiedNotification(header).compose(ok -> call(() -> {
      WxPayRefundNotifyV3Result result = pay.parseRefundNotifyV3Result(body, header);
      requireResourceType(result.getRawData().getResource().getOriginalType(), "refund");
      return result;
    }));
  }

  /**
   * The China date's trade bill (all payments and refunds) as WeChat Pay's text, checked against its signed SHA1; or,
   * without a warning, that WeChat Pay has none for the day or is still making it.
   */
  public Future<TradeBillAnswer> downloadTradeBill(LocalDate day) {
    return call(() -> {
      WxPayApplyTradeBillV3Request request = new WxPayApplyTradeBillV3Request();
      request.setBillDate(day.toString());
      request.setBillType("ALL");
      WxPayApplyBillV3Result bill;
      try {
        bill = pay.applyTradeBill(request);
      } catch (WxPayException e) {
        if (NO_STATEMENT_EXIST.equals(e.getErrCode())) {
          return TradeBillAnswer.none(TradeBillAnswer.Status.NO_TRADES);
        }
        if (STATEMENT_CREATING.equals(e.getErrCode())) {
          return TradeBillAnswer.none(TradeBillAnswer.Status.NOT_YET_ISSUED);
        }
        throw e;
      }
      byte[] content;
      try (InputStream in = pay.downloadBill(bill.getDownloadUrl())) {
        content = in.readAllBytes();
      }
      String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
      if (!"SHA1".equalsIgnoreCase(bill.getHashType()) || !sha1.equalsIgnoreCase(bill.getHashValue())) {
        throw new WxPayException("账单文件与微信支付给出的 SHA1 摘要不符");
      }
      return TradeBillAnswer.issued(new String(content, StandardCharsets.UTF_8));
    });
  }

  /**
   * WxJava skips the signature check when given no header, so a notification without one is refused here. So is one
   * whose serial names a key we do not have (the serial is not under the signature): with a public key, WxJava
   * verifies any serial with it, so the serial must be its id; without one, WxJava verifies with the platform
   * certificate the serial names and refuses a serial it holds no certificate for, so the serial must be a
   * certificate serial (WxJava would throw on anything but hex digits).
   */
  private Future<Void> verifiedNotification(SignatureHeader header) {
    if (header == null || isBlank(header.getTimeStamp()) || isBlank(header.getNonce())
        || isBlank(header.getSignature()) || isBlank(header.getSerial())) {
      return Future.failedFuture(new WxPayException("通知缺少微信支付签名头（Wechatpay-Timestamp、Nonce、Signature、Serial）"));
    }
    boolean ours = connection.merchant().payPublicKey().map(key -> key.id().equals(header.getSerial()))
        .orElseGet(() -> CERTIFICATE_SERIAL.matcher(header.getSerial()).matches());
    if (!ours) {
      return Future.failedFuture(new WxPayException("通知的 Wechatpay-Serial 不是我们持有的微信支付公钥或平台证书，验证失败"));
    }
    return Future.succeededFuture();
  }

  private static void requireResourceType(String actual, String expected) throws WxPayException {
    if (!expected.equals(actual)) {
      throw new WxPayException("通知的资源类型是 " + actual + "，不是 " + expected);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
