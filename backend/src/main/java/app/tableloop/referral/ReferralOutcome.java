package app.tableloop.referral;

import java.util.Optional;

/**
 * The brand's referral programme as the owner's 营销 screen shows it: its settings and coupons, who can share (the
 * active members, with their average basket), and what it came to.
 *
 * @param friendsJoined friends who joined through a referral and counted
 * @param friendsPaid   of those, friends who paid a first order
 * @param rewardsGiven  sharers' reward coupons issued
 * @param revenueFen    what those friends paid since joining, refunds deducted
 */
public record ReferralOutcome(ReferralSettings settings, Optional<CouponFace> friendCoupon,
                              Optional<CouponFace> sharerCoupon, long members, long avgBasketFen, long friendsJoined,
                              long friendsPaid, long rewardsGiven, long revenueFen) {
  /** A coupon of the programme as its template has it. */
  public record CouponFace(String name, String kind, long thresholdFen, Long amountOffFen, Integer percentOff,
                           Long capFen, Integer validDays) {
  }
}
