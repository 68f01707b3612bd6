package app.tableloop.ordering;

import app.tableloop.menu.PricedLine;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;

/**
 * Ordering's port for what a placed order is given off its menu prices (member prices, level discounts, coupons),
 * implemented by the feature that knows members. It runs inside the placement transaction, so that what it takes
 * (a coupon redeemed for the order) commits with the order or not at all.
 */
public interface PriceAdjustments {

  /**
   * The adjustments of the order {@code orderId} (not written yet) that {@code userId} places at {@code storeId} with
   * {@code lines} of the dishes {@code dishIds}, priced at menu prices; whatever they use up is taken for the order.
   * Fails with a refusal (4xx) when the coupon chosen cannot be used on it, and as {@code lines} fails when they do.
   * The lines may still be on their way from the database: what the adjustments read is sent at once, beside the read
   * that prices them.
   */
  Future<List<OrderAdjustment>> adjust(SqlClient sql, UUID tenantId, UUID userId, UUID orderId, UUID storeId,
                                       List<UUID> dishIds, Future<List<PricedLine>> lines, CouponChoice coupon);
}
