package app.tableloop.payment.refund;

import app.tableloop.identity.Access;
import app.tableloop.ordering.Order;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.payment.Payment;
import app.tableloop.payment.PaymentLedger;
import app.tableloop.payment.PaymentMethod;
import app.tableloop.payment.PaymentRefusal;
import app.tableloop.payment.Payments;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.outbox.Outbox;
import app.tableloop.tenancy.Stores;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.request.WxPayRefundV3Request;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff giving money of a paid order back. The amount is reserved in PostgreSQL first, under the payment's row lock
 * (so concurrent refunds queue and never add up to more than was paid), and only then is WeChat Pay asked, outside
 * the transaction; if WeChat Pay refuses, the refund fails and its reservation is released. Money taken at the
 * counter is handed back at the counter: recorded as refunded at once, without WeChat Pay.
 */
public final class Refunding {
  private static final Logger LOG = LoggerFactory.getLogger(Refunding.class);
  static final String PAYMENT_REFUNDED = "payment.refunded";
  /** WeChat Pay's answers that mean "ask again with the same out_refund_no", not a refusal. */
  private static final Set<String> TRY_AGAIN = Set.of("SYSTEM_ERROR", "FREQUENCY_LIMITED");

  private final Database database;
  private final Stores stores;
  private final PayableOrders orders;
  private final Payments payments;
  private final Refunds refunds;
  private final PaymentLedger ledger;
  private final Outbox outbox;
  private final WeChatGateway gateway;
  private final String notifyUrl;
  private final Clock clock;

  public Refunding(Database database, Stores stores, PayableOrders orders, Payments payments, Refunds refunds,
                      PaymentLedger ledger, Outbox outbox, WeChatGateway gateway, String notifyUrl, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.orders = orders;
    this.payments = payments;
    this.refunds = refunds;
    this.ledger = ledger;
    this.outbox = outbox;
    this.gateway = gateway;
    this.notifyUrl = notifyUrl;
    this.clock = clock;
  }

