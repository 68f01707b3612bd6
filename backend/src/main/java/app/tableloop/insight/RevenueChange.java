package app.tableloop.insight;

/**
 * Revenue of a period and of the one before, as the settlement nets it: meal sales split by who paid (diners whose
 * first bill at the brand falls in the period, returning diners: how many bills, how much; bills no diner is known
 * for), and stored value sold less the meals its balances paid (money taken at the top-up, not at the meal).
 */
public record RevenueChange(Side current, Side previous) {

  /**
   * One period's sales by who paid ({@code newFen + returningFen + otherFen}), and {@code storedValueFen}: top-ups
   * sold less meals paid from balances, which makes sales the settlement's net.
   */
  public record Side(long newDiners, long newFen, long returningVisits, long returningFen, long otherFen,
                     long storedValueFen) {
    public long salesFen() {
      return newFen + returningFen + otherFen;
    }

    public long revenueFen() {
      return salesFen() + storedValueFen;
    }

    /** Returning diners' average bill, rounded to the fen; 0 without returning bills. */
    public long returningBasketFen() {
      return returningVisits == 0 ? 0 : Math.round((double) returningFen / returningVisits);
    }
  }

  public long changeFen() {
    return current.revenueFen() - previous.revenueFen();
  }
}
