package app.tableloop.demo;

import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.coupon.CouponSource;
import app.tableloop.loyalty.coupon.CouponTemplate;
import app.tableloop.loyalty.coupon.CouponTemplates;
import app.tableloop.loyalty.coupon.CouponTerms;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The demo restaurant's coupons: 满100减15 that diners claim with its code, and a first-visit 8折 (at most ¥20 off)
 * that every member of the day finds in their wallet.
 */
final class DemoCoupons {
  /** One deployment has one demo restaurant, so its code can be one to remember. */
  static final String CLAIM_CODE = "MEMBER88";

  private final Database database;
  private final Clock clock;

  DemoCoupons(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The templates, and a first-visit coupon for each member; answers the claim code of 满100减15. */
  Future<String> offer(UUID tenantId) {
    CouponTemplates templates = new CouponTemplates();
    CouponIssuing issuing = new CouponIssuing(clock);
    CouponTemplate claimable = template("满100减15", new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, 10_000, 1_500L,
        null, null, null, false, CouponTerms.Scope.MENU, List.of(), false, List.of()), 500, CLAIM_CODE);
    CouponTemplate firstVisit = template("新客首单8折", new CouponTerms(CouponTerms.Kind.PERCENT_OFF, 0, null, 20,
        2_000L, null, true, CouponTerms.Scope.MENU, List.of(), false, List.of()), null, null);
    return database.inTenant(tenantId, sql -> templates.insert(sql, tenantId, claimable, null)
        .compose(claim -> templates.insert(sql, tenantId, firstVisit, null))
        .compose(welcome -> members(sql, tenantId).compose(members -> {
          Future<Void> chain = Future.succeededFuture();
          for (UUID member : members) {
            chain = chain.compose(previous -> issuing.issue(sql, tenantId, member, welcome.id(), CouponSource.OWNER)
                .mapEmpty());
          }
          return chain;
        }))
        .map(claimable.claimCode()));
  }

  private static CouponTemplate template(String name, CouponTerms terms, Integer stock, String claimCode) {
    return new CouponTemplate(UUID.randomUUID(), name, terms, new CouponTemplate.Validity(null, null, 30), stock, 0, 0,
        1, claimCode, null, true, null);
  }

  private static Future<List<UUID>> members(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND status = 'active' ORDER BY joined_at")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.stream().map((Row row) -> row.getUUID("id")).toList());
  }
}
