package app.tableloop.campaign;

/**
 * What a campaign came to, live: members reached, coupons issued and messages sent; the campaign's coupons redeemed by
 * paid orders not refunded in full, those orders and what they paid less their refunds; its cost (the coupon value
 * those orders were given, and the SMS at their price); and, labelled apart, visits paid by reached members within the
 * window after they were reached.
 */
public record Results(long reached, long couponsIssued, long smsSent, long messagesSent, long couponsRedeemed,
                      long attributedOrders, long attributedRevenueFen, long couponCostFen, long messageCostFen,
                      long visitsInWindow, int windowDays) {
  public long costFen() {
    return couponCostFen + messageCostFen;
  }

  /** Revenue over cost; null while nothing cost anything. */
  public Double returnOnCost() {
    return costFen() == 0 ? null : Math.round(attributedRevenueFen * 100.0 / costFen()) / 100.0;
  }
}
