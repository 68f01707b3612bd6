package app.tableloop.payment;

import app.tableloop.payment.refund.Refund;
import app.tableloop.payment.settlement.SettlementReport;
import app.tableloop.payment.settlement.WeChatBill;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Payments as the API sends them. */
final class PaymentJson {
  private static final DateTimeFormatter CHINA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  private PaymentJson() {
  }

  /** A WeChat payment handed to the mini-program, with the parameters of {@code wx.requestPayment} as it names them. */
  static JsonObject prepared(WeChatCheckout.Prepared prepared) {
    Payment payment = prepared.payment();
    JsonObject paid = payment.orderId() != null ? new JsonObject().put("order_id", payment.orderId().toString())
        : payment.tabId() != null ? new JsonObject().put("tab_id", payment.tabId().toString())
        : new JsonObject().put("top_up_id", payment.topUpId().toString());
    return new JsonObject()
        .put("payment", new JsonObject()
            .put("id", payment.id().toString())
            .mergeIn(paid)
            .put("out_trade_no", payment.outTradeNo())
            .put("method", payment.method().wireName())
            .put("amount_fen", payment.amountFen())
            .put("status", payment.status().wireName())
            .put("expires_at", payment.expiresAt().toString()))
        .put("request_payment", new JsonObject()
            .put("timeStamp", prepared.parameters().getTimeStamp())
            .put("nonceStr", prepared.parameters().getNonceStr())
            .put("package", prepared.parameters().getPackageValue())
            .put("signType", prepared.parameters().getSignType())
            .put("paySign", prepared.parameters().getPaySign()));
  }

  /** A tab's payment taken at the counter, with the orders it paid. */
  static JsonObject tabPayment(CounterCheckout.TabTaken taken) {
    Payment payment = taken.payment();
    return new JsonObject()
        .put("id", payment.id().toString())
        .put("tab_id", payment.tabId().toString())
        .put("out_trade_no", payment.outTradeNo())
        .put("method", payment.method().wireName())
        .put("amount_fen", payment.amountFen())
        .put("status", PaymentStatus.PAID.wireName())
        .put("order_ids", new JsonArray(taken.orderIds().stream().map(UUID::toString).toList()));
  }

  static JsonObject refund(Refund refund) {
    return new JsonObject()
        .put("id", refund.id().toString())
        .put("order_id", refund.orderId() == null ? null : refund.orderId().toString())
        .put("tab_id", refund.tabId() == null ? null : refund.tabId().toString())
        .put("payment_id", refund.paymentId().toString())
        .put("out_refund_no", refund.outRefundNo())
        .put("method", refund.method().wireName())
        .put("amount_fen", refund.amountFen())
        .put("reason", refund.reason())
        .put("cause", refund.cause().wireName())
        .put("status", refund.status().wireName())
        .put("created_at", refund.createdAt().toString())
        .put("succeeded_at", refund.succeededAt() == null ? null : refund.succeededAt().toString());
  }

