package app.tableloop.loyalty.coupon;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.loyalty.level.DefaultLevels;
import app.tableloop.menu.Dish;
import app.tableloop.menu.PricedLine;
import app.tableloop.ordering.CouponChoice;
import app.tableloop.ordering.OrderAdjustment;
import app.tableloop.ordering.PriceAdjustments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkout's prices for the diner placing an order: their membership, level and coupons read in one statement, the
 * {@link CheckoutRules} applied, and on placement the coupon chosen redeemed in the order's transaction. A diner who
 * is no member costs that one read and gets menu prices.
 */
public final class Checkout implements PriceAdjustments {
  private final Coupons coupons;
  private final Clock clock;

  public Checkout(Clock clock) {
    this.coupons = new Coupons();
    this.clock = clock;
  }

  /** A quote for the user, and the member they are here (empty when they are none). */
  record Priced(Optional<UUID> memberId, CheckoutRules.Outcome outcome) {
  }

  @Override
  public Future<List<OrderAdjustment>> adjust(SqlClient sql, UUID tenantId, UUID userId, UUID orderId, UUID storeId,
                                              List<UUID> dishIds, Future<List<PricedLine>> lines,
                                              CouponChoice coupon) {
    Instant now = clock.instant();
    return quote(sql, tenantId, userId, storeId, dishIds, lines, coupon, now).compose(priced -> {
      CheckoutRules.Outcome outcome = priced.outcome();
      if (!outcome.priced()) {
        return refuse(outcome.refusal());
      }
      Optional<Coupon> chosen = outcome.quote().chosen();
      return chosen.isEmpty() ? Future.succeededFuture(outcome.quote().adjustments())
          : coupons.redeem(sql, tenantId, chosen.get().id(), priced.memberId().orElseThrow(), orderId, now)
              .compose(redeemed -> redeemed ? Future.succeededFuture(outcome.quote().adjustments())
                  : refuse(CouponRefusal.COUPON_USED));
    });
  }

  /** The price of these lines for the user, with the coupon chosen; nothing is redeemed. */
  Future<Priced> quote(SqlClient sql, UUID tenantId, UUID userId, List<PricedLine> lines, CouponChoice choice,
                       Instant now) {
    List<UUID> dishIds = lines.stream().map(line -> line.dish().id()).distinct().toList();
    UUID storeId = lines.isEmpty() ? null : lines.get(0).dish().storeId();
    return quote(sql, tenantId, userId, storeId, dishIds, Future.succeededFuture(lines), choice, now);
  }

  /** The quote, its read sent at once and the lines priced when they come. */
  private Future<Priced> quote(SqlClient sql, UUID tenantId, UUID userId, UUID storeId, List<UUID> dishIds,
                               Future<List<PricedLine>> lines, CouponChoice choice, Instant now) {
    Future<RowSet<Row>> read = sql.preparedQuery("""
            SELECT m.id AS member_id, m.visits, m.level_rank, l.name AS level_name, l.member_prices,
                   l.discount_percent,
                   EXISTS (SELECT 1 FROM loyalty_levels own WHERE own.tenant_id = $1) AS own_levels,
                   (SELECT coalesce(json_agg(\s""" + Coupons.COUPON_JSON + """
                       ORDER BY c.valid_until), '[]')
                      FROM coupons c JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
                     WHERE c.tenant_id = $1 AND c.member_id = m.id
                       AND ((c.used_at IS NULL AND c.valid_until > $4) OR c.id = $5)) AS coupons,
                   (SELECT coalesce(json_object_agg(d.id, d.category_id), '{}')
                      FROM dishes d WHERE d.tenant_id = $1 AND d.id = ANY($3)) AS categories,
                   (SELECT s.time_zone FROM stores s WHERE s.tenant_id = $1 AND s.id = $6) AS time_zone
              FROM members m
              LEFT JOIN loyalty_levels l ON l.tenant_id = m.tenant_id AND l.rank = m.level_rank
             WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.status = 'active'
            """)
        .execute(Tuple.of(tenantId, userId, dishIds.toArray(UUID[]::new), now.atOffset(ZoneOffset.UTC),
            choice.couponId().orElse(null), storeId));
    return lines.compose(priced -> read.map(rows -> {
      if (rows.rowCount() == 0) {
        // No member holds no coupon, so no hour of any zone matters.
        return new Priced(Optional.empty(), CheckoutRules.quote(checkoutLines(priced, new JsonObject()),
            CheckoutRules.Diner.NOT_A_MEMBER, choice, now, storeId, ZoneOffset.UTC));
      }
      Row row = rows.iterator().next();
      JsonObject categories = row.getJsonObject("categories");
      return new Priced(Optional.of(row.getUUID("member_id")), CheckoutRules.quote(
          checkoutLines(priced, categories), diner(row), choice, now, storeId, storeZone(row)));
    }));
  }

  /**
   * The member as checkout sees them: their level's benefits, from the tenant's own levels or, when it defined none,
   * the built-in ones.
   */
  private static CheckoutRules.Diner diner(Row row) {
    List<Coupon> wallet = ((JsonArray) row.getValue("coupons")).stream().map(JsonObject.class::cast)
        .map(Coupons::coupon).toList();
    boolean firstVisit = row.getInteger("visits") == 0;
    if (row.getString("level_name") != null) {
      return new CheckoutRules.Diner(true, row.getString("level_name"), row.getBoolean("member_prices"),
          row.getInteger("discount_percent"), firstVisit, wallet);
    }
    Optional<DefaultLevels.Level> level = row.getBoolean("own_levels") ? Optional.empty()
        : DefaultLevels.of(row.getInteger("level_rank"));
    return level.map(found -> new CheckoutRules.Diner(true, found.name(), found.memberPrices(),
            found.discountPercent(), firstVisit, wallet))
        .orElseGet(() -> new CheckoutRules.Diner(true, "", false, 0, firstVisit, wallet));
  }

  /** The time zone of the store the lines are from: a coupon's valid hours are its local hours. */
  private static ZoneId storeZone(Row row) {
    String zone = row.getString("time_zone");
    return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
  }

  private static List<CheckoutRules.Line> checkoutLines(List<PricedLine> lines, JsonObject categories) {
    return lines.stream().map(line -> {
      Dish dish = line.dish();
      String category = categories.getString(dish.id().toString());
      long memberSaving = dish.memberPriceFen() != null && dish.memberPriceFen() < dish.priceFen()
          ? dish.priceFen() - dish.memberPriceFen() : 0;
      return new CheckoutRules.Line(dish.id(), category == null ? null : UUID.fromString(category),
          line.quantity(), line.unitPriceFen(), line.unitPriceFen() - memberSaving);
    }).toList();
  }
}
