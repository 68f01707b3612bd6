package app.tableloop.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.identity.Role;
import app.tableloop.payment.Payment;
import app.tableloop.payment.PaymentMethod;
import app.tableloop.payment.PaymentStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefundPolicyTest {

  @Test
  void aRefundComesOutOfOnePaymentThatStillHasTheAmount() {
    Payment payment = paid(2800, null);
    List<RefundPolicy.RefundablePayment> paid = List.of(new RefundPolicy.RefundablePayment(payment, 2000, 2000));

    assertThat(RefundPolicy.decide(paid, 2800, 800).payment()).contains(payment);
    assertThat(RefundPolicy.decide(paid, 2800, 801).payment()).isEmpty();
    assertThat(RefundPolicy.decide(paid, 2800, 801).refundableFen()).isEqualTo(800);
    assertThat(RefundPolicy.decide(List.of(), 2800, 1).refundableFen()).isZero();
  }

  @Test
  void moneyThatArrivedTwiceForOneOrderCanAllBeGivenBack() {
    Payment first = paid(2800, null);
    Payment second = paid(2800, null);
    List<RefundPolicy.RefundablePayment> paid = List.of(new RefundPolicy.RefundablePayment(first, 2800, 2800),
        new RefundPolicy.RefundablePayment(second, 0, 0));

    assertThat(RefundPolicy.decide(paid, 2800, 2800).payment()).contains(second);
  }

  @Test
  void anOrderPaidWithItsTabGetsBackAtMostItsOwnShareOfTheTabsPayment() {
    Payment tab = paid(10_000, UUID.randomUUID());
    // 3000 of the tab's payment already went back for another order; 500 for this one.
    List<RefundPolicy.RefundablePayment> paid = List.of(new RefundPolicy.RefundablePayment(tab, 3500, 500));

    assertThat(RefundPolicy.decide(paid, 2800, 2300).payment()).contains(tab);
    assertThat(RefundPolicy.decide(paid, 2800, 2301).payment()).isEmpty();
    assertThat(RefundPolicy.decide(paid, 2800, 2301).refundableFen()).isEqualTo(2300);
    // The payment itself is the tighter bound once the rest of the tab was given back.
    List<RefundPolicy.RefundablePayment> nearlyAll = List.of(new RefundPolicy.RefundablePayment(tab, 9000, 0));
    assertThat(RefundPolicy.decide(nearlyAll, 2800, 1001).refundableFen()).isEqualTo(1000);
  }

  @Test
  void staffRefundOnlyWhereTheOwnerAllowsIt() {
    assertThat(RefundPolicy.mayRefund(Role.OWNER, false)).isTrue();
    assertThat(RefundPolicy.mayRefund(Role.OPERATOR, false)).isTrue();
    assertThat(RefundPolicy.mayRefund(Role.STAFF, false)).isFalse();
    assertThat(RefundPolicy.mayRefund(Role.STAFF, true)).isTrue();
  }

  private static Payment paid(long amountFen, UUID tabId) {
    return new Payment(UUID.randomUUID(), null, tabId == null ? UUID.randomUUID() : null, tabId, "TLx",
        PaymentMethod.WECHAT, amountFen, PaymentStatus.PAID, null, null, null, null, null, null, null, null, null);
  }
}