  /** Every method appears, with zeros when it moved no money. */
  static JsonObject settlement(SettlementReport report) {
    JsonObject byMethod = new JsonObject();
    for (PaymentMethod method : PaymentMethod.values()) {
      if (method == PaymentMethod.STORED_VALUE) {
        continue; // not money taken: shown under stored_value
      }
      PaymentLedger.Totals totals = report.totals().stream().filter(t -> t.method() == method).findFirst()
          .orElse(PaymentLedger.Totals.none(method));
      byMethod.put(method.wireName(), new JsonObject()
          .put("gross_fen", totals.paymentsFen())
          .put("refunds_fen", totals.refundsFen())
          .put("net_fen", totals.paymentsFen() - totals.refundsFen())
          .put("payment_count", totals.paymentCount())
          .put("refund_count", totals.refundCount()));
    }
    JsonArray mismatches = new JsonArray();
    report.mismatches().forEach(mismatch -> {
      WeChatMovement named = mismatch.ours() != null ? mismatch.ours() : mismatch.theirs();
      mismatches.add(new JsonObject()
          .put("discrepancy", mismatch.discrepancy().wireName())
          .put("kind", named.kind().wireName())
          .put("out_trade_no", named.outTradeNo())
          .put("out_refund_no", named.outRefundNo())
          .put("transaction_id", named.transactionId())
          .put("ours_fen", mismatch.ours() == null ? null : mismatch.ours().amountFen())
          .put("wechat_fen", mismatch.theirs() == null ? null : mismatch.theirs().amountFen()));
    });
    return new JsonObject()
        .put("date", report.day().toString())
        .put("time_zone", report.timeZone().getId())
        .put("from", report.from().toString())
        .put("to", report.to().toString())
        .put("gross_fen", report.grossFen())
        .put("refunds_fen", report.refundsFen())
        .put("net_fen", report.netFen())
        .put("payment_count", report.paymentCount())
        .put("refund_count", report.refundCount())
        .put("by_method", byMethod)
        .put("duplicate_payments", new JsonObject()
            .put("received_fen", report.duplicatesFen())
            .put("refunded_fen", report.duplicatesRefundedFen())
            .put("refunds", new JsonArray(report.duplicates().stream().map(PaymentJson::refund).toList())))
        .put("stored_value", new JsonObject()
            .put("sold_fen", report.storedValue().soldFen())
            .put("bonus_granted_fen", report.bonusGrantedFen())
            .put("used_fen", report.storedValue().usedFen())
            .put("returned_fen", report.storedValue().returnedFen())
            .put("refunded_fen", report.storedValue().handedBackFen()))
        .put("trade_bill_read", report.wechatBill().read())
        .put("wechat_bill", wechatBill(report.wechatBill()))
        .put("mismatches", mismatches);
  }

  /** How far WeChat Pay's bills were compared, said plainly for the owner. */
  private static JsonObject wechatBill(WeChatBill bill) {
    // An if chain, not a switch: a switch on the enum would compile to a helper class outside PaymentJson.
    String zh;
    String en;
    if (bill.state() == WeChatBill.State.COMPARED) {
      zh = "已与微信支付的账单核对";
      en = "Compared with WeChat Pay's bill.";
    } else if (bill.state() == WeChatBill.State.PARTLY_COMPARED) {
      zh = "已核对到 " + chinaTime(bill.comparedUntil()) + "；其余时段的微信支付账单 " + chinaTime(bill.restIssuedAt())
          + " 后才有，届时再核对";
      en = "Compared up to " + chinaTime(bill.comparedUntil()) + "; WeChat Pay's bill of the rest of the day comes"
          + " after " + chinaTime(bill.restIssuedAt()) + " (China time): compare again then.";
    } else if (bill.state() == WeChatBill.State.NOT_YET_AVAILABLE) {
      zh = "微信支付次日上午 10 点（北京时间）后才出账单：本日账单 " + chinaTime(bill.restIssuedAt())
          + " 后可核对，此前不列任何差异";
      en = "WeChat Pay issues a day's bill after 10:00 the next morning (China time): this day's comes after "
          + chinaTime(bill.restIssuedAt()) + ". Nothing is compared, and no payment is listed as missing, until then.";
    } else {
      zh = "未能取得微信支付的账单，请稍后再试";
      en = "WeChat Pay's bill could not be read; try again later.";
    }
    return new JsonObject()
        .put("state", bill.state().wireName())
        .put("compared_until", bill.comparedUntil() == null ? null : bill.comparedUntil().toString())
        .put("rest_available_at", bill.restIssuedAt() == null ? null : bill.restIssuedAt().toString())
        .put("message", zh)
        .put("message_en", en);
  }

  private static String chinaTime(Instant instant) {
    return CHINA_TIME.format(instant);
  }
}
