package app.tableloop.campaign;

/**
 * The coupon a campaign gives: 满 {@code thresholdFen} 减 {@code amountOffFen}, valid {@code validityDays} days from
 * issue. A per-member offer shows the terms for the audience's average basket; each member gets the terms of their own.
 */
public record Offer(long thresholdFen, long amountOffFen, int validityDays, boolean perMember) {
  public static final String KIND = "amount_off";
}
