package app.tableloop.wechat.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** The JSON shapes WeChat Pay API v3 answers and notifies with (snake_case, amounts in fen, RFC 3339 times). */
final class PayJson {
  /** WeChat Pay writes times in China time with the offset spelled out: 2018-06-08T10:34:56+08:00. */
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(PayLedger.CHINA);
  static final String BANK_TYPE = "OTHERS";
  static final String USER_RECEIVED_ACCOUNT = "支付用户零钱";

  private PayJson() {
  }

  static String time(Instant instant) {
    return RFC3339.format(instant);
  }

  /** A transaction, as order queries answer and TRANSACTION.SUCCESS notifications carry it. */
  static JsonObject transaction(PayOrder order, String mchId) {
    JsapiOrder terms = order.terms();
    JsonObject amount = new JsonObject().put("total", terms.total()).put("currency", terms.currency())
        .put("payer_currency", terms.currency());
    JsonObject json = new JsonObject()
        .put("appid", terms.appId())
        .put("mchid", mchId)
        .put("out_trade_no", terms.outTradeNo())
        .put("trade_type", "JSAPI")
        .put("trade_state", order.state().name())
        .put("trade_state_desc", order.state().description)
        .put("amount", amount);
    if (terms.attach() != null) {
      json.put("attach", terms.attach());
    }
    if (order.transactionId() != null) {
      amount.put("payer_total", terms.total());
      json.put("transaction_id", order.transactionId())
          .put("bank_type", BANK_TYPE)
          .put("success_time", time(order.paidAt()))
          .put("payer", new JsonObject().put("openid", terms.openId()));
    }
    return json;
  }

  /** A refund, as the refund API and the refund query answer it. */
  static JsonObject refund(PayRefund refund) {
    JsonObject json = new JsonObject()
        .put("refund_id", refund.refundId())
        .put("out_refund_no", refund.outRefundNo())
        .put("transaction_id", refund.transactionId())
        .put("out_trade_no", refund.outTradeNo())
        .put("channel", "ORIGINAL")
        .put("user_received_account", USER_RECEIVED_ACCOUNT)
        .put("create_time", time(refund.createdAt()))
        .put("status", refund.status().name())
        .put("funds_account", "AVAILABLE")
        .put("amount", new JsonObject()
            .put("total", refund.total())
            .put("refund", refund.refund())
            .put("from", new JsonArray())
            .put("payer_total", refund.total())
            .put("payer_refund", refund.refund())
            .put("settlement_refund", refund.refund())
            .put("settlement_total", refund.total())
            .put("discount_refund", 0)
            .put("currency", "CNY")
            .put("refund_fee", 0))
        .put("promotion_detail", new JsonArray());
    if (refund.successAt() != null) {
      json.put("success_time", time(refund.successAt()));
    }
    return json;
  }

  /** What a REFUND.SUCCESS notification carries, encrypted. */
  static JsonObject refundNotice(PayRefund refund, String mchId) {
    return new JsonObject()
        .put("mchid", mchId)
        .put("out_trade_no", refund.outTradeNo())
        .put("transaction_id", refund.transactionId())
        .put("out_refund_no", refund.outRefundNo())
        .put("refund_id", refund.refundId())
        .put("refund_status", refund.status().name())
        .put("success_time", time(refund.successAt()))
        .put("user_received_account", USER_RECEIVED_ACCOUNT)
        .put("amount", new JsonObject()
            .put("total", refund.total())
            .put("refund", refund.refund())
            .put("payer_total", refund.total())
            .put("payer_refund", refund.refund()));
  }
}
