package app.tableloop.referral;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Reads the referral programme's outcome for a campaign card, in the caller's tenant transaction. */
public final class ReferralOutcomes {
  private final Referrals referrals = new Referrals();

  public Future<ReferralOutcome> of(SqlClient sql, UUID tenantId) {
    return referrals.settings(sql, tenantId)
        .compose(settings -> coupon(sql, tenantId, settings.friendTemplateId())
            .compose(friend -> coupon(sql, tenantId, settings.sharerTemplateId())
                .compose(sharer -> sql.preparedQuery("""
                        SELECT (SELECT count(*) FROM members WHERE tenant_id = $1 AND status = 'active') AS members,
                               (SELECT coalesce(sum(spend_fen) / nullif(sum(visits), 0), 0) FROM members
                                 WHERE tenant_id = $1 AND status = 'active') AS avg_basket_fen,
                               (SELECT count(*) FROM referrals WHERE tenant_id = $1 AND outcome = 'counted') AS joined,
                               (SELECT count(*) FROM referrals WHERE tenant_id = $1 AND outcome = 'counted'
                                   AND first_paid_at IS NOT NULL) AS paid,
                               (SELECT count(*) FROM referral_rewards WHERE tenant_id = $1 AND coupon_id IS NOT NULL)
                                 AS rewards,
                               (SELECT coalesce(sum(v.amount_fen - v.refunded_fen), 0)
                                  FROM referrals r
                                  JOIN members m ON m.tenant_id = r.tenant_id AND m.id = r.friend_member_id
                                  JOIN diner_visits v ON v.tenant_id = r.tenant_id AND v.user_id = m.user_id
                                   AND v.paid_at >= r.joined_at
                                 WHERE r.tenant_id = $1 AND r.outcome = 'counted') AS revenue_fen
                        """)
                    .execute(Tuple.of(tenantId))
                    .map(rows -> {
                      Row row = rows.iterator().next();
                      return new ReferralOutcome(settings, friend, sharer, row.getLong("members"),
                          row.getLong("avg_basket_fen"), row.getLong("joined"), row.getLong("paid"),
                          row.getLong("rewards"), row.getLong("revenue_fen"));
                    }))));
  }

  private static Future<Optional<ReferralOutcome.CouponFace>> coupon(SqlClient sql, UUID tenantId,
                                                                     Optional<UUID> templateId) {
    if (templateId.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return sql.preparedQuery("""
            SELECT name, kind, threshold_fen, amount_off_fen, percent_off, cap_fen, valid_days
              FROM coupon_templates WHERE tenant_id = $1 AND id = $2
            """)
        .execute(Tuple.of(tenantId, templateId.get()))
        .map(rows -> Rows.first(rows, ReferralOutcomes::face));
  }

  private static ReferralOutcome.CouponFace face(Row row) {
    return new ReferralOutcome.CouponFace(row.getString("name"), row.getString("kind"), row.getLong("threshold_fen"),
        row.getLong("amount_off_fen"), row.getInteger("percent_off"), row.getLong("cap_fen"),
        row.getInteger("valid_days"));
  }
}
