package app.tableloop.payment.refund;

/**
 * A WeChat payment that arrived for something already paid otherwise (the diner paid in WeChat while the cashier took
 * cash), or no longer payable: its money goes back whole, by the service itself. Everything about its refund derives
 * from WeChat Pay's transaction id, so however often the payment is reported, there is one refund, and asking WeChat
 * Pay again is the same refund there.
 */
public record DuplicatePayment(String transactionId) {
  static final String REASON = "重复付款，已自动退回";

  /** A ':' never appears in the keys callers send (the contract forbids it), so no request can take this one. */
  String idempotencyKey() {
    return "duplicate:" + RefundRequest.derivedOutRefundNo("", transactionId);
  }

  public String outRefundNo() {
    return RefundRequest.derivedOutRefundNo("DP", transactionId);
  }
}
