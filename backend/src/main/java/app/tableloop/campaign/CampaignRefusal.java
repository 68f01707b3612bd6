package app.tableloop.campaign;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of campaigns, in Simplified Chinese first. */
public enum CampaignRefusal implements Refusal.Listed {
  TYPE_UNKNOWN(Refusal.of(Kind.INVALID, "campaign_type_unknown", "暂不支持这种活动", "No such campaign type")
      .at("type")),
  OFFER_INVALID(Refusal.of(Kind.INVALID, "campaign_offer_invalid",
      "优惠需满足：减免金额大于 0 且低于使用门槛（无门槛时不限），有效期 1 到 365 天",
      "The reward must be above 0 and below the threshold (any, without one); validity 1 to 365 days")
      .at("offer")),
  PARAMS_INVALID(Refusal.of(Kind.INVALID, "campaign_params_invalid",
      "人群条件不成立：沉睡天数的下限需小于上限", "The audience parameters do not hold: min_days must be below max_days")
      .at("params")),
  STORE_NOT_FOUND(Refusal.of(Kind.INVALID, "store_not_found", "所选门店中有不属于本品牌的门店",
      "A store named is not one of the brand's").at("store_ids")),
  STORE_NOT_OWNED(Refusal.of(Kind.FORBIDDEN, "store_not_owned", "只能选择你担任店主的门店",
      "You may name only stores you own").at("store_ids")),
  AUDIENCE_EMPTY(Refusal.of(Kind.CONFLICT, "campaign_audience_empty", "目前没有符合条件的会员，活动无法发出",
      "No member fits this campaign now")),
  NO_QUIET_HOURS(Refusal.of(Kind.CONFLICT, "campaign_no_quiet_hours",
      "本店近 8 周的订单还不足以看出空闲时段，暂不能发起错峰优惠",
      "The store's orders of the last 8 weeks do not yet show its quiet hours")),
  ALREADY_RUNNING(Refusal.of(Kind.CONFLICT, "campaign_already_running",
      "同类活动正在进行中，请先停止它再发起新的", "A campaign of this type is running; stop it first")),
  KEY_REUSED(Refusal.of(Kind.CONFLICT, "idempotency_key_reused", "这个请求编号已用于另一个活动",
      "This idempotency key was used for another campaign").at("idempotency_key")),
  CAMPAIGN_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "campaign_not_found", "找不到这个活动", "No such campaign")),
  STATUS_CONFLICT(Refusal.of(Kind.CONFLICT, "campaign_status_conflict",
      "活动当前状态不能这样操作（已停止的活动不能再恢复）",
      "The campaign cannot do that in its status (a stopped campaign cannot resume)"));

  private final Refusal words;

  CampaignRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
