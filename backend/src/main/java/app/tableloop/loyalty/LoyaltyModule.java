package app.tableloop.loyalty;

import app.tableloop.loyalty.coupon.CouponFeature;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.level.LevelRecompute;
import app.tableloop.loyalty.level.Levels;
import app.tableloop.loyalty.level.LevelsApi;
import app.tableloop.loyalty.level.MemberLevels;
import app.tableloop.loyalty.points.Points;
import app.tableloop.loyalty.points.PointsApi;
import app.tableloop.loyalty.points.PointsEarning;
import app.tableloop.loyalty.points.PointsExpiry;
import app.tableloop.loyalty.redemption.PointsRedemption;
import app.tableloop.loyalty.redemption.PointsRedemptionApi;
import app.tableloop.loyalty.storedvalue.PaidFromBalance;
import app.tableloop.loyalty.storedvalue.StoredValueFeature;
import app.tableloop.ordering.OrderingModule;
import app.tableloop.payment.PaymentModule;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.runtime.FeatureModule;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps members coming back, each part in its own package: coupons and checkout pricing ({@code coupon}),
 * points and levels ({@code points}, {@code level}), points redeemed for coupons ({@code redemption}), and stored
 * value ({@code storedvalue}).
 */
public final class LoyaltyModule implements FeatureModule {
  private final List<ApiModule> apis = new ArrayList<>();
  private final List<PeriodicJob> jobs = new ArrayList<>();
  private final List<EventHandler> handlers = new ArrayList<>();
  private final CouponIssuing couponIssuing;

  public LoyaltyModule(Platform platform, OrderingModule ordering, PaymentModule payment) {
    CouponFeature coupons = new CouponFeature(platform, ordering);
    apis.addAll(coupons.apis());
    handlers.addAll(coupons.handlers());
    couponIssuing = coupons.issuing();
    Levels levels = new Levels(platform.clock());
    Points points = new Points(platform.database(), levels, new PaidFromBalance(), platform.clock());
    apis.add(new PointsApi(points));
    apis.add(new LevelsApi(new MemberLevels(platform.database(), levels)));
    jobs.add(new PointsExpiry(platform.database(), levels, platform.clock()).job());
    jobs.add(new LevelRecompute(platform.database(), levels).job());
    handlers.add(new PointsEarning(points));
    apis.add(new PointsRedemptionApi(new PointsRedemption(platform.database(), points, coupons.issuing(),
        coupons.templates(), platform.clock()), platform.clock()));
    StoredValueFeature storedValue = new StoredValueFeature(platform, payment);
    apis.add(storedValue.api());
    handlers.add(storedValue.events());
  }

  /** Issuing coupons into members' wallets, for campaigns. */
  public CouponIssuing couponIssuing() {
    return couponIssuing;
  }

  @Override
  public List<ApiModule> apis() {
    return List.copyOf(apis);
  }

  @Override
  public List<PeriodicJob> jobs() {
    return List.copyOf(jobs);
  }

  @Override
  public List<EventHandler> eventHandlers() {
    return List.copyOf(handlers);
  }
}
