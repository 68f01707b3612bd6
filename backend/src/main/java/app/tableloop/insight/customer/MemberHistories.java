package app.tableloop.insight.customer;

import app.tableloop.loyalty.coupon.Coupon;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a member did at the brand, for their history: visits by day and store with their dishes, and their coupons. */
final class MemberHistories {
  /** Visits and coupons shown at most. */
  static final int LIMIT = 50;

  /**
   * The diner's paid visits grouped by store and local day (in the store's time zone), newest first: the bills paid,
   * the money kept (refunds taken off) and the dishes, by portions.
   */
  Future<JsonArray> visits(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("""
            WITH paid AS (
                SELECT v.store_id, s.name AS store_name, (v.paid_at AT TIME ZONE s.time_zone)::date AS day, v.paid_at,
                       v.amount_fen - v.refunded_fen AS amount_fen, v.dishes
                  FROM diner_visits v JOIN stores s ON s.id = v.store_id AND s.tenant_id = v.tenant_id
                 WHERE v.tenant_id = $1 AND v.user_id = $2)
            SELECT p.day, p.store_id, min(p.store_name) AS store_name, count(*) AS bills,
                   sum(p.amount_fen) AS amount_fen, max(p.paid_at) AS last_paid_at,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('name', d.name, 'quantity', d.quantity)
                                              ORDER BY d.quantity DESC, d.name), '[]'::jsonb)
                      FROM (SELECT e ->> 'name' AS name, sum((e ->> 'quantity')::int) AS quantity
                              FROM paid q, jsonb_array_elements(q.dishes) e
                             WHERE q.day = p.day AND q.store_id = p.store_id
                             GROUP BY e ->> 'name') d) AS dishes
              FROM paid p
             GROUP BY p.day, p.store_id
             ORDER BY last_paid_at DESC LIMIT $3
            """)
        .execute(Tuple.of(tenantId, userId, LIMIT))
        .map(rows -> {
          List<JsonObject> visits = new ArrayList<>();
          rows.forEach(row -> visits.add(new JsonObject()
              .put("date", row.getLocalDate("day").toString())
              .put("store_id", row.getUUID("store_id").toString())
              .put("store_name", row.getString("store_name"))
              .put("bills", row.getLong("bills"))
              .put("amount_fen", row.getLong("amount_fen"))
              .put("dishes", json(row.getValue("dishes")))));
          return new JsonArray(visits);
        });
  }

  /**
   * The member's coupons, newest first, with where each came from: a campaign (with its title), a referral (the
   * friend's welcome or the sharer's reward: referral issues them as campaign coupons that no campaign sent), the
   * owner's grant, a claim, or points.
   */
  Future<JsonArray> coupons(SqlClient sql, UUID tenantId, UUID memberId, Instant now) {
    return sql.preparedQuery("""
            SELECT c.id, t.name AS title, c.issued_at, c.valid_from, c.valid_until, c.used_at, ca.title AS campaign,
                   CASE WHEN ca.id IS NOT NULL THEN 'campaign'
                        WHEN EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id
                                        AND f.welcome_coupon_id = c.id)
                          OR EXISTS (SELECT 1 FROM referral_rewards w WHERE w.tenant_id = c.tenant_id
                                        AND w.coupon_id = c.id) THEN 'referral'
                        WHEN c.source = 'owner' THEN 'grant'
                        ELSE c.source END AS source
              FROM coupons c
              JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
              LEFT JOIN campaign_recipients r ON r.tenant_id = c.tenant_id AND r.coupon_id = c.id
              LEFT JOIN campaigns ca ON ca.tenant_id = r.tenant_id AND ca.id = r.campaign_id
             WHERE c.tenant_id = $1 AND c.member_id = $2
             ORDER BY c.issued_at DESC, c.id LIMIT $3
            """)
        .execute(Tuple.of(tenantId, memberId, LIMIT))
        .map(rows -> {
          List<JsonObject> coupons = new ArrayList<>();
          rows.forEach(row -> coupons.add(new JsonObject()
              .put("coupon_id", row.getUUID("id").toString())
              .put("title", row.getString("title"))
              .put("state", state(row, now).wireName())
              .put("issued_at", row.getOffsetDateTime("issued_at").toString())
              .put("valid_until", row.getOffsetDateTime("valid_until").toString())
              .put("source", row.getString("source"))
              .put("campaign_title", row.getString("campaign"))));
          return new JsonArray(coupons);
        });
  }

  /** The coupon's state by the wallet's own rule. */
  private static Coupon.State state(Row row, Instant now) {
    return new Coupon(row.getUUID("id"), null, null, row.getString("title"), null, null,
        row.getOffsetDateTime("issued_at").toInstant(), row.getOffsetDateTime("valid_from").toInstant(),
        row.getOffsetDateTime("valid_until").toInstant(), instant(row.getOffsetDateTime("used_at")), null).state(now);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static JsonArray json(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
  }
}
