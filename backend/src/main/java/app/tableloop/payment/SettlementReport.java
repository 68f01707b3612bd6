package app.tableloop.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A store's business day in money.
 *
 * @param totals            the ledger's sums per method that moved money that day
 * @param tradeBillRead     whether WeChat Pay's trade bill could be read (else {@code mismatches} is empty)
 */
public record SettlementReport(LocalDate day, ZoneId timeZone, Instant from, Instant to,
                               List<PaymentLedger.Totals> totals, boolean tradeBillRead,
                               List<Reconciliation.Mismatch> mismatches) {

  public long grossFen() {
    return totals.stream().mapToLong(PaymentLedger.Totals::paymentsFen).sum();
  }

  public long refundsFen() {
    return totals.stream().mapToLong(PaymentLedger.Totals::refundsFen).sum();
  }

  public long netFen() {
    return grossFen() - refundsFen();
  }

  public long paymentCount() {
    return totals.stream().mapToLong(PaymentLedger.Totals::paymentCount).sum();
  }

  public long refundCount() {
    return totals.stream().mapToLong(PaymentLedger.Totals::refundCount).sum();
  }
}
