package app.tableloop.referral;

import app.tableloop.membership.PersonalData;
import java.util.List;

/**
 * What referral holds about a member, for their export: the referrals they took part in, as the sharer or as the
 * friend (without the other party's id), and the sharer's reward.
 */
public final class ReferralPersonalData {
  private ReferralPersonalData() {
  }

  public static List<PersonalData> sections() {
    return List.of(
        PersonalData.of("referrals", """
            SELECT r.member_id, r.role, r.outcome, r.joined_at, r.first_paid_at, r.welcome_coupon_id
              FROM (SELECT sharer_member_id AS member_id, 'sharer' AS role, outcome, joined_at, first_paid_at,
                           NULL::uuid AS welcome_coupon_id, id
                      FROM referrals WHERE tenant_id = $1
                    UNION ALL
                    SELECT friend_member_id, 'friend', outcome, joined_at, first_paid_at, welcome_coupon_id, id
                      FROM referrals WHERE tenant_id = $1) r
             ORDER BY r.joined_at, r.id"""),
        PersonalData.of("referral_reward", """
            SELECT sharer_member_id AS member_id, rewarded_at, coupon_id, not_issued
              FROM referral_rewards
             WHERE tenant_id = $1"""));
  }
}
