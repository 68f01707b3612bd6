package app.tableloop.demo;

import app.tableloop.loyalty.coupon.CouponTemplate;
import app.tableloop.loyalty.coupon.CouponTemplates;
import app.tableloop.loyalty.coupon.CouponTerms;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * 邀请有礼 at the demo restaurant: a friend who joins through a member's invitation gets 满50减10, and a member whose
 * five friends joined and paid gets 满200减80.
 */
final class DemoReferral {
  static final String FRIEND_COUPON = "好友见面礼 满50减10";
  static final String SHARER_COUPON = "邀请5位好友 满200减80";

  private DemoReferral() {
  }

  static Future<Void> offer(Database database, UUID tenantId) {
    CouponTemplates templates = new CouponTemplates();
    return database.inTenant(tenantId, sql -> templates.insert(sql, tenantId, amountOff(FRIEND_COUPON, 5_000, 1_000),
            null)
        .compose(friend -> templates.insert(sql, tenantId, amountOff(SHARER_COUPON, 20_000, 8_000), null)
            .compose(sharer -> sql.preparedQuery("""
                    INSERT INTO referral_settings (tenant_id, active, needed, cap_per_sharer, friend_template_id,
                                                   sharer_template_id)
                    VALUES ($1, true, 5, 10, $2, $3)
                    """)
                .execute(Tuple.of(tenantId, friend.id(), sharer.id())))))
        .mapEmpty();
  }

  private static CouponTemplate amountOff(String name, long thresholdFen, long offFen) {
    return new CouponTemplate(UUID.randomUUID(), name, new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, thresholdFen,
        offFen, null, null, null, false, CouponTerms.Scope.MENU, List.of(), false, List.of()),
        new CouponTemplate.Validity(null, null, 30), null, 0, 0, 1, null, null, true, null);
  }
}
