package app.tableloop.insight;

import app.tableloop.campaign.CampaignModule;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.tenancy.TenancyModule;
import java.util.List;

/**
 * Insights for owners and operators: a store's or the tenant's dashboard, why sales moved against the period before,
 * and the tenant's stores ranked against their median. Reads what payments, membership and campaigns recorded.
 */
public final class InsightModule implements FeatureModule {
  private final List<ApiModule> apis;

  public InsightModule(Platform platform, TenancyModule tenancy, CampaignModule campaigns) {
    this.apis = List.of(new InsightApi(new InsightService(platform.database(), tenancy.stores(), new Bills(),
        campaigns.results(), platform.clock())));
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }
}
