package app.tableloop.insight.customer;

import app.tableloop.loyalty.level.Levels;
import app.tableloop.membership.MaskedMembers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.FeatureModule;
import java.util.List;

/** Customers for owners and operators: segments, a segment's members and a member's audited history. */
public final class CustomerInsightModule implements FeatureModule {
  private final List<ApiModule> apis;

  /** @param members membership's masked members and audited reads */
  public CustomerInsightModule(Platform platform, MaskedMembers members) {
    this.apis = List.of(new CustomerInsightApi(new CustomerInsights(platform.database(), new Segments(),
        new MemberHistories(), members, new Levels(platform.clock()), platform.clock())));
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }
}
