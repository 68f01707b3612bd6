package app.tableloop.campaign.reminder;

import app.tableloop.loyalty.coupon.CouponTerms;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What is about to expire and not yet reminded of (read from loyalty's coupons and points lots, of active members,
 * each in the time zone of the store they joined at), and the brand's switch. Every statement binds the tenant.
 */
final class ExpiryReminders {
  /** A usable coupon of an active member, ending within the window, not yet reminded of. */
  record DueCoupon(UUID couponId, UUID memberId, String name, Instant validUntil, ZoneId zone) {
  }

  /** An active member's points left on lots whose last day is {@code lastDay}, not yet reminded of. */
  record DuePoints(UUID memberId, LocalDate lastDay, long points) {
  }

  Future<List<DueCoupon>> dueCoupons(SqlClient sql, UUID tenantId, Instant now, int limit) {
    return sql.preparedQuery("""
            SELECT c.id, c.member_id, c.valid_until, t.kind, t.threshold_fen, t.amount_off_fen, t.percent_off,
                   s.time_zone
              FROM coupons c
              JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
              JOIN members m ON m.tenant_id = c.tenant_id AND m.id = c.member_id AND m.status = 'active'
              JOIN stores s ON s.tenant_id = m.tenant_id AND s.id = m.joined_store_id
             WHERE c.tenant_id = $1 AND c.used_at IS NULL AND c.valid_until > $2 AND c.valid_until <= $3
               AND NOT EXISTS (SELECT 1 FROM member_messages r
                                WHERE r.tenant_id = c.tenant_id AND r.member_id = c.member_id
                                  AND r.reminder_key = 'coupon_expiry:' || c.id)
             ORDER BY c.valid_until, c.id
             LIMIT $4
            """)
        .execute(Tuple.of(tenantId, utc(now), utc(now.plus(ExpiryReminderRules.COUPON_WINDOW)), limit))
        .map(rows -> {
          List<DueCoupon> due = new ArrayList<>();
          for (Row row : rows) {
            due.add(new DueCoupon(row.getUUID("id"), row.getUUID("member_id"),
                ExpiryReminderRules.couponName(CouponTerms.Kind.fromWireName(row.getString("kind")),
                    row.getLong("threshold_fen"), row.getLong("amount_off_fen"), row.getInteger("percent_off")),
                row.getOffsetDateTime("valid_until").toInstant(), ZoneId.of(row.getString("time_zone"))));
          }
          return due;
        });
  }

  Future<List<DuePoints>> duePoints(SqlClient sql, UUID tenantId, Instant now, int limit) {
    return sql.preparedQuery("""
            SELECT d.member_id, d.last_day, sum(d.remaining) AS points
              FROM (SELECT l.member_id, l.remaining,
                           ((l.expires_at - interval '1 microsecond') AT TIME ZONE s.time_zone)::date AS last_day
                      FROM points_lots l
                      JOIN members m ON m.tenant_id = l.tenant_id AND m.id = l.member_id AND m.status = 'active'
                      JOIN stores s ON s.tenant_id = m.tenant_id AND s.id = m.joined_store_id
                     WHERE l.tenant_id = $1 AND l.remaining > 0 AND l.expires_at > $2 AND l.expires_at <= $3) d
             WHERE NOT EXISTS (SELECT 1 FROM member_messages r
                                WHERE r.tenant_id = $1 AND r.member_id = d.member_id
                                  AND r.reminder_key = 'points_expiry:' || d.last_day)
             GROUP BY d.member_id, d.last_day
             ORDER BY d.last_day, d.member_id
             LIMIT $4
            """)
        .execute(Tuple.of(tenantId, utc(now), utc(now.plus(ExpiryReminderRules.POINTS_WINDOW)), limit))
        .map(rows -> {
          List<DuePoints> due = new ArrayList<>();
          for (Row row : rows) {
            due.add(new DuePoints(row.getUUID("member_id"), row.getLocalDate("last_day"), row.getLong("points")));
          }
          return due;
        });
  }

  /** Whether the brand's reminders are on (they are, until switched off). */
  Future<Boolean> on(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT expiry_reminders FROM reminder_settings WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean("expiry_reminders"));
  }

  Future<Void> switchTo(SqlClient sql, UUID tenantId, boolean on, UUID userId, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO reminder_settings (tenant_id, expiry_reminders, updated_by, updated_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id) DO UPDATE
               SET expiry_reminders = excluded.expiry_reminders, updated_by = excluded.updated_by,
                   updated_at = excluded.updated_at
            """)
        .execute(Tuple.of(tenantId, on, userId, utc(now)))
        .mapEmpty();
  }

  /** How many members were reminded since {@code since}. */
  Future<Long> remindedSince(SqlClient sql, UUID tenantId, Instant since) {
    return sql.preparedQuery("SELECT count(DISTINCT member_id) AS reminded FROM member_messages"
            + " WHERE tenant_id = $1 AND reminder_key IS NOT NULL AND created_at >= $2")
        .execute(Tuple.of(tenantId, utc(since)))
        .map(rows -> rows.iterator().next().getLong("reminded"));
  }

  Future<ZoneId> storeZone(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT time_zone FROM stores WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> ZoneId.of(rows.iterator().next().getString("time_zone")));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
