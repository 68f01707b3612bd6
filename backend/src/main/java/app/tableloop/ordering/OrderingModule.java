package app.tableloop.ordering;

import app.tableloop.identity.IdentityModule;
import app.tableloop.menu.MenuModule;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.tenancy.TenancyModule;
import java.util.List;

/** Tables' tabs and shared carts, orders and the kitchen, live to diners and staff. */
public final class OrderingModule implements FeatureModule {
  private final Tabs tabs = new Tabs();
  private final Orders orders = new Orders();
  private final TabService tabService;
  private final PaidOrders paidOrders;
  private final UnpaidOrders unpaidOrders;
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;

  public OrderingModule(Platform platform, TenancyModule tenancy, MenuModule menu, IdentityModule identity) {
    Database database = platform.database();
    OrderingEvents events = new OrderingEvents(platform.live());
    this.tabService = new TabService(database, tenancy.stores(), tenancy.tables(), tabs, new Carts(), orders,
        menu.menus(), menu.stock(), events, tenancy.scanProofKey(), platform.clock());
    this.paidOrders = new PaidOrders(database, tabs, orders, tabService, events);
    this.unpaidOrders = new UnpaidOrders(orders, menu.stock(), paidOrders);
    KitchenService kitchen = new KitchenService(database, tenancy.stores(), tenancy.tables(), tabs, orders,
        menu.stock(), tabService, events);
    this.apis = List.of(new OrderingApi(tabService, kitchen, events, identity.liveViewers()));
    this.jobs = List.of(new TabExpiry(database).job());
  }

  public Tabs tabs() {
    return tabs;
  }

  public Orders orders() {
    return orders;
  }

  public TabService tabService() {
    return tabService;
  }

  public PaidOrders paidOrders() {
    return paidOrders;
  }

  public UnpaidOrders unpaidOrders() {
    return unpaidOrders;
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
