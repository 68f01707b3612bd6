package app.tableloop.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.payment.WeChatMovement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
  private static final String BILL = String.join("\r\n",
      "交易时间,微信订单号,商户订单号,交易状态,应结订单金额,商户退款单号,退款金额,商品名称,订单金额",
      "`2024-05-01 12:00:00,`4200001,`TLpaid,`SUCCESS,`28.00,`0,`0.00,`面馆, 二楼 订单 7,`28.00",
      "`2024-05-01 12:30:00,`4200001,`TLpaid,`REFUND,`0.00,`RFback,`5.00,`面馆, 二楼 订单 7,`0.00",
      "`2024-05-01 13:00:00,`4200002,`TLtheirs,`SUCCESS,`9.90,`0,`0.00,`面,`9.90",
      "总交易单数,应结订单总金额",
      "`3,`37.90",
      "");

  @Test
  void aTradeBillReadsAsPaymentsAndRefundsInFenEvenWithCommasInTheGoodsName() {
    List<WeChatMovement> movements = TradeBillLines.parse(BILL);

    assertThat(movements).extracting(WeChatMovement::kind, WeChatMovement::outTradeNo, WeChatMovement::outRefundNo,
            WeChatMovement::amountFen)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WeChatMovement.Kind.PAYMENT, "TLpaid", null, 2800L),
            org.assertj.core.groups.Tuple.tuple(WeChatMovement.Kind.REFUND, "TLpaid", "RFback", 500L),
            org.assertj.core.groups.Tuple.tuple(WeChatMovement.Kind.PAYMENT, "TLtheirs", null, 990L));
    assertThat(movements.get(0).at()).isEqualTo(Instant.parse("2024-05-01T04:00:00Z"));
  }

  @Test
  void ourMovementsMissingAtWeChatTheirsMissingHereAndDifferentAmountsAreEachReported() {
    Instant at = Instant.parse("2024-05-01T04:00:00Z");
    List<WeChatMovement> ours = List.of(
        new WeChatMovement(WeChatMovement.Kind.PAYMENT, at, "4200001", "TLpaid", null, 2801),
        new WeChatMovement(WeChatMovement.Kind.REFUND, at, "4200001", "TLpaid", "RFback", 500),
        new WeChatMovement(WeChatMovement.Kind.PAYMENT, at, "4200003", "TLours", null, 100));

    List<Reconciliation.Mismatch> mismatches = Reconciliation.compare(ours, TradeBillLines.parse(BILL));

    assertThat(mismatches).extracting(Reconciliation.Mismatch::discrepancy).containsExactly(
        Reconciliation.Discrepancy.AMOUNT_DIFFERS, Reconciliation.Discrepancy.MISSING_AT_WECHAT,
        Reconciliation.Discrepancy.MISSING_HERE);
    assertThat(mismatches.get(2).theirs().outTradeNo()).isEqualTo("TLtheirs");
  }
}
