package app.tableloop.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OrderPaymentTest {
  private static final OffsetDateTime PAID_AT = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void anOrderNothingPaidIsUnpaid() {
    OrderPayment payment = OrderPayment.of(null, null, 2800, 0, false);
    assertThat(payment).isEqualTo(OrderPayment.unpaid());
    assertThat(payment.paid()).isFalse();
  }

  @Test
  void anOrderWhoseWeChatPaymentIsOpenIsPendingWithNothingPaid() {
    OrderPayment payment = OrderPayment.of(null, null, 2800, 0, true);
    assertThat(payment.state()).isEqualTo(OrderPayment.State.PENDING);
    assertThat(payment.paidFen()).isZero();
    assertThat(payment.paid()).isFalse();
  }

  @Test
  void aPaidOrderPaidItsTotalAndStaysPaidWhateverPaymentWasStillOpen() {
    OrderPayment payment = OrderPayment.of("cash", PAID_AT, 2800, 0, true);
    assertThat(payment.state()).isEqualTo(OrderPayment.State.PAID);
    assertThat(payment.paidFen()).isEqualTo(2800);
    assertThat(payment.method()).isEqualTo("cash");
  }

  @Test
  void partOfItGivenBackIsPartiallyRefundedAndAllOfItRefunded() {
    assertThat(OrderPayment.of("wechat", PAID_AT, 2800, 1, false).state())
        .isEqualTo(OrderPayment.State.PARTIALLY_REFUNDED);
    assertThat(OrderPayment.of("wechat", PAID_AT, 2800, 2799, false).state())
        .isEqualTo(OrderPayment.State.PARTIALLY_REFUNDED);
    assertThat(OrderPayment.of("wechat", PAID_AT, 2800, 2800, false).state())
        .isEqualTo(OrderPayment.State.REFUNDED);
  }

  @Test
  void theStatesHaveTheirWireNames() {
    assertThat(OrderPayment.State.PARTIALLY_REFUNDED.wireName()).isEqualTo("partially_refunded");
  }
}
