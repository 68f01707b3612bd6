package app.tableloop.insight;

import app.tableloop.campaign.Campaign;
import app.tableloop.campaign.CampaignResults;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The insights as the contract shapes them; every figure says what it counts under {@code definitions}. */
final class InsightJson {
  private static final String SELF_JOINED = "自助加入";

  private static final JsonObject DASHBOARD_DEFINITIONS = new JsonObject()
      .put("period", "营业日 04:00 至次日 04:00（门店时区），含今天 / Business days from 04:00 to 04:00 in the store's"
          + " time zone, today included")
      .put("revenue_fen", "收款减退款，与日结净额一致（含储值充值，不含储值消费） / Money taken less refunds; equals the"
          + " settlement's net (stored-value top-ups in, meals paid from balances out)")
      .put("sales_fen", "已支付账单（含储值支付）减其退款 / Paid bills by every method, stored value included, less their"
          + " refunds")
      .put("stored_value", "储值：充值减退还本金；储值消费减退回余额。营业额 = 销售额 + 充值 − 储值消费 / Stored value: top-ups"
          + " sold less principal handed back; meals paid from balances less returns. revenue = sales + top-ups − used")
      .put("orders", "已支付账单所付的订单数 / Orders paid by the period's bills")
      .put("bills", "已支付账单数（一次付款为一单；储值加微信补差为一单） / Paid bills (a stored-value part with its WeChat rest"
          + " is one bill)")
      .put("covers", "就餐人数：每张账单取其订单的最大用餐人数 / Guests: per bill, the largest head count of its orders")
      .put("avg_basket_fen", "客单价：销售额 ÷ 账单数 / Average bill: sales over paid bills")
      .put("diners", "新顾客：首次在本品牌付款在本期；老顾客：本期前付过款；未关联：账单无法对应到顾客 / New: first paid bill at"
          + " the brand in the period; returning: paid before; unknown: bills no diner is known for")
      .put("members_joined", "本期在这些门店加入的会员，按推荐店员 / Members who joined at these stores, by recruiting staff")
      .put("top_dishes", "本期账单中点得最多的菜（按点单时的菜单价计，名称为现名） / Dishes ordered most on the period's bills, at the"
          + " price they were ordered at, named as on the menu now")
      .put("hours", "按付款时刻（门店时间）的账单数与付款额 / Bills and amounts paid per hour of payment, store time")
      .put("daily", "每营业日的日结净额与账单数 / Each business day's settlement net and bills")
      .put("payment_methods", "按方式的付款笔数与金额（不含充值） / Payments per method (top-ups excluded); counter = cash, card,"
          + " other")
      .put("refunds", "本期完成的账单退款 / Refunds of bills completed in the period")
      .put("campaigns", "本期开始或仍在进行的营销活动，成果为活动累计 / Campaigns started in or live during the period;"
          + " results to date");

  private static final JsonObject RANKING_DEFINITIONS = new JsonObject()
      .put("revenue_fen", DASHBOARD_DEFINITIONS.getString("revenue_fen"))
      .put("growth_percent", "营业额较上一同长周期的变化 / Revenue change against the period before")
      .put("repeat_rate_percent", "本期付款顾客中老顾客的占比 / Share of the period's paying diners who had paid before")
      .put("avg_basket_fen", DASHBOARD_DEFINITIONS.getString("avg_basket_fen"))
      .put("campaign_return", "门店发起的活动：带来的收入 ÷ 成本 / Campaigns launched from the store: attributed revenue"
          + " over cost")
      .put("below_median", "低于品牌各门店中位数的指标 / Figures below the median of the brand's stores");

  private InsightJson() {
  }

  static JsonObject dashboard(Dashboard dashboard) {
    BillFigures figures = dashboard.figures();
    return new JsonObject()
        .put("period", period(dashboard.period(), dashboard.zone()))
        .put("scope", new JsonObject().put("store_id", id(dashboard.storeId())).put("name", dashboard.scopeName()))
        .put("revenue_fen", figures.revenueFen())
        .put("sales_fen", figures.salesFen())
        .put("orders", figures.orders())
        .put("covers", figures.covers())
        .put("avg_basket_fen", figures.avgBasketFen())
        .put("bills", figures.bills())
        .put("stored_value", new JsonObject().put("top_ups_fen", figures.topUpsFen())
            .put("used_fen", figures.storedValueUsedFen()))
        .put("diners", new JsonObject()
            .put("new", new JsonObject().put("count", figures.newDiners()).put("revenue_fen", figures.newFen())
                .put("revenue_share_percent", figures.shareOfSales(figures.newFen())))
            .put("returning", new JsonObject().put("count", figures.returningDiners())
                .put("visits", figures.returningVisits()).put("revenue_fen", figures.returningFen())
                .put("revenue_share_percent", figures.shareOfSales(figures.returningFen())))
            .put("unknown", new JsonObject().put("revenue_fen", figures.unknownFen())))
        .put("members_joined", new JsonObject()
            .put("count", dashboard.membersJoined().stream().mapToLong(Bills.Recruits::members).sum())
            .put("by_staff", new JsonArray(dashboard.membersJoined().stream().map(recruits -> new JsonObject()
                .put("user_id", id(recruits.userId()))
                .put("name", recruits.userId() == null ? SELF_JOINED : staffName(recruits.userId()))
                .put("count", recruits.members())).toList())))
        .put("top_dishes", new JsonArray(dashboard.topDishes().stream().map(dish -> new JsonObject()
            .put("dish_id", dish.dishId().toString()).put("name", dish.name()).put("quantity", dish.quantity())
            .put("revenue_fen", dish.revenueFen())).toList()))
        .put("hours", new JsonArray(dashboard.hours().stream().map(hour -> new JsonObject()
            .put("hour", hour.hour()).put("bills", hour.bills()).put("revenue_fen", hour.paidFen())).toList()))
        .put("daily", new JsonArray(dashboard.daily().stream().map(day -> new JsonObject()
            .put("date", day.date().toString()).put("revenue_fen", day.revenueFen()).put("bills", day.bills()))
            .toList()))
        .put("payment_methods", new JsonArray(List.of(
            method("wechat", figures.wechatCount(), figures.wechatFen()),
            method("counter", figures.counterCount(), figures.counterFen()),
            method("stored_value", figures.storedValueCount(), figures.storedValueFen()))))
        .put("refunds", new JsonObject().put("count", figures.refundCount()).put("amount_fen", figures.refundFen()))
        .put("campaigns", new JsonArray(dashboard.campaigns().stream().map(InsightJson::campaign).toList()))
        .put("definitions", DASHBOARD_DEFINITIONS.copy());
  }

