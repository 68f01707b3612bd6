package app.tableloop.insight;

import java.util.UUID;

/**
 * A period's money at one store (or all of them, {@code storeId} null), from the payment ledger.
 *
 * @param revenueFen         what the daily settlement nets: money taken less money given back, top-ups sold
 *                           included and meals paid from stored value not (that money was taken at the top-up)
 * @param salesFen           meal sales: bills paid by every method, stored value included, less their refunds
 * @param bills              paid bills (a stored-value part paid with a WeChat rest is one bill with it)
 * @param orders             orders the bills paid
 * @param covers             guests: per bill, the largest head count of the orders it paid
 * @param newDiners          diners whose first paid bill at the brand falls in the period
 * @param returningVisits    bills of diners who had paid at the brand before the period
 * @param unknownFen         sales of bills no diner is known for
 * @param topUpsFen          stored value sold less principal handed back
 * @param storedValueUsedFen meals paid from balances less what went back to them
 */
public record BillFigures(UUID storeId, long revenueFen, long salesFen, long bills, long orders, long covers,
                          long newDiners, long newFen, long returningDiners, long returningVisits, long returningFen,
                          long unknownFen, long topUpsFen, long storedValueUsedFen, long refundCount, long refundFen,
                          long wechatCount, long wechatFen, long counterCount, long counterFen,
                          long storedValueCount, long storedValueFen) {

  /** Average bill: meal sales over paid bills, rounded to the fen. */
  public long avgBasketFen() {
    return bills == 0 ? 0 : Math.round((double) salesFen / bills);
  }

  public RevenueChange.Side side() {
    return new RevenueChange.Side(newDiners, newFen, returningVisits, returningFen, unknownFen,
        topUpsFen - storedValueUsedFen);
  }

  /** A share of meal sales in percent, to one decimal. */
  public double shareOfSales(long fen) {
    return salesFen == 0 ? 0.0 : Math.round(fen * 1000.0 / salesFen) / 10.0;
  }
}
