package app.tableloop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whether a transaction WeChat Pay reports is the payment we asked for, field by field. */
class TransactionMatchTest {
  private static final String MCH_ID = "1900000109";
  private static final String APP_ID = "wx7ab1e10000000000";
  private static final Payment PENDING = payment(null);

  @Test
  void ourMerchantAppOutTradeNoAndAmountMatch() {
    assertThat(TransactionMatch.mismatch(PENDING, transaction(MCH_ID, APP_ID, "T20261202A", 5600, "4200000001"),
        MCH_ID, APP_ID)).isEmpty();
  }

  @Test
  void anotherMerchantIsNamedFirst() {
    assertThat(TransactionMatch.mismatch(PENDING, transaction("1900000999", "wxOTHER", "T20261202A", 1, "4200000001"),
        MCH_ID, APP_ID)).contains("mchid");
  }

  @Test
  void anotherMiniProgramDoesNotMatch() {
    assertThat(TransactionMatch.mismatch(PENDING, transaction(MCH_ID, "wxOTHER", "T20261202A", 5600, "4200000001"),
        MCH_ID, APP_ID)).contains("appid");
  }

  @Test
  void anotherOutTradeNoDoesNotMatch() {
    assertThat(TransactionMatch.mismatch(PENDING, transaction(MCH_ID, APP_ID, "T20261202B", 5600, "4200000001"),
        MCH_ID, APP_ID)).contains("out_trade_no");
  }

  @Test
  void aDifferentAmountDoesNotMatchEvenByOneFen() {
    assertThat(TransactionMatch.mismatch(PENDING, transaction(MCH_ID, APP_ID, "T20261202A", 5599, "4200000001"),
        MCH_ID, APP_ID)).contains("amount");
    assertThat(TransactionMatch.mismatch(PENDING, transaction(MCH_ID, APP_ID, "T20261202A", 5601, "4200000001"),
        MCH_ID, APP_ID)).contains("amount");
  }

  @Test
  void aPaymentAlreadyRecordedMatchesOnlyItsOwnTransaction() {
    Payment recorded = payment("4200000001");

    assertThat(TransactionMatch.mismatch(recorded, transaction(MCH_ID, APP_ID, "T20261202A", 5600, "4200000001"),
        MCH_ID, APP_ID)).isEmpty();
    assertThat(TransactionMatch.mismatch(recorded, transaction(MCH_ID, APP_ID, "T20261202A", 5600, "4200000002"),
        MCH_ID, APP_ID)).contains("transaction_id");
  }

  private static Payment payment(String transactionId) {
    return new Payment(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, "T20261202A",
        PaymentMethod.WECHAT, 5600, transactionId == null ? PaymentStatus.PENDING : PaymentStatus.PAID, "oPayer",
        "红烧牛肉面", "wx_prepay", transactionId, null, null, Instant.parse("2026-12-02T04:15:00Z"), null, null);
  }

  private static WeChatTransaction transaction(String mchId, String appId, String outTradeNo, long totalFen,
                                               String transactionId) {
    return new WeChatTransaction(appId, mchId, outTradeNo, transactionId, "SUCCESS", totalFen,
        Instant.parse("2026-12-02T04:01:00Z"));
  }
}
