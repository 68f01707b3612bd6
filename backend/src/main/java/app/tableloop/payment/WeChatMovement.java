package app.tableloop.payment;

import java.time.Instant;

/**
 * Money moved through WeChat Pay, as our records or WeChat Pay's trade bill tell it.
 *
 * @param outRefundNo the refund's id (refunds only)
 */
public record WeChatMovement(Kind kind, Instant at, String transactionId, String outTradeNo, String outRefundNo,
                             long amountFen) {

  public enum Kind {
    PAYMENT, REFUND;

    public String wireName() {
      return name().toLowerCase();
    }
  }

  /** What names the movement on both sides: the out_trade_no of a payment, the out_refund_no of a refund. */
  public String key() {
    return kind + ":" + (kind == Kind.PAYMENT ? outTradeNo : outRefundNo);
  }
}
