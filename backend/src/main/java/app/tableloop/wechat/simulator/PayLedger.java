package app.tableloop.wechat.simulator;

import app.tableloop.wechat.simulator.PayOrder.TradeState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated WeChat Pay's orders and refunds, with WeChat Pay's rules. Every operation checks and changes the state
 * in one synchronized step, so concurrent requests (twenty refunds of one order at once) see each other's effect and
 * can never refund more than was paid. Each change is written to the journal within that step.
 */
final class PayLedger {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final int MAX_REFUNDS_PER_ORDER = 50;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(CHINA);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(CHINA);

  private final Clock clock;
  private final PayJournal journal;
  private final Map<String, PayOrder> orders = new LinkedHashMap<>();
  private final Map<String, String> outTradeNoByPrepayId = new HashMap<>();
  private final Map<String, String> outTradeNoByTransactionId = new HashMap<>();
  private final Map<String, PayRefund> refunds = new LinkedHashMap<>();

  PayLedger(Clock clock, PayJournal journal) {
    this.clock = clock;
    this.journal = journal;
    journal.orders().forEach(this::index);
    journal.refunds().forEach(refund -> refunds.put(refund.outRefundNo(), refund));
  }

  private void index(PayOrder order) {
    orders.put(order.outTradeNo(), order);
    outTradeNoByPrepayId.put(order.prepayId(), order.outTradeNo());
    if (order.transactionId() != null) {
      outTradeNoByTransactionId.put(order.transactionId(), order.outTradeNo());
    }
  }

  private void keep(PayOrder order) {
    index(order);
    journal.record(order);
  }

  private void keep(PayRefund refund) {
    refunds.put(refund.outRefundNo(), refund);
    journal.record(refund);
  }

  /** A new order, or the same prepay_id again when the same order is placed twice (WeChat Pay's idempotence). */
  synchronized Outcome<PayOrder> placeJsapiOrder(JsapiOrder terms) {
    PayOrder existing = orders.get(terms.outTradeNo());
    if (existing != null) {
      if (existing.isPaid()) {
        return Outcome.rejected(PayRejection.of(400, "ORDERPAID", "该订单已支付"));
      }
      if (existing.state() == TradeState.CLOSED) {
        return Outcome.rejected(PayRejection.of(400, "ORDER_CLOSED", "该订单已关闭"));
      }
      if (!existing.terms().equals(terms)) {
        return Outcome.rejected(PayRejection.invalidRequest("201 商户订单号重复"));
      }
      return Outcome.accepted(existing);
    }
    if (terms.expiresAt() != null && !terms.expiresAt().toInstant().isAfter(clock.instant())) {
      return Outcome.rejected(PayRejection.paramError("/time_expire", "time_expire 必须晚于当前时间"));
    }
    Instant now = clock.instant();
    String prepayId = "wx" + SECOND.format(now) + PayCrypto.nonce(20).toLowerCase();
    PayOrder order = PayOrder.placed(terms, prepayId, now);
    keep(order);
    return Outcome.accepted(order);
  }

  /** What the diner's confirmation in WeChat does: the order becomes SUCCESS with a transaction_id. */
  synchronized Outcome<PayOrder> pay(String outTradeNo) {
    PayOrder order = orders.get(outTradeNo);
    if (order == null) {
      return Outcome.rejected(PayRejection.of(404, "ORDER_NOT_EXIST", "订单不存在"));
    }
    if (order.isPaid()) {
      return Outcome.rejected(PayRejection.of(400, "ORDERPAID", "该订单已支付"));
    }
    if (order.state() == TradeState.CLOSED) {
      return Outcome.rejected(PayRejection.of(400, "ORDER_CLOSED", "该订单已关闭"));
    }
    Instant now = clock.instant();
    if (order.terms().expiresAt() != null && now.isAfter(order.terms().expiresAt().toInstant())) {
      return Outcome.rejected(PayRejection.of(400, "ORDER_CLOSED", "订单已超过支付截止时间 time_expire"));
    }
    String transactionId = "42000" + PayCrypto.digits(5) + DAY.format(now) + PayCrypto.digits(10);
    PayOrder paid = order.paid(transactionId, now);
    keep(paid);
    return Outcome.accepted(paid);
  }