  /**
   * The refund this request asks for: made now, or the one already made under the same key. Staff refund only where
   * the owner allows it.
   */
  public Future<Refund> refund(Access access, UUID orderId, RefundRequest request) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
            .compose(store -> RefundPolicy.mayRefund(access.role(), store.staffMayRefund())
                ? orders.order(sql, tenantId, access.storeId(), orderId)
                : Refusals.<Optional<Order>>refuse(PaymentRefusal.STAFF_MAY_NOT_REFUND))
            .compose(order -> order.isEmpty() ? Refusals.<Order>refuse(PaymentRefusal.ORDER_NOT_FOUND)
                : Future.succeededFuture(order.get()))
            .compose(order -> refunds.byKey(sql, tenantId, access.storeId(), request.idempotencyKey())
                .compose(earlier -> earlier.isPresent() ? same(earlier.get(), orderId, request)
                    : reserve(sql, access, order, request))))
        .compose(refund -> refund.method() == PaymentMethod.WECHAT && refund.status() == Refund.Status.PROCESSING
            ? askWeChat(tenantId, refund) : Future.succeededFuture(refund));
  }

  /** Records a refund WeChat Pay reports as succeeded, once: its money booked, an event written. */
  Future<Boolean> succeeded(SqlClient sql, UUID tenantId, Refund refund, String wechatRefundId, Instant at) {
    return refunds.markSucceeded(sql, tenantId, refund.id(), wechatRefundId, at)
        .compose(marked -> marked.isEmpty() ? Future.succeededFuture(false)
            : ledger.refundOut(sql, tenantId, booked(marked.get()))
                .compose(booked -> outbox.append(sql, tenantId, PAYMENT_REFUNDED, event(marked.get())))
                .map(true));
  }

  /** A refund WeChat Pay did not make: failed, and its amount free to refund again. */
  Future<Void> failed(SqlClient sql, UUID tenantId, Refund refund, String why) {
    return refunds.markFailed(sql, tenantId, refund.id(), why)
        .compose(marked -> marked.isEmpty() ? Future.succeededFuture()
            : payments.reserveRefund(sql, tenantId, refund.paymentId(), -refund.amountFen()));
  }

  private static Future<Refund> same(Refund earlier, UUID orderId, RefundRequest request) {
    return earlier.sameRequestAs(orderId, request) ? Future.succeededFuture(earlier)
        : Refusals.refuse(PaymentRefusal.REFUND_KEY_REUSED);
  }

  private Future<Refund> reserve(SqlClient sql, Access access, Order order, RefundRequest request) {
    UUID tenantId = access.tenantId();
    UUID orderId = order.id();
    return refundable(sql, tenantId, orderId).compose(paid -> {
      RefundPolicy.Decision decision = RefundPolicy.decide(paid, order.totalFen(), request.amountFen());
      if (decision.payment().isEmpty()) {
        return Refusals.refuse(new OverRefund(decision.refundableFen()));
      }
      Payment payment = decision.payment().get();
      Instant handedBack = payment.method() == PaymentMethod.WECHAT ? null : clock.instant();
      return refunds.insert(sql, tenantId, payment, orderId, request, access.user().userId(), handedBack)
          .compose(inserted -> inserted.isEmpty()
              // The same key was used at the same moment for another order: the first one holds it.
              ? refunds.byKey(sql, tenantId, access.storeId(), request.idempotencyKey())
                  .compose(earlier -> same(earlier.orElseThrow(), orderId, request))
              : payments.reserveRefund(sql, tenantId, payment.id(), request.amountFen())
                  .compose(reserved -> handedBack == null ? Future.succeededFuture(inserted.get())
                      : ledger.refundOut(sql, tenantId, booked(inserted.get()))
                          .compose(booked -> outbox.append(sql, tenantId, PAYMENT_REFUNDED, event(inserted.get())))
                          .map(inserted.get())));
    });
  }

  /** The order's paid payments, locked, with what is refunded of each: empty fails as not paid. */
  private Future<List<RefundPolicy.RefundablePayment>> refundable(SqlClient sql, UUID tenantId, UUID orderId) {
    return payments.lockPaid(sql, tenantId, orderId).compose(locked -> locked.isEmpty()
        ? Refusals.refuse(PaymentRefusal.ORDER_NOT_PAID)
        : refunds.refundedOfOrder(sql, tenantId, orderId).map(ofOrder -> locked.stream()
            .map(payment -> new RefundPolicy.RefundablePayment(payment.payment(), payment.refundedFen(),
                ofOrder.getOrDefault(payment.payment().id(), 0L)))
            .toList()));
  }

  /**
   * Asks WeChat Pay for the refund; asking again (a retry under the same key) is the same refund there. When WeChat
   * Pay answers with a refusal, the refund fails and its amount is released; when it does not answer, the refund stays
   * processing and its reservation held, since WeChat Pay may have taken it; the follow-up asks again later.
   */
  Future<Refund> askWeChat(UUID tenantId, Refund refund) {
    return database.inTenant(tenantId, sql -> payments.byId(sql, tenantId, refund.paymentId()))
        .compose(payment -> gateway.refund(wechatRefund(payment, refund)))
        .compose(answer -> database.inTenant(tenantId, sql -> refunds.recordWeChatRefundId(sql, tenantId,
            refund.id(), answer.getRefundId())).map(refund))
        .recover(failure -> {
          if (failure instanceof WxPayException wechat && wechat.getErrCode() != null
              && !TRY_AGAIN.contains(wechat.getErrCode())) {
            LOG.warn("WeChat Pay refused refund {}: {}", refund.outRefundNo(), wechat.getErrCode());
            return database.inTenant(tenantId, sql -> failed(sql, tenantId, refund, wechat.getErrCode()))
                .compose(released -> Refusals.refuse(PaymentRefusal.WECHAT_REFUND_REFUSED));
          }
          return Refusals.refuse(PaymentRefusal.WECHAT_PAY_UNAVAILABLE);
        });
  }

  private WxPayRefundV3Request wechatRefund(Payment payment, Refund refund) {
    return new WxPayRefundV3Request()
        .setOutTradeNo(payment.outTradeNo())
        .setOutRefundNo(refund.outRefundNo())
        .setReason(refund.reason())
        .setNotifyUrl(notifyUrl)
        .setAmount(new WxPayRefundV3Request.Amount()
            .setRefund(Math.toIntExact(refund.amountFen()))
            .setTotal(Math.toIntExact(payment.amountFen()))
            .setCurrency("CNY"));
  }

  private static PaymentLedger.Refunded booked(Refund refund) {
    return new PaymentLedger.Refunded(refund.storeId(), refund.paymentId(), refund.orderId(), refund.tabId(),
        refund.outRefundNo(), refund.method(), refund.amountFen(), refund.succeededAt(),
        refund.cause() == Refund.Cause.DUPLICATE_PAYMENT);
  }

  private static JsonObject event(Refund refund) {
    return new JsonObject()
        .put("refund_id", refund.id().toString())
        .put("payment_id", refund.paymentId().toString())
        .put("order_id", refund.orderId() == null ? null : refund.orderId().toString())
        .put("tab_id", refund.tabId() == null ? null : refund.tabId().toString())
        .put("store_id", refund.storeId().toString())
        .put("out_refund_no", refund.outRefundNo())
        .put("method", refund.method().wireName())
        .put("amount_fen", refund.amountFen())
        .put("refunded_at", refund.succeededAt().toString());
  }
}
