package app.tableloop.wechat.simulator;

import app.tableloop.wechat.simulator.RequestFields.Result;
import java.util.regex.Pattern;

/**
 * A merchant's refund request (POST /v3/refund/domestic/refunds), checked as WeChat Pay checks it. The order is named
 * by transaction_id or out_trade_no; the amounts are in fen.
 */
record RefundApplication(String transactionId, String outTradeNo, String outRefundNo, String reason, String notifyUrl,
                         long refund, long total, String currency) {

  private static final Pattern OUT_REFUND_NO = Pattern.compile("[A-Za-z0-9_*|@-]{1,64}");

  static Outcome<RefundApplication> parse(RequestFields body) {
    Result<String> transactionId = body.optionalText("transaction_id", 32);
    Result<String> outTradeNo = body.optionalText("out_trade_no", 32);
    Result<String> outRefundNo = body.text("out_refund_no", 64);
    Result<String> reason = body.optionalText("reason", 80);
    Result<String> notifyUrl = body.has("notify_url") ? body.notifyUrl("notify_url") : Result.of(null);
    RequestFields amount = body.object("amount");
    Result<Long> refund = amount.wholeNumber("refund");
    Result<Long> total = amount.wholeNumber("total");
    Result<String> currency = amount.text("currency", 16);
    PayRejection malformed = RequestFields.firstRejection(transactionId, outTradeNo, outRefundNo, reason, notifyUrl,
        refund, total, currency);
    if (malformed != null) {
      return Outcome.rejected(malformed);
    }
    if (transactionId.value() == null && outTradeNo.value() == null) {
      return Outcome.rejected(PayRejection.paramError("/transaction_id", "transaction_id 和 out_trade_no 必须二选一"));
    }
    if (!OUT_REFUND_NO.matcher(outRefundNo.value()).matches()) {
      return Outcome.rejected(PayRejection.paramError("/out_refund_no",
          "out_refund_no 只能是数字、大小写字母或 _-|*@"));
    }
    if (refund.value() <= 0 || total.value() <= 0) {
      return Outcome.rejected(PayRejection.paramError("/amount/refund", "退款金额和原订单金额必须大于 0（单位：分）"));
    }
    if (!"CNY".equals(currency.value())) {
      return Outcome.rejected(PayRejection.paramError("/amount/currency", "退款币种只支持人民币 CNY"));
    }
    return Outcome.accepted(new RefundApplication(transactionId.value(), outTradeNo.value(), outRefundNo.value(),
        reason.value(), notifyUrl.value(), refund.value(), total.value(), currency.value()));
  }
}
