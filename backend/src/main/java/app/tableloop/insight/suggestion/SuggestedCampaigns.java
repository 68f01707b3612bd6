package app.tableloop.insight.suggestion;

import app.tableloop.campaign.CampaignCard;
import app.tableloop.campaign.CampaignModule;
import app.tableloop.campaign.CampaignRules;
import app.tableloop.identity.Access;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;

/**
 * The campaigns the store's data suggests: the campaign feature's cards that reach somebody, ranked by what each is
 * expected to return over its cost, each with that figure in fen and the card's own summary as the reason ("42 位沉睡
 * 顾客，平均客单价 ¥186"). Each launches as the card does (POST /campaigns with its type).
 */
final class SuggestedCampaigns {
  private final CampaignModule campaigns;

  SuggestedCampaigns(CampaignModule campaigns) {
    this.campaigns = campaigns;
  }

  Future<JsonObject> of(Access access) {
    return campaigns.cards(access).map(cards -> new JsonObject().put("items", new JsonArray(cards.stream()
        .filter(card -> card.audience().count() > 0)
        .sorted(Comparator.comparingLong(SuggestedCampaigns::expectedReturn).reversed())
        .map(card -> CampaignModule.cardJson(card).put("expected_return_fen", expectedReturn(card))
            .put("reason", card.summary()))
        .toList())));
  }

  private static long expectedReturn(CampaignCard card) {
    return CampaignRules.expectedGain(card.estimate());
  }
}
