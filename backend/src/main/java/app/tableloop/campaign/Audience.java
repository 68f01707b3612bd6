package app.tableloop.campaign;

/** Who a campaign would reach, as counted from the tenant's members now. */
public record Audience(long count, long avgBasketFen, long reachableBySms) {
}
