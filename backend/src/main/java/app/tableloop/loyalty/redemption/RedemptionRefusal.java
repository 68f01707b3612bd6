package app.tableloop.loyalty.redemption;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of redeeming points for a coupon, in Simplified Chinese first. */
public enum RedemptionRefusal implements Refusal.Listed {
  NOT_FOR_POINTS(Refusal.of(Kind.CONFLICT, "coupon_not_for_points", "这个优惠券不能用积分兑换",
      "This coupon cannot be redeemed with points").at("template_id")),
  PRICE_CHANGED(Refusal.of(Kind.CONFLICT, "points_price_changed", "兑换所需积分已变动，请刷新后再兑换",
      "The points this coupon costs have changed; refresh and redeem again").at("points_price")),
  KEY_REUSED(Refusal.of(Kind.CONFLICT, "idempotency_key_reused", "这个幂等键已用于兑换另一个优惠券",
      "This idempotency key was used to redeem another coupon").at("idempotency_key"));

  private final Refusal words;

  RedemptionRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
