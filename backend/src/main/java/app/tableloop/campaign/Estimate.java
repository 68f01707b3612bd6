package app.tableloop.campaign;

/** What a campaign is expected to cost, on the assumptions {@link CampaignRules} names. */
public record Estimate(double expectedRedemptions, long couponCostFen, long messageCostFen, long expectedRevenueFen) {
  public long totalCostFen() {
    return couponCostFen + messageCostFen;
  }
}
