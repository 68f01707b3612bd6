package app.tableloop.loyalty.storedvalue;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of stored value, in Simplified Chinese first. */
public enum StoredValueRefusal implements Refusal.Listed {
  NOT_A_MEMBER(Refusal.of(Kind.CONFLICT, "not_a_member", "加入会员后才能使用储值",
      "Join as a member to use stored value")),
  BONUS_ABOVE_PRICE(Refusal.of(Kind.INVALID, "bonus_above_price", "赠送金额不能超过充值金额",
      "The bonus may not exceed the price").at("bonus_fen")),
  PACKAGE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "top_up_package_not_found", "找不到这个充值套餐",
      "No such top-up package").at("package_id")),
  PACKAGE_INACTIVE(Refusal.of(Kind.CONFLICT, "top_up_package_inactive", "这个充值套餐已停售",
      "This top-up package is no longer sold").at("package_id")),
  TOP_UP_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "top_up_not_found", "找不到这笔充值", "No such top-up")),
  MEMBER_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "member_not_found", "找不到这位会员", "No such member")),
  BALANCE_SHORT(Refusal.of(Kind.CONFLICT, "stored_value_insufficient", "储值余额不足",
      "The stored-value balance does not cover this payment")),
  PRINCIPAL_SHORT(Refusal.of(Kind.CONFLICT, "principal_insufficient", "退款金额超过未使用的充值本金",
      "The amount is more than the member's unspent principal").at("amount_fen")),
  REFUND_KEY_REUSED(Refusal.of(Kind.CONFLICT, "idempotency_key_reused", "这个幂等键已用于另一笔退款",
      "This idempotency key was used for another refund").at("idempotency_key"));

  private final Refusal words;

  StoredValueRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
