package app.tableloop.campaign;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;

/** The HTTP side of campaign cards and launched campaigns (owner and operator). */
final class CampaignApi implements ApiModule {
  private final CampaignService campaigns;

  CampaignApi(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listCampaignCards").addHandler(rc -> campaigns.cards(Callers.of(rc))
        .onSuccess(cards -> rc.json(CampaignJson.items(cards.stream().map(CampaignJson::card).toList())))
        .onFailure(rc::fail));
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

  private void launch(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    JsonObject offer = body.getJsonObject("offer");
    JsonObject params = body.getJsonObject("params");
    String startsAt = body.getString("starts_at");
    campaigns.launch(Callers.of(rc), new CampaignService.Launch(body.getString("type"),
            offer == null ? null : new Offer(offer.getLong("threshold_fen"), offer.getLong("amount_off_fen"),
                offer.getInteger("validity_days"), false),
            params == null ? null : params.getMap(), body.getLong("budget_fen"),
            startsAt == null ? null : Instant.parse(startsAt), body.getString("idempotency_key")))
        .onSuccess(campaign -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(CampaignJson.campaign(campaign).encode()))
        .onFailure(rc::fail);
  }

  private static void answer(RoutingContext rc, Future<Campaign> campaign) {
    campaign.onSuccess(found -> rc.json(CampaignJson.campaign(found))).onFailure(rc::fail);
  }
}
