package app.tableloop.loyalty.coupon;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Coupons in members' wallets, each read with its template's terms as one JSON object. */
final class Coupons {
  /** A coupon with its template's name and terms; {@code c} is its row, {@code t} its template's. */
  static final String COUPON_JSON = "json_build_object('id', c.id, 'template_id', c.template_id,"
      + " 'member_id', c.member_id, " + CouponTemplates.TERMS_FIELDS + """
      , 'source', c.source, 'issued_at', c.issued_at, 'valid_from', c.valid_from, 'valid_until', c.valid_until,
      'used_at', c.used_at, 'order_id', c.order_id)""";

  /** The member's coupons in this state at {@code now}, soonest to expire (or latest used) first. */
  Future<List<Coupon>> wallet(SqlClient sql, UUID tenantId, UUID memberId, Coupon.State state, Instant now) {
    String condition = switch (state) {
      case AVAILABLE -> "c.used_at IS NULL AND c.valid_until > $3 ORDER BY c.valid_until, c.id";
      case USED -> "c.used_at IS NOT NULL ORDER BY c.used_at DESC, c.id";
      case EXPIRED -> "c.used_at IS NULL AND c.valid_until <= $3 ORDER BY c.valid_until DESC, c.id";
    };
    Tuple parameters = Tuple.of(tenantId, memberId);
    if (state != Coupon.State.USED) {
      parameters.addOffsetDateTime(now.atOffset(ZoneOffset.UTC));
    }
    return sql.preparedQuery("SELECT " + COUPON_JSON + " AS coupon FROM coupons c"
            + " JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id"
            + " WHERE c.tenant_id = $1 AND c.member_id = $2 AND " + condition + " LIMIT 200")
        .execute(parameters)
        .map(rows -> rows.stream().map(row -> coupon(row.getJsonObject("coupon"))).toList());
  }

  /**
   * Redeems the member's coupon for the order, if it is still unused and valid: its row lock makes two orders
   * racing for it queue, and the second finds it used.
   */
  Future<Boolean> redeem(SqlClient sql, UUID tenantId, UUID couponId, UUID memberId, UUID orderId, Instant now) {
    return sql.preparedQuery("""
            UPDATE coupons SET used_at = $5, order_id = $4
             WHERE tenant_id = $1 AND id = $2 AND member_id = $3 AND used_at IS NULL
               AND valid_from <= $5 AND valid_until > $5
            """)
        .execute(Tuple.of(tenantId, couponId, memberId, orderId, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The coupon the order redeemed, back in its wallet unless it has expired meanwhile; answers how many. */
  Future<Integer> giveBack(SqlClient sql, UUID tenantId, UUID orderId, Instant now) {
    return sql.preparedQuery("""
            UPDATE coupons SET used_at = NULL, order_id = NULL
             WHERE tenant_id = $1 AND order_id = $2 AND valid_until > $3
            """)
        .execute(Tuple.of(tenantId, orderId, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount());
  }

  /**
   * As {@link #giveBack}, once the order is refunded in full (its succeeded refunds reach what it cost); a partial
   * refund keeps the coupon used.
   */
  Future<Integer> giveBackIfRefundedInFull(SqlClient sql, UUID tenantId, UUID orderId, Instant now) {
    return sql.preparedQuery("""
            UPDATE coupons SET used_at = NULL, order_id = NULL
             WHERE tenant_id = $1 AND order_id = $2 AND valid_until > $3
               AND (SELECT coalesce(sum(amount_fen), 0) FROM refunds
                     WHERE tenant_id = $1 AND order_id = $2 AND status = 'succeeded')
                   >= (SELECT total_fen FROM orders WHERE tenant_id = $1 AND id = $2)
            """)
        .execute(Tuple.of(tenantId, orderId, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount());
  }

  /** The user's member id in the tenant, when they are an active member. */
  Future<Optional<UUID>> memberOf(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'")
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> Rows.first(rows, row -> row.getUUID("id")));
  }

  static Coupon coupon(JsonObject json) {
    String order = json.getString("order_id");
    return new Coupon(UUID.fromString(json.getString("id")), UUID.fromString(json.getString("template_id")),
        UUID.fromString(json.getString("member_id")), json.getString("name"), CouponTemplates.terms(json),
        CouponSource.fromWireName(json.getString("source")), CouponTemplates.time(json, "issued_at"),
        CouponTemplates.time(json, "valid_from"), CouponTemplates.time(json, "valid_until"),
        CouponTemplates.time(json, "used_at"), order == null ? null : UUID.fromString(order));
  }
}
