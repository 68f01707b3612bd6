package app.tableloop.loyalty.coupon;

import static app.tableloop.platform.http.Refusals.refuse;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Issues a coupon of a template into a member's wallet, however it is given: by the owner, a claim, points or a
 * campaign. The stock is taken first, under the template's row lock, so issues of one template queue and never
 * exceed its stock; the member's count is read after that lock is held, so it sees every coupon issued before and
 * the per-member limit holds too. A refusal leaves nothing changed.
 */
public final class CouponIssuing {
  private final CouponTemplates templates;
  private final Clock clock;

  public CouponIssuing(Clock clock) {
    this.templates = new CouponTemplates();
    this.clock = clock;
  }

  /**
   * Issues one coupon of the tenant's template to the tenant's member, in the caller's transaction (bound to the
   * tenant). Fails with a refusal when the template is unknown (404), inactive, ended, out of stock, or the member
   * holds as many as one may (409), or the member is unknown or erased (404).
   */
  public Future<Coupon> issue(SqlClient sql, UUID tenantId, UUID memberId, UUID templateId, CouponSource source) {
    Instant now = clock.instant();
    return sql.preparedQuery("""
            UPDATE coupon_templates SET issued_count = issued_count + 1
             WHERE tenant_id = $1 AND id = $2 AND active AND (total_stock IS NULL OR issued_count < total_stock)
               AND (validity_kind = 'days' OR ends_at > $3)
            """)
        .execute(Tuple.of(tenantId, templateId, now.atOffset(ZoneOffset.UTC)))
        .compose(taken -> taken.rowCount() == 0 ? whyNot(sql, tenantId, templateId, now)
            : sql.preparedQuery("""
                    WITH issued AS (
                        INSERT INTO coupons (tenant_id, template_id, member_id, source, issued_at, valid_from,
                                             valid_until)
                        SELECT $1, t.id, m.id, $4, $5,
                               CASE WHEN t.validity_kind = 'fixed' THEN t.starts_at ELSE $5 END,
                               CASE WHEN t.validity_kind = 'fixed' THEN t.ends_at
                                    ELSE $5 + make_interval(days => t.valid_days) END
                          FROM coupon_templates t
                          JOIN members m ON m.tenant_id = $1 AND m.id = $3 AND m.status = 'active'
                         WHERE t.tenant_id = $1 AND t.id = $2
                           AND (SELECT count(*) FROM coupons held
                                 WHERE held.tenant_id = $1 AND held.template_id = $2 AND held.member_id = $3)
                               < t.per_member_limit
                        RETURNING *
                    )
                    SELECT\s""" + Coupons.COUPON_JSON + """
                     AS coupon
                      FROM issued c JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
                    """)
                .execute(Tuple.of(tenantId, templateId, memberId, source.wireName(), now.atOffset(ZoneOffset.UTC)))
                .compose(issued -> issued.rowCount() == 1
                    ? Future.succeededFuture(Coupons.coupon(issued.iterator().next().getJsonObject("coupon")))
                    : giveStockBack(sql, tenantId, templateId, memberId)));
  }

  /** A coupon issued before, as it is now: what a retried issue (a redemption under the same key) answers again. */
  public Future<Coupon> issued(SqlClient sql, UUID tenantId, UUID couponId) {
    return sql.preparedQuery("SELECT " + Coupons.COUPON_JSON + " AS coupon FROM coupons c"
            + " JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id"
            + " WHERE c.tenant_id = $1 AND c.id = $2")
        .execute(Tuple.of(tenantId, couponId))
        .map(rows -> Coupons.coupon(rows.iterator().next().getJsonObject("coupon")));
  }

  /** Why no stock could be taken: no such template, or it is inactive, ended or all issued. */
  private Future<Coupon> whyNot(SqlClient sql, UUID tenantId, UUID templateId, Instant now) {
    return templates.find(sql, tenantId, templateId).compose(found -> {
      if (found.isEmpty()) {
        return refuse(CouponRefusal.TEMPLATE_NOT_FOUND);
      }
      CouponTemplate template = found.get();
      if (!template.active()) {
        return refuse(CouponRefusal.TEMPLATE_INACTIVE);
      }
      if (template.validity().fixed() && !template.validity().endsAt().isAfter(now)) {
        return refuse(CouponRefusal.TEMPLATE_ENDED);
      }
      return refuse(CouponRefusal.OUT_OF_STOCK);
    });
  }

  /**
   * The member could not get one (unknown, erased, or at the limit): the stock taken goes back, so the caller's
   * transaction may go on (an owner's grant to many members) with nothing changed by this issue.
   */
  private Future<Coupon> giveStockBack(SqlClient sql, UUID tenantId, UUID templateId, UUID memberId) {
    return sql.preparedQuery("""
            UPDATE coupon_templates SET issued_count = issued_count - 1
             WHERE tenant_id = $1 AND id = $2
            RETURNING EXISTS (SELECT 1 FROM members WHERE tenant_id = $1 AND id = $3 AND status = 'active')
                      AS member_found
            """)
        .execute(Tuple.of(tenantId, templateId, memberId))
        .compose(rows -> {
          Row row = rows.iterator().next();
          return refuse(row.getBoolean("member_found") ? CouponRefusal.LIMIT_REACHED : CouponRefusal.MEMBER_NOT_FOUND);
        });
  }
}
