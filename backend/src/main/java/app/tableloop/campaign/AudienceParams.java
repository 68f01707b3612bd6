package app.tableloop.campaign;

/**
 * What picks a campaign's members, each editable by the owner: the sleeping window and basket floor of a win-back,
 * the visits, multiplier and reward share of a basket boost, the join window of a welcome and the lead days of a
 * birthday. A type reads only its own.
 */
public record AudienceParams(int minDays, int maxDays, long minAvgBasketFen, int minVisits, int multiplierPercent,
                             int rewardPercent, int joinedWithinDays, int daysBefore) {
}
