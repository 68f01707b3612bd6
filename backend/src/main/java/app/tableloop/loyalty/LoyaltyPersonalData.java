package app.tableloop.loyalty;

import app.tableloop.membership.PersonalData;
import java.util.List;

/** What loyalty holds about a member, for their export: coupons, the points ledger and the stored-value ledger. */
public final class LoyaltyPersonalData {
  private LoyaltyPersonalData() {
  }

  public static List<PersonalData> sections() {
    return List.of(
        PersonalData.of("coupons", """
            SELECT c.member_id, c.id, t.name, t.kind, t.threshold_fen, t.amount_off_fen, t.percent_off, c.source,
                   c.issued_at, c.valid_from, c.valid_until, c.used_at, c.order_id
              FROM coupons c JOIN coupon_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
             WHERE c.tenant_id = $1
             ORDER BY c.issued_at, c.id"""),
        PersonalData.of("points", """
            SELECT member_id, kind, points, shortfall, reason, payment_id, occurred_at
              FROM points_ledger
             WHERE tenant_id = $1
             ORDER BY seq"""),
        PersonalData.of("stored_value", """
            SELECT member_id, kind, principal_fen, bonus_fen, store_id, payment_id, order_id, reason, occurred_at
              FROM stored_value_entries
             WHERE tenant_id = $1
             ORDER BY id"""));
  }
}
