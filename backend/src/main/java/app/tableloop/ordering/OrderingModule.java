package app.tableloop.ordering;

import app.tableloop.identity.IdentityModule;
import app.tableloop.menu.MenuModule;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.outbox.Outbox;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.tenancy.TenancyModule;
import app.tableloop.wechat.WeChatGateway;
import java.util.List;

/** Tables' tabs and shared carts, orders and the kitchen, live to diners and staff. */
public final class OrderingModule implements FeatureModule {
  private final PayableOrders payableOrders;
  private final DinerCarts dinerCarts;
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;

  /**
   * @param adjustments what placed orders are given off their menu prices (member prices, level discounts,
   *                    coupons): loyalty's, wired by the application
   */
  public OrderingModule(Platform platform, WeChatGateway wechat, TenancyModule tenancy, MenuModule menu,
                        IdentityModule identity, PriceAdjustments adjustments) {
    Database database = platform.database();
    // A diner's tab, cart and orders, the kitchen's work on them: a few short statements each, many times a second.
    Database ordering = database.withGenericPlans();
    Tabs tabs = new Tabs(new TabOrders());
    Orders orders = new Orders();
    Carts carts = new Carts();
    OrderingEvents events = new OrderingEvents(platform.live());
    Diners diners = new Diners(tabs, orders);
    TabStates tabStates = new TabStates(ordering, tabs, menu.menus(), platform.clock());
    TabService tabService = new TabService(ordering, tenancy.tables(), tabs, carts, orders, menu.stock(), events,
        tenancy.scanProofKey(), platform.clock(), tabStates, wechat, adjustments);
    OrderEndings endings = new OrderEndings(menu.stock(), new Outbox());
    KitchenService kitchen = new KitchenService(ordering, tenancy.stores(), tenancy.tables(), tabs, orders,
        endings, tabStates, diners, events, new Outbox());
    this.payableOrders = new OrderingForPayment(tenancy.stores(), tabs, orders, endings, diners,
        tabStates, events);
    this.dinerCarts = new DinerCarts(tabs, tabStates);
    this.apis = List.of(new OrderingApi(tabService, kitchen, events, identity.liveViewers()));
    this.jobs = List.of(new TabExpiry(database).job(), OrderChangesForgetting.job(database));
  }

  /** Ordering's port for payment. */
  public PayableOrders payableOrders() {
    return payableOrders;
  }

  /** A tab's cart priced for one of its diners, for a checkout quote. */
  public DinerCarts dinerCarts() {
    return dinerCarts;
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
