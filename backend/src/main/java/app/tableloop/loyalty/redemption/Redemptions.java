package app.tableloop.loyalty.redemption;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Redemptions of points for coupons, each under the member's idempotency key, and the locks a redemption takes: the
 * template's row first, as every issue of a coupon does, then the member's, as every change of their points does, so
 * that a redemption never waits on a claim or an earn that waits on it.
 */
final class Redemptions {
  /** A template as a redemption reads it under its lock: what it is called and costs (null when not for points). */
  record Priced(String name, Integer pointsPrice) {
  }

  /** What a key redeemed before. */
  record Earlier(UUID templateId, UUID couponId) {
  }

  /**
   * The template, its row locked as an issue locks it (no key update, so coupons may still refer to it) until the
   * transaction ends: the owner cannot change its price meanwhile.
   */
  Future<Optional<Priced>> lockTemplate(SqlClient sql, UUID tenantId, UUID templateId) {
    return sql.preparedQuery("SELECT name, points_price FROM coupon_templates WHERE tenant_id = $1 AND id = $2"
            + " FOR NO KEY UPDATE")
        .execute(Tuple.of(tenantId, templateId))
        .map(rows -> Rows.first(rows, row -> new Priced(row.getString("name"), row.getInteger("points_price"))));
  }

  /** The diner's active member here, locked: one member's redemptions run one after the other. */
  Future<Optional<UUID>> lockMember(SqlClient sql, UUID tenantId, UUID userId) {
    return member(sql, tenantId, userId, " FOR UPDATE");
  }

  /** The diner's active member here. */
  Future<Optional<UUID>> member(SqlClient sql, UUID tenantId, UUID userId) {
    return member(sql, tenantId, userId, "");
  }

  private Future<Optional<UUID>> member(SqlClient sql, UUID tenantId, UUID userId, String lock) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'"
            + lock)
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> Rows.first(rows, row -> row.getUUID("id")));
  }

  Future<Optional<Earlier>> byKey(SqlClient sql, UUID tenantId, UUID memberId, String key) {
    return sql.preparedQuery("SELECT template_id, coupon_id FROM points_redemptions"
            + " WHERE tenant_id = $1 AND member_id = $2 AND idempotency_key = $3")
        .execute(Tuple.of(tenantId, memberId, key))
        .map(rows -> Rows.first(rows, row -> new Earlier(row.getUUID("template_id"), row.getUUID("coupon_id"))));
  }

  Future<Void> record(SqlClient sql, UUID tenantId, UUID memberId, String key, UUID templateId, UUID couponId,
                      UUID entryId, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO points_redemptions (tenant_id, member_id, idempotency_key, template_id, coupon_id, entry_id,
                                            redeemed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """)
        .execute(Tuple.of(tenantId, memberId, key, templateId, couponId, entryId, now.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }
}
