package app.tableloop.payment;

import java.util.Optional;

/**
 * Whether a transaction WeChat Pay reports is the payment we asked for: our merchant and mini-program, our
 * out_trade_no, the amount we asked, and no other transaction already recorded for it.
 */
public final class TransactionMatch {
  private TransactionMatch() {
  }

  /** The first field that disagrees, or empty when the transaction is this payment's. */
  public static Optional<String> mismatch(Payment payment, WeChatTransaction transaction, String mchId, String appId) {
    if (!mchId.equals(transaction.mchId())) {
      return Optional.of("mchid");
    }
    if (!appId.equals(transaction.appId())) {
      return Optional.of("appid");
    }
    if (!payment.outTradeNo().equals(transaction.outTradeNo())) {
      return Optional.of("out_trade_no");
    }
    if (payment.amountFen() != transaction.totalFen()) {
      return Optional.of("amount");
    }
    if (payment.transactionId() != null && !payment.transactionId().equals(transaction.transactionId())) {
      return Optional.of("transaction_id");
    }
    return Optional.empty();
  }
}