  synchronized Optional<PayOrder> order(String outTradeNo) {
    return Optional.ofNullable(orders.get(outTradeNo));
  }

  synchronized Optional<PayOrder> orderByPrepayId(String prepayId) {
    return Optional.ofNullable(outTradeNoByPrepayId.get(prepayId)).map(orders::get);
  }

  synchronized Optional<PayOrder> orderByTransactionId(String transactionId) {
    return Optional.ofNullable(outTradeNoByTransactionId.get(transactionId)).map(orders::get);
  }

  /** Closing an unpaid order again is fine; a paid one cannot be closed. */
  synchronized Outcome<PayOrder> close(String outTradeNo) {
    PayOrder order = orders.get(outTradeNo);
    if (order == null) {
      return Outcome.rejected(PayRejection.of(404, "ORDER_NOT_EXIST", "订单不存在"));
    }
    if (order.isPaid()) {
      return Outcome.rejected(PayRejection.of(400, "ORDERPAID", "订单已支付，不能关闭"));
    }
    PayOrder closed = order.closed();
    keep(closed);
    return Outcome.accepted(closed);
  }

  /**
   * Accepts a refund (PROCESSING) and reserves its amount at once, or answers the refund already made under the same
   * out_refund_no when the request asks for the same money.
   */
  synchronized Outcome<PayRefund> refund(RefundApplication application) {
    Optional<PayOrder> found = application.transactionId() != null
        ? orderByTransactionId(application.transactionId())
        : order(application.outTradeNo());
    if (found.isEmpty()) {
      return Outcome.rejected(PayRejection.of(404, "RESOURCE_NOT_EXISTS", "订单不存在"));
    }
    PayOrder order = found.get();
    PayRefund existing = refunds.get(application.outRefundNo());
    if (existing != null) {
      return existing.sameTermsAs(application, order)
          ? Outcome.accepted(existing)
          : Outcome.rejected(PayRejection.invalidRequest("商户退款单号 out_refund_no 已被使用，且退款参数与原请求不一致"));
    }
    if (!order.isPaid()) {
      return Outcome.rejected(PayRejection.invalidRequest("订单未支付，不能退款"));
    }
    if (application.total() != order.terms().total()) {
      return Outcome.rejected(PayRejection.invalidRequest("订单金额 amount.total 与原订单金额不一致"));
    }
    if (order.refundCount() >= MAX_REFUNDS_PER_ORDER) {
      return Outcome.rejected(PayRejection.invalidRequest("该订单部分退款次数已超过 50 次"));
    }
    if (application.refund() > order.refundable()) {
      return Outcome.rejected(PayRejection.invalidRequest("申请退款金额超过订单可退金额"));
    }
    Instant now = clock.instant();
    PayRefund refund = new PayRefund("50" + DAY.format(now) + PayCrypto.digits(19), application.outRefundNo(),
        order.outTradeNo(), order.transactionId(), application.reason(), application.notifyUrl(),
        application.refund(), application.total(), now, PayRefund.Status.PROCESSING, null);
    keep(refund);
    keep(order.refunding(application.refund()));
    return Outcome.accepted(refund);
  }

  /** The money reached the diner; empty when there is no such refund or it had already succeeded. */
  synchronized Optional<PayRefund> completeRefund(String outRefundNo) {
    PayRefund refund = refunds.get(outRefundNo);
    if (refund == null || refund.status() == PayRefund.Status.SUCCESS) {
      return Optional.empty();
    }
    PayRefund succeeded = refund.succeeded(clock.instant());
    keep(succeeded);
    return Optional.of(succeeded);
  }

  synchronized Optional<PayRefund> refund(String outRefundNo) {
    return Optional.ofNullable(refunds.get(outRefundNo));
  }

  synchronized List<PayOrder> orders() {
    return new ArrayList<>(orders.values());
  }

  synchronized List<PayRefund> refunds() {
    return new ArrayList<>(refunds.values());
  }
}
