package app.tableloop.payment.settlement;

import app.tableloop.payment.PaymentLedger;
import app.tableloop.payment.PaymentMethod;
import app.tableloop.payment.refund.Refund;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/**
 * A store's business day in money.
 *
 * @param totals            the ledger's sums per method that moved money that day
 * @param duplicates        the refunds of payments paid that day for a sale already paid otherwise
 * @param wechatBill        how far WeChat Pay's trade bills were compared (the mismatches are of those hours only)
 * @param storedValue       stored value sold, handed back, used and returned to balances that day
 * @param bonusGrantedFen   the bonus granted with the top-ups sold that day
 */
public record SettlementReport(LocalDate day, ZoneId timeZone, Instant from, Instant to,
                               List<PaymentLedger.Totals> totals, List<Refund> duplicates, WeChatBill wechatBill,
                               List<Reconciliation.Mismatch> mismatches, PaymentLedger.StoredValueTotals storedValue,
                               long bonusGrantedFen) {

  /** Money taken: payments from stored-value balances are not, the top-ups sold were (the balance is money held). */
  public long grossFen() {
    return money().mapToLong(PaymentLedger.Totals::paymentsFen).sum();
  }

  public long refundsFen() {
    return money().mapToLong(PaymentLedger.Totals::refundsFen).sum();
  }

  public long netFen() {
    return grossFen() - refundsFen();
  }

  public long paymentCount() {
    return money().mapToLong(PaymentLedger.Totals::paymentCount).sum();
  }

  /** Duplicate payments taken that day: not sales, so not in the gross. */
  public long duplicatesFen() {
    return totals.stream().mapToLong(PaymentLedger.Totals::duplicatesFen).sum();
  }

  /** What of the duplicate payments is given back so far (the rest is still being refunded, or failed). */
  public long duplicatesRefundedFen() {
    return totals.stream().mapToLong(PaymentLedger.Totals::duplicatesRefundedFen).sum();
  }

  public long refundCount() {
    return money().mapToLong(PaymentLedger.Totals::refundCount).sum();
  }

  /** The methods that move money in or out of the restaurant: all but stored value. */
  private Stream<PaymentLedger.Totals> money() {
    return totals.stream().filter(method -> method.method() != PaymentMethod.STORED_VALUE);
  }
}
