package app.tableloop.wechat.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WeChat Pay API v3 as the simulator answers it: JSAPI orders, queries, closing, refunds and trade bills, every request
 * checked for the merchant's signature and every answer signed with WeChat Pay's key; payment and refund results
 * notified to the merchant's notify_url, encrypted and signed, with WeChat Pay's retries. The diner's side (paying)
 * and the knobs tests need are Java methods here and {@code /sim/pay/...} endpoints.
 */
public final class PaySimulation {
  private final Vertx vertx;
  private final SimulatedAccount account;
  private final Clock clock;
  private final MerchantAuthentication authentication;
  private final SignedReplies replies;
  private final PayLedger ledger;
  private final PayNotifier notifier;
  private volatile Duration refundProcessingTime = Duration.ZERO;
  private final AtomicInteger failingRequests = new AtomicInteger();

  PaySimulation(Vertx vertx, SimulatedAccount account, SimulatorSettings settings, Clock clock, PayJournal journal) {
    this.vertx = vertx;
    this.account = account;
    this.clock = clock;
    PlatformSigner signer = new PlatformSigner(vertx, account, clock);
    this.authentication = new MerchantAuthentication(account, clock);
    this.replies = new SignedReplies(signer);
    this.ledger = new PayLedger(clock, journal);
    this.notifier = new PayNotifier(vertx, account, signer, settings.notifyRetryDelays(), clock);
  }

  void mount(Router router) {
    router.route("/v3/*").handler(this::authenticate);
    new CertificateEndpoint(account, replies).mount(router);
    router.route("/v3/*").handler(rc -> {
      if (failingRequests.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        replies.reject(rc, PayRejection.of(500, "SYSTEM_ERROR", "系统繁忙，请稍后重试"));
      } else {
        rc.next();
      }
    });
    new TransactionEndpoints(account, ledger, replies).mount(router);
    new RefundEndpoints(ledger, replies, this::completeLater).mount(router);
    new BillEndpoints(account, ledger, replies, clock).mount(router);
    router.route("/v3/*").handler(rc -> replies.reject(rc, PayRejection.of(404, "NOT_FOUND", "请求的资源不存在")));
    new PayControlEndpoints(this, ledger, account.mchId).mount(router);
    // Refunds a restart interrupted go on to succeed, as WeChat Pay's would have meanwhile.
    ledger.refunds().stream().filter(refund -> refund.status() == PayRefund.Status.PROCESSING)
        .forEach(this::completeLater);
  }

  // --- what the diner does ---

  /**
   * The diner pays the order in WeChat: it becomes SUCCESS and the TRANSACTION.SUCCESS notification goes to its
   * notify_url. Returns the transaction_id.
   *
   * @throws IllegalStateException with WeChat Pay's code when the order cannot be paid (unknown, paid, closed, expired)
   */
  public String pay(String outTradeNo) {
    Outcome<PayOrder> paid = settle(outTradeNo);
    if (paid instanceof Outcome.Rejected<PayOrder> rejected) {
      throw new IllegalStateException(rejected.rejection().code() + ": " + rejected.rejection().message());
    }
    return ((Outcome.Accepted<PayOrder>) paid).value().transactionId();
  }

  /** {@link #pay} by the prepay_id the mini-program got, as wx.requestPayment knows the order. */
  public String payPrepay(String prepayId) {
    return pay(ledger.orderByPrepayId(prepayId)
        .orElseThrow(() -> new IllegalStateException("ORDER_NOT_EXIST: prepay_id 不存在")).outTradeNo());
  }

  Outcome<PayOrder> settle(String outTradeNo) {
    Outcome<PayOrder> paid = ledger.pay(outTradeNo);
    if (paid instanceof Outcome.Accepted<PayOrder> accepted) {
      PayOrder order = accepted.value();
      notifier.send(order.terms().notifyUrl(), "TRANSACTION.SUCCESS", "支付成功", "transaction",
          PayJson.transaction(order, account.mchId));
    }
    return paid;
  }

  // --- inspection ---

  /** The order as WeChat Pay's order query would answer it. */
  public Optional<JsonObject> transaction(String outTradeNo) {
    return ledger.order(outTradeNo).map(order -> PayJson.transaction(order, account.mchId));
  }

  /** Fen refunded or being refunded from the order (0 for an unknown one). */
  public long refundedFen(String outTradeNo) {
    return ledger.order(outTradeNo).map(PayOrder::refunded).orElse(0L);
  }

  public List<NotificationDelivery> notificationDeliveries() {
    return notifier.deliveries();
  }

  /**
   * WeChat Pay's own private key. Only for tests that build a notification themselves, independently of the
   * simulator, to show the merchant side accepts exactly what WeChat Pay's documented format produces.
   */
  public PrivateKey platformPrivateKey() {
    return account.platformKeys.getPrivate();
  }

  // --- knobs ---

  /** The next successful API answer gets its body changed after signing, so the client must refuse it. */
  public void tamperNextResponse() {
    replies.tamperNextBody();
  }

  /**
   * The next API request is answered 500 SYSTEM_ERROR without being carried out, as when WeChat Pay is overloaded:
   * the merchant must ask again with the same parameters.
   */
  public void failNextRequest() {
    failNextRequests(1);
  }

  /** As {@link #failNextRequest()}, for the next {@code count} requests: WeChat Pay unreachable for a while. */
  public void failNextRequests(int count) {
    failingRequests.set(count);
  }

  /** The next notification is sent {@code copies} more times after it has been delivered (each with retries). */
  public void repeatNextNotification(int copies) {
    notifier.repeatNext(copies);
  }

  public void delayNextNotification(Duration delay) {
    notifier.delayNext(delay);
  }

  /** While holding, notifications wait to be released one by one, in any order. */
  public void holdNotifications(boolean hold) {
    notifier.hold(hold);
  }

  /** Ids of the held notifications, oldest first. */
  public List<String> heldNotifications() {
    return notifier.held();
  }

  /** The same, once each held notification is signed and ready to go. */
  Future<List<String>> heldNotificationsOnceSigned() {
    return notifier.heldOnceSigned();
  }

  /** Sends one held notification now; false when none has that id. */
  public boolean releaseNotification(String notificationId) {
    return notifier.release(notificationId);
  }

  /** How long an accepted refund stays PROCESSING before it succeeds and is notified (default: at once). */
  public void refundProcessingTime(Duration time) {
    refundProcessingTime = time;
  }

  private void authenticate(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    Optional<String> refusal = authentication.refusal(rc.request().method().name(), rc.request().uri(),
        rc.request().getHeader("Authorization"), body == null ? "" : body.toString(StandardCharsets.UTF_8));
    if (refusal.isPresent()) {
      replies.reject(rc, PayRejection.of(401, "SIGN_ERROR", refusal.get()));
    } else {
      rc.next();
    }
  }

  private void completeLater(PayRefund refund) {
    vertx.setTimer(Math.max(1, refundProcessingTime.toMillis()), id ->
        ledger.completeRefund(refund.outRefundNo()).filter(done -> done.notifyUrl() != null).ifPresent(done ->
            notifier.send(done.notifyUrl(), "REFUND.SUCCESS", "退款成功", "refund",
                PayJson.refundNotice(done, account.mchId))));
  }
}
