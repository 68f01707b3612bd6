package app.tableloop.payment;

import java.time.Instant;

/** A WeChat Pay transaction as a notification or an order query reports it (decrypted and verified). */
public record WeChatTransaction(String appId, String mchId, String outTradeNo, String transactionId,
                                String tradeState, long totalFen, Instant successTime) {

  public boolean succeeded() {
    return "SUCCESS".equals(tradeState);
  }
}
