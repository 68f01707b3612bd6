package app.tableloop.referral;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of referral, in Simplified Chinese first. */
public enum ReferralRefusal implements Refusal.Listed {
  TOKEN_INVALID(Refusal.of(Kind.INVALID, "referral_token_invalid", "邀请链接无效，可以直接加入会员",
      "This referral link is not valid here; join without it").at("referral_token")),
  TOKEN_EXPIRED(Refusal.of(Kind.INVALID, "referral_token_expired", "邀请链接已过期，请让好友重新分享，或直接加入会员",
      "This referral link has expired; ask your friend to share it again, or join without it")
      .at("referral_token")),
  NOT_A_MEMBER(Refusal.of(Kind.NOT_FOUND, "not_a_member", "加入会员后才能邀请好友",
      "Join the membership to invite friends")),
  CODE_UNKNOWN(Refusal.of(Kind.NOT_FOUND, "referral_code_unknown", "这个邀请码无效", "No such referral code")),
  WECHAT_UNAVAILABLE(Refusal.of(Kind.UPSTREAM_FAILED, "wechat_unavailable", "微信服务暂时不可用，请稍后再试",
      "WeChat is not answering; try again shortly")),
  CAP_BELOW_NEEDED(Refusal.of(Kind.INVALID, "cap_below_needed", "每位会员最多邀请人数不能少于领奖所需人数",
      "The cap per sharer cannot be below the friends the reward needs").at("cap_per_sharer")),
  FRIEND_TEMPLATE_UNKNOWN(Refusal.of(Kind.INVALID, "coupon_template_unknown", "找不到这张优惠券",
      "No coupon template of this brand has this id").at("friend_template_id")),
  SHARER_TEMPLATE_UNKNOWN(Refusal.of(Kind.INVALID, "coupon_template_unknown", "找不到这张优惠券",
      "No coupon template of this brand has this id").at("sharer_template_id"));

  private final Refusal words;

  ReferralRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
