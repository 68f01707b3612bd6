package app.tableloop.insight.suggestion;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Suggestions: campaigns for the owner, dishes for the diner at the menu. */
final class SuggestionApi implements ApiModule {
  private final SuggestedCampaigns campaigns;
  private final MenuSuggestions menu;

  SuggestionApi(SuggestedCampaigns campaigns, MenuSuggestions menu) {
    this.campaigns = campaigns;
    this.menu = menu;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listSuggestedCampaigns").addHandler(rc -> campaigns.of(Callers.of(rc))
        .onSuccess(rc::json).onFailure(rc::fail));
    api.getRoute("getMenuSuggestions").addHandler(rc -> menu.of(Callers.of(rc))
        .onSuccess(rc::json).onFailure(rc::fail));
  }
}
