package app.tableloop.loyalty.coupon;

import app.tableloop.ordering.OrderingModule;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.outbox.EventHandler;
import java.time.Clock;
import java.util.List;

/** Coupons wired together: their API, the handler that gives coupons back, and issuing for the other parts. */
public final class CouponFeature {
  private final CouponTemplates templates;
  private final CouponIssuing issuing;
  private final List<ApiModule> apis;
  private final List<EventHandler> handlers;

  public CouponFeature(Platform platform, OrderingModule ordering) {
    Clock clock = platform.clock();
    this.templates = new CouponTemplates();
    Coupons coupons = new Coupons();
    this.issuing = new CouponIssuing(clock);
    CouponService service = new CouponService(platform.database(), templates, coupons, issuing, new Checkout(clock),
        ordering.dinerCarts(), clock);
    this.apis = List.of(new CouponApi(service, clock));
    this.handlers = List.of(new CouponReturns(coupons, clock));
  }

  /** Issuing coupons, for points redemption and campaigns: with the same stock and limit guarantees as claims. */
  public CouponIssuing issuing() {
    return issuing;
  }

  /** The templates, for reading those offered for points. */
  public CouponTemplates templates() {
    return templates;
  }

  public List<ApiModule> apis() {
    return apis;
  }

  public List<EventHandler> handlers() {
    return handlers;
  }
}
