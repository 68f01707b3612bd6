package app.tableloop.campaign;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Launched campaigns, each read with its results computed live from its recipients, coupons and orders. */
final class Campaigns {
  /**
   * A campaign row {@code c} with its results: the orders paid with its coupons (revenue what they paid less what was
   * refunded of them, cost the coupon's line on them), and visits paid by its reached members within the window after
   * they were reached. An order refunded in full is no sale: neither its revenue nor its coupon counts, also when its
   * coupon had expired and so was not given back (one given back no longer names the order).
   */
  private static final String WITH_RESULTS = """
      SELECT c.*,
             (SELECT count(*) FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.state = 'sent') AS reached,
             (SELECT count(r.coupon_id) FROM campaign_recipients r WHERE r.campaign_id = c.id) AS coupons_issued,
             (SELECT count(*) FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.sms_state = 'sent')
                 AS sms_sent,
             (SELECT count(*) FROM member_messages mm WHERE mm.tenant_id = c.tenant_id AND mm.campaign_id = c.id)
                 AS messages_sent,
             redeemed.coupons AS coupons_redeemed, redeemed.orders AS attributed_orders,
             redeemed.revenue AS attributed_revenue_fen, redeemed.coupon_cost AS coupon_cost_fen,
             visited.visits AS visits_in_window
        FROM campaigns c
        LEFT JOIN LATERAL (
            SELECT count(*) AS coupons, count(DISTINCT o.id) AS orders,
                   coalesce(sum(o.total_fen - refunded.fen), 0) AS revenue,
                   coalesce(sum((SELECT sum((a ->> 'amount_fen')::bigint) FROM jsonb_array_elements(o.adjustments) a
                                  WHERE a ->> 'coupon_id' = cp.id::text)), 0) AS coupon_cost
              FROM campaign_recipients r
              JOIN coupons cp ON cp.tenant_id = r.tenant_id AND cp.id = r.coupon_id
              JOIN orders o ON o.tenant_id = r.tenant_id AND o.id = cp.order_id AND o.paid_by IS NOT NULL
             CROSS JOIN LATERAL (
                 SELECT coalesce(sum(f.amount_fen), 0) AS fen FROM refunds f
                  WHERE f.tenant_id = o.tenant_id AND f.order_id = o.id AND f.status = 'succeeded') refunded
             WHERE r.campaign_id = c.id AND (refunded.fen = 0 OR refunded.fen < o.total_fen)) redeemed ON true
        LEFT JOIN LATERAL (
            SELECT count(*) AS visits
              FROM campaign_recipients r
              JOIN members m ON m.tenant_id = r.tenant_id AND m.id = r.member_id
              JOIN diner_visits v ON v.tenant_id = r.tenant_id AND v.user_id = m.user_id
                                 AND v.paid_at >= r.sent_at AND v.paid_at < r.sent_at + make_interval(days => $2)
             WHERE r.campaign_id = c.id AND r.state = 'sent') visited ON true
      """;

