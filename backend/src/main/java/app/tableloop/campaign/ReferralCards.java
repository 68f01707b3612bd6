package app.tableloop.campaign;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.referral.ReferralOutcome;
import app.tableloop.referral.ReferralOutcomes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The referral programme as a card among the campaign cards: it is not launched (members share it themselves, on
 * whatever the settings say), so the card shows who can share, what it offers, its estimated cost and its results,
 * and opens the settings.
 */
final class ReferralCards {
  static final String TYPE = "referral";

  private final Database database;
  private final ReferralOutcomes outcomes;

  ReferralCards(Database database, ReferralOutcomes outcomes) {
    this.database = database;
    this.outcomes = outcomes;
  }

  /** The programme's outcome and estimate; its expected gain ranks it among the other cards. */
  record Card(ReferralOutcome outcome, Estimate estimate) {
    long expectedGainFen() {
      return CampaignRules.expectedGain(estimate);
    }
  }

  Future<Card> card(Access access) {
    return database.inTenant(access.tenantId(), sql -> outcomes.of(sql, access.tenantId()))
        .map(outcome -> new Card(outcome, ReferralCardRules.estimate(outcome)));
  }

  static JsonObject json(Card card) {
    ReferralOutcome outcome = card.outcome();
    Estimate estimate = card.estimate();
    return new JsonObject().put("type", TYPE).put("title", "邀请有礼")
        .put("summary", ReferralCardRules.summary(outcome))
        .put("audience", new JsonObject().put("count", outcome.members()).put("avg_basket_fen", outcome.avgBasketFen())
            .put("reachable_by_sms", 0))
        .putNull("offer")
        .put("estimate", new JsonObject().put("expected_redemptions", estimate.expectedRedemptions())
            .put("coupon_cost_fen", estimate.couponCostFen()).put("message_cost_fen", estimate.messageCostFen())
            .put("total_cost_fen", estimate.totalCostFen())
            .put("expected_revenue_fen", estimate.expectedRevenueFen())
            .put("assumptions", ReferralCardRules.assumptions()))
        .put("preview", new JsonObject().put("message", ReferralCardRules.preview(outcome))
            .put("coupon", outcome.friendCoupon().map(ReferralOutcome.CouponFace::name).orElse(null))
            .putNull("sms"))
        .put("params", new JsonObject())
        .put("recurring", true)
        .putNull("running_campaign_id")
        .put("referral", new JsonObject().put("active", outcome.settings().active())
            .put("needed", outcome.settings().needed()).put("cap_per_sharer", outcome.settings().capPerSharer())
            .put("friend_coupon", coupon(outcome.friendCoupon()))
            .put("sharer_coupon", coupon(outcome.sharerCoupon()))
            .put("results", new JsonObject().put("friends_joined", outcome.friendsJoined())
                .put("friends_paid", outcome.friendsPaid()).put("rewards_given", outcome.rewardsGiven())
                .put("revenue_fen", outcome.revenueFen())));
  }

  private static JsonObject coupon(Optional<ReferralOutcome.CouponFace> coupon) {
    return coupon.map(face -> new JsonObject().put("name", face.name()).put("kind", face.kind())
        .put("threshold_fen", face.thresholdFen()).put("amount_off_fen", face.amountOffFen())
        .put("percent_off", face.percentOff()).put("cap_fen", face.capFen())
        .put("validity_days", face.validDays())).orElse(null);
  }
}
