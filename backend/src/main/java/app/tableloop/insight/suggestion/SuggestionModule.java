package app.tableloop.insight.suggestion;

import app.tableloop.campaign.CampaignModule;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.runtime.FeatureModule;
import java.util.List;

/**
 * Suggestions from the store's data: campaigns ranked by expected return for the owner, and "你常点" and "常一起点"
 * for the diner, with the outbox handler that keeps the dish pairs of paid orders current.
 */
public final class SuggestionModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<EventHandler> handlers;

  public SuggestionModule(Platform platform, CampaignModule campaigns) {
    this.apis = List.of(new SuggestionApi(new SuggestedCampaigns(campaigns),
        new MenuSuggestions(platform.database())));
    this.handlers = List.of(new DishPairs());
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<EventHandler> eventHandlers() {
    return handlers;
  }
}
