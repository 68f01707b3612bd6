package app.tableloop.payment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which payment of an order a refund comes out of: one paid payment that still has the amount left. A refund goes
 * back the way the money came, so it is never split across payments.
 */
public final class RefundPolicy {

  /** The outcome: the payment to refund from, or the most that could be refunded in one refund. */
  public record Decision(Optional<Payment> payment, long refundableFen) {
  }

  private RefundPolicy() {
  }

  /** {@code paid} are the order's paid payments with what is already refunded or being refunded of each. */
  public static Decision decide(List<RefundablePayment> paid, long amountFen) {
    Optional<RefundablePayment> most = paid.stream().max(Comparator.comparingLong(RefundablePayment::refundableFen));
    long refundable = most.map(RefundablePayment::refundableFen).orElse(0L);
    return new Decision(most.filter(candidate -> amountFen <= candidate.refundableFen())
        .map(RefundablePayment::payment), refundable);
  }

  /** A paid payment and how much of it is refunded or reserved for a refund in progress. */
  public record RefundablePayment(Payment payment, long refundedFen) {
    public long refundableFen() {
      return payment.amountFen() - refundedFen;
    }
  }
}
