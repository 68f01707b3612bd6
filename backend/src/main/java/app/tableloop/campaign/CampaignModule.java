package app.tableloop.campaign;

import app.tableloop.campaign.inbox.MessageBox;
import app.tableloop.campaign.inbox.MessageBoxApi;
import app.tableloop.campaign.inbox.Messages;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.coupon.CouponTemplates;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.runtime.FeatureModule;
import java.util.List;

/**
 * Campaigns: cards and launches for the owner ({@code campaign}), the dispatcher that reaches their members, and the
 * diner's message box ({@code campaign.inbox}).
 */
public final class CampaignModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;

  public CampaignModule(Platform platform, CouponIssuing issuing) {
    Audiences audiences = new Audiences();
    Messages messages = new Messages();
    CampaignService service = new CampaignService(platform.database(), audiences, new Campaigns(),
        new CouponTemplates(), platform.clock());
    this.apis = List.of(new CampaignApi(service),
        new MessageBoxApi(new MessageBox(platform.database(), messages, platform.clock())));
    this.jobs = List.of(new CampaignDispatch(platform.database(), audiences, issuing, messages, platform.clock())
        .job());
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<PeriodicJob> jobs() {
    return jobs;
  }
}