  static JsonObject explanation(InsightService.Explained explained) {
    ExplanationRules.Explanation explanation = explained.explanation();
    Period previous = explained.period().previous();
    return new JsonObject()
        .put("period", period(explained.period(), explained.zone()))
        .put("previous", new JsonObject().put("from", previous.from().toString()).put("to", previous.to().toString()))
        .put("revenue_fen", explained.revenueFen())
        .put("previous_revenue_fen", explained.previousRevenueFen())
        .put("change_fen", explained.revenueFen() - explained.previousRevenueFen())
        .put("parts", new JsonArray(explanation.parts().stream().map(part -> {
          JsonObject json = new JsonObject().put("key", part.key()).put("change_fen", part.changeFen());
          return part.current() == null ? json : json.put("current", part.current()).put("previous", part.previous());
        }).toList()))
        .put("sentences", new JsonArray(explanation.sentences()))
        .put("sentences_en", new JsonArray(explanation.sentencesEn()))
        .put("definitions", new JsonObject()
            .put("revenue_fen", DASHBOARD_DEFINITIONS.getString("revenue_fen"))
            .put("new_customers", "新顾客（本期首次在本品牌付款）消费的变化；current/previous 为人数 / Change in new"
                + " customers' spend; current/previous count them")
            .put("visit_frequency", "老顾客账单数的变化 × 上期老顾客客单价；current/previous 为账单数 / Change in returning"
                + " bills at the previous returning basket; current/previous count bills")
            .put("basket_size", "老顾客消费变化的其余部分（客单价变化，含取整）；current/previous 为客单价 / The rest of"
                + " returning spend's change (basket, rounding included); current/previous are baskets in fen")
            .put("other", "未关联顾客的账单的变化 / Change in bills with no known diner")
            .put("stored_value", "储值充值减储值消费的变化（充值当日计入营业额） / Change in stored value sold less meals"
                + " paid from balances (a top-up counts the day it is sold)"));
  }

  static JsonObject ranking(InsightService.Ranked ranked) {
    RankingRules.Medians median = ranked.ranking().median();
    return new JsonObject()
        .put("period", period(ranked.period(), ranked.zone()))
        .put("median", new JsonObject().put("revenue_fen", median.revenueFen())
            .put("growth_percent", median.growthPercent()).put("repeat_rate_percent", median.repeatRatePercent())
            .put("avg_basket_fen", median.avgBasketFen()).put("campaign_return", median.campaignReturn()))
        .put("stores", new JsonArray(ranked.ranking().stores().stream().map(store -> new JsonObject()
            .put("store_id", store.store().storeId().toString()).put("name", store.store().name())
            .put("rank", store.rank()).put("revenue_fen", store.store().revenueFen())
            .put("previous_revenue_fen", store.store().previousRevenueFen())
            .put("growth_percent", store.store().growthPercent())
            .put("repeat_rate_percent", store.store().repeatRatePercent())
            .put("avg_basket_fen", store.store().avgBasketFen())
            .put("campaign_return", store.store().campaignReturn())
            .put("below_median", new JsonArray(store.belowMedian()))).toList()))
        .put("definitions", RANKING_DEFINITIONS.copy());
  }

  private static JsonObject period(Period period, ZoneId zone) {
    return new JsonObject().put("key", period.key().wireName()).put("from", period.from().toString())
        .put("to", period.to().toString()).put("time_zone", zone.getId());
  }

  private static JsonObject method(String method, long count, long amountFen) {
    return new JsonObject().put("method", method).put("count", count).put("amount_fen", amountFen);
  }

  private static JsonObject campaign(CampaignResults.Launched launched) {
    Campaign campaign = launched.campaign();
    return new JsonObject().put("campaign_id", campaign.id().toString()).put("title", campaign.title())
        .put("type", campaign.type().wireName()).put("status", campaign.status().wireName())
        .put("reached", campaign.results().reached()).put("coupons_redeemed", campaign.results().couponsRedeemed())
        .put("attributed_revenue_fen", campaign.results().attributedRevenueFen())
        .put("cost_fen", campaign.results().costFen()).put("return_on_cost", campaign.results().returnOnCost());
  }

  /** Staff have no names in the data: the recruiter shows as "店员" and the end of their id. */
  private static String staffName(UUID userId) {
    String id = userId.toString();
    return "店员 " + id.substring(id.length() - 4);
  }

  private static String id(UUID id) {
    return id == null ? null : id.toString();
  }
}
