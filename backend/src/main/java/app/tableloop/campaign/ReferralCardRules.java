package app.tableloop.campaign;

import app.tableloop.referral.ReferralOutcome;
import java.util.Optional;

/**
 * The referral programme (邀请有礼) as a campaign card: what it offers in words, and what it is expected to cost and
 * bring on the assumptions named here (nothing is sent: members share it themselves, so no message costs anything).
 */
public final class ReferralCardRules {
  /** Members expected to bring one friend who joins. */
  public static final int SHARING_PERCENT = 10;
  /** Friends expected to use their welcome coupon. */
  public static final int FRIEND_REDEMPTION_PERCENT = 50;

  private ReferralCardRules() {
  }

  public static long expectedFriends(ReferralOutcome outcome) {
    return outcome.members() * SHARING_PERCENT / 100;
  }

  public static Estimate estimate(ReferralOutcome outcome) {
    long basket = outcome.avgBasketFen() > 0 ? outcome.avgBasketFen() : CampaignRules.BASKET_WITHOUT_HISTORY_FEN;
    long friends = expectedFriends(outcome);
    double redemptions = friends * FRIEND_REDEMPTION_PERCENT / 100.0;
    long friendCost = Math.round(redemptions * value(outcome.friendCoupon(), basket));
    long rewards = friends / outcome.settings().needed();
    long sharerCost = rewards * value(outcome.sharerCoupon(), basket);
    return new Estimate(redemptions, friendCost + sharerCost, 0, Math.round(redemptions * basket));
  }

  /** What a coupon takes off a basket of {@code basketFen}; a free dish counts for nothing known in advance. */
  static long value(Optional<ReferralOutcome.CouponFace> coupon, long basketFen) {
    if (coupon.isEmpty()) {
      return 0;
    }
    ReferralOutcome.CouponFace face = coupon.get();
    return switch (face.kind()) {
      case "amount_off" -> face.amountOffFen();
      case "percent_off" -> Math.min(basketFen * face.percentOff() / 100,
          face.capFen() == null ? Long.MAX_VALUE : face.capFen());
      default -> 0;
    };
  }

  /** The coupon by its name, or that none is set. */
  public static String couponText(Optional<ReferralOutcome.CouponFace> coupon) {
    return coupon.map(face -> "「" + face.name() + "」").orElse("（未设置优惠券）");
  }

  public static String summary(ReferralOutcome outcome) {
    String offer = "好友入会得" + couponText(outcome.friendCoupon()) + "，邀满 " + outcome.settings().needed()
        + " 位好友并消费得" + couponText(outcome.sharerCoupon());
    return outcome.settings().active() ? outcome.members() + " 位会员可分享邀请：" + offer : "邀请有礼已关闭：" + offer;
  }

  public static String assumptions() {
    return "按 " + SHARING_PERCENT + "% 的会员各邀来 1 位新会员估算，" + FRIEND_REDEMPTION_PERCENT
        + "% 的好友用券、消费一次平均客单价；由会员自己分享，不发短信";
  }

  public static String preview(ReferralOutcome outcome) {
    return "邀请好友入会，好友得" + couponText(outcome.friendCoupon()) + "；邀满 " + outcome.settings().needed()
        + " 位好友并消费，你得" + couponText(outcome.sharerCoupon());
  }
}
