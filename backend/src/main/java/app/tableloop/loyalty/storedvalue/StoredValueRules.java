package app.tableloop.loyalty.storedvalue;

/**
 * How a balance of principal (money the member paid) and bonus (money the restaurant gave) is spent and given back.
 * <ul>
 *   <li>A payment takes principal and bonus in proportion to the balance, so a balance keeps its mix to the last fen;
 *       the principal share is rounded down, so rounding favours the member's principal, and paying the whole balance
 *       takes exactly all of both.</li>
 *   <li>A refund of a stored-value payment goes back to the balance in the proportions the payment took, counted over
 *       all refunds of it so that partial refunds add up to exactly what the payment took.</li>
 *   <li>Unspent principal handed back in money forfeits the bonus in proportion (handing back all of it forfeits all
 *       the bonus): the bonus came with the principal and goes with it.</li>
 * </ul>
 */
public final class StoredValueRules {
  private StoredValueRules() {
  }

  /** Principal and bonus, in fen. */
  public record Split(long principalFen, long bonusFen) {
    public long totalFen() {
      return principalFen + bonusFen;
    }
  }

  /** What a payment of {@code amountFen} takes from the balance; the caller has checked it covers the amount. */
  public static Split spend(long amountFen, Split balance) {
    if (amountFen <= 0 || amountFen > balance.totalFen()) {
      throw new IllegalArgumentException("a payment takes between 1 fen and the whole balance");
    }
    long principal = Math.multiplyExact(amountFen, balance.principalFen()) / balance.totalFen();
    return new Split(principal, amountFen - principal);
  }

  /**
   * What a refund of {@code refundFen} returns to the balance, of a payment that took {@code taken}, when refunds of it
   * have already returned {@code returnedBeforeFen} in all.
   */
  public static Split giveBack(Split taken, long returnedBeforeFen, long refundFen) {
    long returnedAfter = returnedBeforeFen + refundFen;
    if (refundFen <= 0 || returnedAfter > taken.totalFen()) {
      throw new IllegalArgumentException("refunds return at most what the payment took");
    }
    long principal = principalOf(taken, returnedAfter) - principalOf(taken, returnedBeforeFen);
    return new Split(principal, refundFen - principal);
  }

  /** The bonus forfeited when {@code principalFen} of the balance's principal is handed back. */
  public static long forfeitedBonus(long principalFen, Split balance) {
    if (principalFen <= 0 || principalFen > balance.principalFen()) {
      throw new IllegalArgumentException("only unspent principal is handed back");
    }
    return principalFen == balance.principalFen() ? balance.bonusFen()
        : Math.multiplyExact(principalFen, balance.bonusFen()) / balance.principalFen();
  }

  private static long principalOf(Split taken, long returnedFen) {
    return Math.multiplyExact(returnedFen, taken.principalFen()) / taken.totalFen();
  }
}
