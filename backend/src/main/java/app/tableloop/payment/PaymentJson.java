package app.tableloop.payment;

import io.vertx.core.json.JsonObject;

/** Payments as the API sends them. */
final class PaymentJson {
  private PaymentJson() {
  }

  /** A WeChat payment handed to the mini-program, with the parameters of {@code wx.requestPayment} as it names them. */
  static JsonObject prepared(WeChatPayments.Prepared prepared) {
    Payment payment = prepared.payment();
    return new JsonObject()
        .put("payment", new JsonObject()
            .put("id", payment.id().toString())
            .put("order_id", payment.orderId().toString())
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
}
