package app.tableloop.loyalty.coupon;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of coupon templates, issuing, wallets and checkout, in Simplified Chinese first. */
public enum CouponRefusal implements Refusal.Listed {
  JOIN_FIRST(Refusal.of(Kind.CONFLICT, "join_first", "请先加入本店会员，才能领取和使用优惠券",
      "Join this restaurant's membership first to claim and use coupons")),
  TEMPLATE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "coupon_template_not_found", "找不到这个优惠券",
      "No such coupon template")),
  CLAIM_CODE_UNKNOWN(Refusal.of(Kind.NOT_FOUND, "claim_code_unknown", "领券码无效", "No coupon has this claim code")
      .at("code")),
  TEMPLATE_INACTIVE(Refusal.of(Kind.CONFLICT, "coupon_inactive", "这个优惠券已停止发放",
      "This coupon is no longer given out")),
  TEMPLATE_ENDED(Refusal.of(Kind.CONFLICT, "coupon_ended", "这个优惠券的活动已结束", "This coupon's offer has ended")),
  OUT_OF_STOCK(Refusal.of(Kind.CONFLICT, "coupon_out_of_stock", "优惠券已经领完了", "No coupons of this kind are left")),
  LIMIT_REACHED(Refusal.of(Kind.CONFLICT, "coupon_limit_reached", "你已领取过这个优惠券，达到每人限领数量",
      "You already hold as many of this coupon as one member may")),
  MEMBER_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "member_not_found", "找不到这位会员", "No such member")),
  COUPON_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "coupon_not_found", "你的券包里没有这张优惠券",
      "No such coupon in your wallet").at("coupon")),
  COUPON_USED(Refusal.of(Kind.CONFLICT, "coupon_used", "这张优惠券已经用过了（或刚被另一笔订单使用），请刷新后重新选择",
      "This coupon is used (perhaps just now by another order); refresh and choose again").at("coupon")),
  COUPON_EXPIRED(Refusal.of(Kind.CONFLICT, "coupon_expired", "这张优惠券已过期", "This coupon has expired")
      .at("coupon")),
  COUPON_NOT_YET_VALID(Refusal.of(Kind.CONFLICT, "coupon_not_yet_valid", "这张优惠券还没到可用时间",
      "This coupon cannot be used yet").at("coupon")),
  STORE_NOT_ELIGIBLE(Refusal.of(Kind.CONFLICT, "store_not_eligible", "仅限指定门店使用",
      "Only at the stores named").at("coupon")),
  FIRST_VISIT_ONLY(Refusal.of(Kind.CONFLICT, "coupon_first_visit_only", "这张优惠券仅限首次到店使用",
      "This coupon is for a first visit only").at("coupon")),
  OUT_OF_SCOPE(Refusal.of(Kind.CONFLICT, "coupon_out_of_scope", "这张优惠券不适用于你点的菜",
      "This coupon does not apply to the dishes ordered").at("coupon")),
  FREE_DISH_MISSING(Refusal.of(Kind.CONFLICT, "coupon_free_dish_missing", "请先把赠送的菜加入购物车",
      "Add the free dish to the cart to use this coupon").at("coupon")),
  NAME_INVALID(Refusal.of(Kind.INVALID, "name_invalid", "名称需为 1 到 30 个字", "The name must be 1 to 30 characters")
      .at("name")),
  TERMS_FOR_ANOTHER_KIND(Refusal.of(Kind.INVALID, "coupon_terms_mismatch",
      "满减券填写减免金额，折扣券填写折扣（可设封顶），赠菜券填写赠送的菜，不能混填",
      "amount_off takes amount_off_fen, percent_off takes percent_off (and cap_fen), free_dish takes free_dish_id;"
          + " give only those").at("kind")),
  FREE_DISH_UNKNOWN(Refusal.of(Kind.INVALID, "free_dish_unknown", "本店菜单上没有这道赠送的菜",
      "No dish of this restaurant has this id").at("free_dish_id")),
  SCOPE_IDS_REQUIRED(Refusal.of(Kind.INVALID, "scope_ids_invalid",
      "按分类或菜品使用时请列出分类或菜品（1 到 100 个）；全场通用时不要列出",
      "A categories or dishes scope lists 1 to 100 ids; a menu scope lists none").at("scope.ids")),
  SCOPE_IDS_UNKNOWN(Refusal.of(Kind.INVALID, "scope_ids_unknown", "适用范围里有本店菜单上没有的分类或菜品",
      "A category or dish of the scope is not on this restaurant's menu").at("scope.ids")),
  VALIDITY_INVALID(Refusal.of(Kind.INVALID, "validity_invalid", "有效期的结束时间需晚于开始时间，且尚未过去",
      "The validity must end after it starts, and not in the past").at("validity")),
  STOCK_DECREASE(Refusal.of(Kind.INVALID, "stock_decrease", "总库存只能增加（或改为不限量）",
      "The total stock can only grow (or become unlimited)").at("total_stock"));

  private final Refusal words;

  CouponRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }

  /** The in-scope part of the order does not reach the coupon's threshold. */
  static Refusal belowThreshold(long thresholdFen, long baseFen) {
    return Refusal.of(Kind.CONFLICT, "coupon_below_threshold",
        "还差 " + yuan(thresholdFen - baseFen) + " 元才能使用这张优惠券（满 " + yuan(thresholdFen) + " 元可用）",
        yuan(thresholdFen - baseFen) + " yuan more is needed to use this coupon (it needs " + yuan(thresholdFen)
            + " yuan)").at("coupon");
  }

  /** The coupon is usable only in other hours of the day (the store's local time). */
  static Refusal outsideHours(java.util.List<Integer> validHours) {
    String hours = CouponTerms.hoursText(validHours);
    return Refusal.of(Kind.CONFLICT, "coupon_outside_hours", "这张优惠券仅限每天 " + hours + " 使用（门店当地时间）",
        "This coupon can be used only at " + hours + " (the restaurant's local time)").at("coupon");
  }

  private static String yuan(long fen) {
    return fen % 100 == 0 ? Long.toString(fen / 100) : String.format("%d.%02d", fen / 100, fen % 100);
  }
}
