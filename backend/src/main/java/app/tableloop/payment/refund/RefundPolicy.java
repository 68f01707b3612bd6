package app.tableloop.payment.refund;

import app.tableloop.identity.Role;
import app.tableloop.payment.Payment;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which payment of an order a refund comes out of: one paid payment that still has the amount left. A refund goes
 * back the way the money came, so it is never split across payments. A payment of a whole tab gives back at most
 * what this order cost of it: the tab's other orders are refunded on their own.
 */
public final class RefundPolicy {

  /** The outcome: the payment to refund from, or the most that could be refunded in one refund. */
  public record Decision(Optional<Payment> payment, long refundableFen) {
  }

  /**
   * A paid payment of the order: how much of it is refunded or reserved for refunds in progress, in all and of this
   * order.
   */
  public record RefundablePayment(Payment payment, long refundedFen, long refundedOfOrderFen) {
    long refundableFen(long orderTotalFen) {
      long leftOfPayment = payment.amountFen() - refundedFen;
      return payment.tabId() == null ? leftOfPayment
          : Math.max(0, Math.min(leftOfPayment, orderTotalFen - refundedOfOrderFen));
    }
  }

  private RefundPolicy() {
  }

  /** Who may refund: owners and operators always, staff when the store's owner allows it. */
  public static boolean mayRefund(Role role, boolean staffMayRefund) {
    return role != Role.STAFF || staffMayRefund;
  }

  public static Decision decide(List<RefundablePayment> paid, long orderTotalFen, long amountFen) {
    Comparator<RefundablePayment> byRefundable = Comparator.comparingLong(candidate ->
        candidate.refundableFen(orderTotalFen));
    Optional<RefundablePayment> most = paid.stream().max(byRefundable);
    long refundable = most.map(candidate -> candidate.refundableFen(orderTotalFen)).orElse(0L);
    return new Decision(most.filter(candidate -> amountFen <= refundable).map(RefundablePayment::payment),
        refundable);
  }
}