  /**
   * Writes a new campaign unless the tenant already has one launched with this key; answers its id and whether this
   * call wrote it.
   */
  Future<Optional<UUID>> insert(SqlClient sql, UUID tenantId, UUID storeId, List<UUID> storeIds, CampaignType type,
                                CampaignStatus status, Offer offer, AudienceParams params, String message,
                                Long budgetFen, Instant startsAt, String idempotencyKey, UUID createdBy) {
    return sql.preparedQuery("""
            INSERT INTO campaigns (tenant_id, store_id, type, title, status, offer, params, message, budget_fen,
                                   starts_at, idempotency_key, created_by, store_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            RETURNING id
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, storeId, type.wireName(), type.title(), status.wireName(),
            CampaignJson.offer(offer), CampaignJson.params(type, params), message, budgetFen,
            startsAt.atOffset(ZoneOffset.UTC), idempotencyKey, createdBy, storeIds.toArray(UUID[]::new))))
        .map(rows -> Rows.first(rows, row -> row.getUUID("id")));
  }

  /** The campaign launched with this key, and its type. */
  Future<Optional<Keyed>> byKey(SqlClient sql, UUID tenantId, String idempotencyKey) {
    return sql.preparedQuery("SELECT id, type FROM campaigns WHERE tenant_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(tenantId, idempotencyKey))
        .map(rows -> Rows.first(rows, row -> new Keyed(row.getUUID("id"),
            CampaignType.fromWireName(row.getString("type")).orElseThrow())));
  }

  record Keyed(UUID id, CampaignType type) {
  }

  Future<Void> addOffer(SqlClient sql, UUID tenantId, UUID campaignId, UUID templateId, long thresholdFen,
                        long amountOffFen) {
    return sql.preparedQuery("""
            INSERT INTO campaign_offers (campaign_id, tenant_id, template_id, threshold_fen, amount_off_fen)
            VALUES ($1, $2, $3, $4, $5)
            """)
        .execute(Tuple.of(campaignId, tenantId, templateId, thresholdFen, amountOffFen))
        .mapEmpty();
  }

  Future<Optional<Campaign>> find(SqlClient sql, UUID tenantId, UUID campaignId) {
    return sql.preparedQuery(WITH_RESULTS + " WHERE c.tenant_id = $1 AND c.id = $3")
        .execute(Tuple.of(tenantId, CampaignRules.VISIT_WINDOW_DAYS, campaignId))
        .map(rows -> Rows.first(rows, Campaigns::campaign));
  }

  Future<List<Campaign>> list(SqlClient sql, UUID tenantId) {
    return launched(sql, tenantId).map(list -> list.stream().map(CampaignResults.Launched::campaign).toList());
  }

  /** The tenant's newest 200 campaigns, each with the store it was launched from. */
  Future<List<CampaignResults.Launched>> launched(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery(WITH_RESULTS + " WHERE c.tenant_id = $1 ORDER BY c.created_at DESC, c.id LIMIT 200")
        .execute(Tuple.of(tenantId, CampaignRules.VISIT_WINDOW_DAYS))
        .map(rows -> {
          List<CampaignResults.Launched> campaigns = new java.util.ArrayList<>();
          rows.forEach(row -> campaigns.add(new CampaignResults.Launched(row.getUUID("store_id"), campaign(row))));
          return campaigns;
        });
  }

  /** The tenant's live (scheduled, running or paused) campaign of each type that has one. */
  Future<List<Keyed>> live(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT id, type FROM campaigns WHERE tenant_id = $1"
            + " AND status IN ('scheduled', 'running', 'paused')")
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          List<Keyed> live = new java.util.ArrayList<>();
          rows.forEach(row -> live.add(new Keyed(row.getUUID("id"),
              CampaignType.fromWireName(row.getString("type")).orElseThrow())));
          return live;
        });
  }

  /** The campaign's status, its row locked until the transaction ends: what a pause, resume or stop reads first. */
  Future<Optional<CampaignStatus>> lockStatus(SqlClient sql, UUID tenantId, UUID campaignId) {
    return sql.preparedQuery("SELECT status FROM campaigns WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
        .execute(Tuple.of(tenantId, campaignId))
        .map(rows -> Rows.first(rows, row -> CampaignStatus.fromWireName(row.getString("status"))));
  }

  /** Sets the status; a campaign resumed before its start is scheduled again rather than running. */
  Future<Void> setStatus(SqlClient sql, UUID tenantId, UUID campaignId, CampaignStatus status, Instant now) {
    return sql.preparedQuery("""
            UPDATE campaigns
               SET status = CASE WHEN $3::text = 'running' AND starts_at > $4 THEN 'scheduled' ELSE $3::text END
             WHERE tenant_id = $1 AND id = $2
            """)
        .execute(Tuple.of(tenantId, campaignId, status.wireName(), now.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private static Campaign campaign(Row row) {
    CampaignType type = CampaignType.fromWireName(row.getString("type")).orElseThrow();
    JsonObject offer = (JsonObject) row.getValue("offer");
    JsonObject params = (JsonObject) row.getValue("params");
    return new Campaign(row.getUUID("id"), type, row.getString("title"),
        CampaignStatus.fromWireName(row.getString("status")), CampaignJson.offer(offer),
        CampaignJson.params(params, CampaignRules.defaultParams(0)), row.getString("message"),
        row.getLong("budget_fen"), List.of(row.getArrayOfUUIDs("store_ids")),
        row.getOffsetDateTime("starts_at").toInstant(),
        row.getOffsetDateTime("created_at").toInstant(),
        new Results(row.getLong("reached"), row.getLong("coupons_issued"), row.getLong("sms_sent"),
            row.getLong("messages_sent"), row.getLong("coupons_redeemed"), row.getLong("attributed_orders"),
            row.getLong("attributed_revenue_fen"), row.getLong("coupon_cost_fen"),
            row.getLong("sms_sent") * CampaignRules.SMS_PRICE_FEN, row.getLong("visits_in_window"),
            CampaignRules.VISIT_WINDOW_DAYS));
  }
}
