package app.tableloop.campaign;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The HTTP side of campaign cards and launched campaigns (owner and operator). */
final class CampaignApi implements ApiModule {
  private final CampaignService campaigns;
  private final ReferralCards referral;

  CampaignApi(CampaignService campaigns, ReferralCards referral) {
    this.campaigns = campaigns;
    this.referral = referral;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listCampaignCards").addHandler(this::cards);
    api.getRoute("launchCampaign").addHandler(this::launch);
    api.getRoute("listCampaigns").addHandler(rc -> campaigns.list(Callers.of(rc))
        .onSuccess(list -> rc.json(CampaignJson.items(list.stream().map(CampaignJson::campaign).toList())))
        .onFailure(rc::fail));
    api.getRoute("getCampaign").addHandler(rc -> answer(rc,
        campaigns.get(Callers.of(rc), Requests.id(rc, "campaign"))));
    api.getRoute("pauseCampaign").addHandler(rc -> answer(rc,
        campaigns.change(Callers.of(rc), Requests.id(rc, "campaign"), CampaignStatus.Change.PAUSE)));
    api.getRoute("resumeCampaign").addHandler(rc -> answer(rc,
        campaigns.change(Callers.of(rc), Requests.id(rc, "campaign"), CampaignStatus.Change.RESUME)));
    api.getRoute("stopCampaign").addHandler(rc -> answer(rc,
        campaigns.change(Callers.of(rc), Requests.id(rc, "campaign"), CampaignStatus.Change.STOP)));
  }

  /** The launchable cards and the referral programme's, ranked together by expected gain. */
  private void cards(RoutingContext rc) {
    campaigns.cards(Callers.of(rc), Requests.query(rc, "store_ids")
            .map(ids -> storeIds(ids.getJsonArray())).orElse(null))
        .compose(cards -> referral.card(Callers.of(rc)).map(referralCard -> {
          // The cards come ranked: the referral card goes before the first that is expected to gain less.
          int at = 0;
          while (at < cards.size()
              && CampaignRules.expectedGain(cards.get(at).estimate()) >= referralCard.expectedGainFen()) {
            at++;
          }
          List<JsonObject> items = new ArrayList<>(cards.stream().map(CampaignJson::card).toList());
          items.add(at, ReferralCards.json(referralCard));
          return CampaignJson.items(items);
        }))
        .onSuccess(rc::json)
        .onFailure(rc::fail);
  }

  private void launch(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    JsonObject offer = body.getJsonObject("offer");
    JsonObject params = body.getJsonObject("params");
    String startsAt = body.getString("starts_at");
    campaigns.launch(Callers.of(rc), new CampaignService.Launch(body.getString("type"),
            offer == null ? null : new Offer(offer.getLong("threshold_fen"), offer.getLong("amount_off_fen"),
                offer.getInteger("validity_days"), false),
            params == null ? null : params.getMap(), body.getLong("budget_fen"),
            startsAt == null ? null : Instant.parse(startsAt),
            body.containsKey("store_ids") ? storeIds(body.getJsonArray("store_ids")) : null,
            body.getString("idempotency_key")))
        .onSuccess(campaign -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(CampaignJson.campaign(campaign).encode()))
        .onFailure(rc::fail);
  }

  /** The contract has checked each is a uuid. */
  private static List<UUID> storeIds(JsonArray ids) {
    return ids.stream().map(id -> UUID.fromString(String.valueOf(id))).toList();
  }

  private static void answer(RoutingContext rc, Future<Campaign> campaign) {
    campaign.onSuccess(found -> rc.json(CampaignJson.campaign(found))).onFailure(rc::fail);
  }
}
