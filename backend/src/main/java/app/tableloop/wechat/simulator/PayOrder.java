package app.tableloop.wechat.simulator;

import java.time.Instant;

/**
 * One JSAPI order in the simulated WeChat Pay, from prepay to refunds; each change makes a new value.
 *
 * @param transactionId WeChat Pay's order number, once paid (else null)
 * @param paidAt        when the diner paid (else null)
 * @param refunded      fen refunded or being refunded so far
 */
record PayOrder(JsapiOrder terms, String prepayId, Instant createdAt, TradeState state, String transactionId,
                Instant paidAt, long refunded, int refundCount) {

  enum TradeState {
    NOTPAY("订单未支付"), SUCCESS("支付成功"), CLOSED("订单已关闭"), REFUND("订单发生过退款");

    final String description;

    TradeState(String description) {
      this.description = description;
    }
  }

  static PayOrder placed(JsapiOrder terms, String prepayId, Instant at) {
    return new PayOrder(terms, prepayId, at, TradeState.NOTPAY, null, null, 0, 0);
  }

  String outTradeNo() {
    return terms.outTradeNo();
  }

  boolean isPaid() {
    return state == TradeState.SUCCESS || state == TradeState.REFUND;
  }

  long refundable() {
    return terms.total() - refunded;
  }

  PayOrder paid(String newTransactionId, Instant at) {
    return new PayOrder(terms, prepayId, createdAt, TradeState.SUCCESS, newTransactionId, at, refunded, refundCount);
  }

  PayOrder closed() {
    return new PayOrder(terms, prepayId, createdAt, TradeState.CLOSED, transactionId, paidAt, refunded, refundCount);
  }

  PayOrder refunding(long amount) {
    return new PayOrder(terms, prepayId, createdAt, TradeState.REFUND, transactionId, paidAt, refunded + amount,
        refundCount + 1);
  }
}
