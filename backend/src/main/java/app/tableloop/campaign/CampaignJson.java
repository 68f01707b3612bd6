package app.tableloop.campaign;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Campaigns, cards and their parts as the contract's JSON (and the offer and parameters as stored). */
final class CampaignJson {
  private CampaignJson() {
  }

  static JsonObject offer(Offer offer) {
    return new JsonObject().put("kind", Offer.KIND).put("threshold_fen", offer.thresholdFen())
        .put("amount_off_fen", offer.amountOffFen()).putNull("percent_off").putNull("cap_fen")
        .put("validity_days", offer.validityDays()).put("per_member", offer.perMember());
  }

  static Offer offer(JsonObject json) {
    return new Offer(json.getLong("threshold_fen"), json.getLong("amount_off_fen"), json.getInteger("validity_days"),
        json.getBoolean("per_member", false));
  }

  static JsonObject params(CampaignType type, AudienceParams params) {
    JsonObject json = new JsonObject();
    switch (type) {
      case WIN_BACK -> json.put("min_days", params.minDays()).put("max_days", params.maxDays())
          .put("min_avg_basket_fen", params.minAvgBasketFen());
      case BASKET_BOOST -> json.put("min_visits", params.minVisits())
          .put("multiplier_percent", params.multiplierPercent()).put("reward_percent", params.rewardPercent());
      case OFF_PEAK -> {
        // Every member who visited: the quiet hours come from the store's orders, not from parameters.
      }
      case WELCOME -> json.put("joined_within_days", params.joinedWithinDays());
      case BIRTHDAY -> json.put("days_before", params.daysBefore());
    }
    return json;
  }

  /** The parameters given over the defaults: what the owner left out stays as the card had it. */
  static AudienceParams params(JsonObject json, AudienceParams defaults) {
    if (json == null) {
      return defaults;
    }
    return new AudienceParams(json.getInteger("min_days", defaults.minDays()),
        json.getInteger("max_days", defaults.maxDays()),
        json.getLong("min_avg_basket_fen", defaults.minAvgBasketFen()),
        json.getInteger("min_visits", defaults.minVisits()),
        json.getInteger("multiplier_percent", defaults.multiplierPercent()),
        json.getInteger("reward_percent", defaults.rewardPercent()),
        json.getInteger("joined_within_days", defaults.joinedWithinDays()),
        json.getInteger("days_before", defaults.daysBefore()));
  }

  static JsonObject card(CampaignCard card) {
    Estimate estimate = card.estimate();
    return new JsonObject().put("type", card.type().wireName()).put("title", card.type().title())
        .put("summary", card.summary())
        .put("audience", new JsonObject().put("count", card.audience().count())
            .put("avg_basket_fen", card.audience().avgBasketFen())
            .put("reachable_by_sms", card.audience().reachableBySms()))
        .put("offer", offer(card.offer()).put("valid_hours", new JsonArray(card.validHours())))
        .put("estimate", new JsonObject().put("expected_redemptions", estimate.expectedRedemptions())
            .put("coupon_cost_fen", estimate.couponCostFen()).put("message_cost_fen", estimate.messageCostFen())
            .put("total_cost_fen", estimate.totalCostFen())
            .put("expected_revenue_fen", estimate.expectedRevenueFen())
            .put("assumptions", assumptions(card.type())))
        .put("preview", new JsonObject().put("message", card.previewMessage()).put("coupon", card.previewCoupon())
            .put("sms", CampaignRules.smsText(card.previewMessage())))
        .put("params", params(card.type(), card.params()))
        .put("recurring", card.type().recurring())
        .put("running_campaign_id", card.runningCampaignId() == null ? null : card.runningCampaignId().toString());
  }

  /** The estimate's assumptions, in words the owner reads on the card. */
  static String assumptions(CampaignType type) {
    String words = "按 " + type.expectedRedemptionPercent() + "% 的会员用券估算，每位用券会员消费一次平均客单价；短信每条 ¥"
        + CampaignRules.yuan(CampaignRules.SMS_PRICE_FEN) + "，只发给同意营销并留了手机号的会员";
    return type != CampaignType.OFF_PEAK ? words : words + "；空闲时段取近 " + CampaignRules.OFF_PEAK_WEEKS
        + " 周有订单的时段中订单最少的 " + CampaignRules.OFF_PEAK_QUIET_HOURS + " 个小时（至少 "
        + CampaignRules.OFF_PEAK_MIN_BILLS + " 笔已付账单、最早一笔在 " + CampaignRules.OFF_PEAK_MIN_HISTORY_DAYS
        + " 天前）";
  }

  static JsonObject campaign(Campaign campaign) {
    Results results = campaign.results();
    return new JsonObject().put("id", campaign.id().toString()).put("type", campaign.type().wireName())
        .put("title", campaign.title()).put("status", campaign.status().wireName())
        .put("offer", offer(campaign.offer())).put("params", params(campaign.type(), campaign.params()))
        .put("message", campaign.message())
        .put("budget_fen", campaign.budgetFen())
        .put("store_ids", new JsonArray(campaign.storeIds().stream().map(UUID::toString).toList()))
        .put("starts_at", campaign.startsAt().toString())
        .put("created_at", campaign.createdAt().toString())
        .put("results", new JsonObject().put("reached", results.reached())
            .put("coupons_issued", results.couponsIssued()).put("sms_sent", results.smsSent())
            .put("messages_sent", results.messagesSent()).put("coupons_redeemed", results.couponsRedeemed())
            .put("attributed_orders", results.attributedOrders())
            .put("attributed_revenue_fen", results.attributedRevenueFen())
            .put("coupon_cost_fen", results.couponCostFen()).put("message_cost_fen", results.messageCostFen())
            .put("cost_fen", results.costFen()).put("return_on_cost", results.returnOnCost())
            .put("visits_in_window", results.visitsInWindow()).put("window_days", results.windowDays()));
  }

  static JsonObject items(List<JsonObject> items) {
    return new JsonObject().put("items", new JsonArray(items));
  }
}
