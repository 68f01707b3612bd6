package app.tableloop.insight;

/**
 * Meal sales of a period and of the one before, split by who paid: diners whose first bill at the brand falls in the
 * period, returning diners (how many bills, how much), and bills no diner is known for.
 */
public record RevenueChange(Side current, Side previous) {

  /** One period's sales by who paid; {@code newFen + returningFen + otherFen} is the period's sales. */
  public record Side(long newDiners, long newFen, long returningVisits, long returningFen, long otherFen) {
    public long salesFen() {
      return newFen + returningFen + otherFen;
    }

    /** Returning diners' average bill, rounded to the fen; 0 without returning bills. */
    public long returningBasketFen() {
      return returningVisits == 0 ? 0 : Math.round((double) returningFen / returningVisits);
    }
  }

  public long changeFen() {
    return current.salesFen() - previous.salesFen();
  }
}
