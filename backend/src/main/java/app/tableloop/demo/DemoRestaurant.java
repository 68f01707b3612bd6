package app.tableloop.demo;

import app.tableloop.identity.Role;
import app.tableloop.identity.StaffInvites;
import app.tableloop.loyalty.level.DefaultLevels;
import app.tableloop.loyalty.level.Levels;
import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.Menus;
import app.tableloop.platform.database.Database;
import app.tableloop.tenancy.BusinessHours;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.OrderingMode;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import app.tableloop.tenancy.TableCodeRange;
import app.tableloop.tenancy.TenantBootstrap;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded default's demo restaurant, 演示面馆, opened once into an empty deployment: tenant, store, tables A1–A12,
 * the owner's one-time invite, the menu, its member levels and an invite for the demo cashier, and two sister stores
 * of the brand with the same menu (so that a franchise operator has stores to compare) with the operator's one-time
 * invite, all in one transaction, so that a failed start leaves nothing half made behind (and the next start tries
 * again).
 */
public final class DemoRestaurant {
  static final TenantBootstrap.NewTenant DEMO = new TenantBootstrap.NewTenant("演示面馆 Demo Noodle House",
      new Stores.NewStore("演示面馆 人民路店", ZoneId.of("Asia/Shanghai"), OrderingMode.PAY_FIRST, BusinessHours.ALWAYS),
      TableCodeRange.parse("A1-A12").orElseThrow());
  /** The brand's other stores: walk-ins only, one busier than the first store and one quieter. */
  static final List<Stores.NewStore> SISTERS = List.of(
      new Stores.NewStore("演示面馆 解放路店", ZoneId.of("Asia/Shanghai"), OrderingMode.PAY_FIRST, BusinessHours.ALWAYS),
      new Stores.NewStore("演示面馆 滨江店", ZoneId.of("Asia/Shanghai"), OrderingMode.PAY_FIRST, BusinessHours.ALWAYS));
  static final List<String> SISTER_TABLES = TableCodeRange.parse("B1-B6").orElseThrow();
  /**
   * The noodle house's own member levels, within reach of its prices (the built-in ones start at ¥1,000): a regular
   * who spent ¥100 in a year is 银卡.
   */
  static final List<DefaultLevels.Level> LEVELS = List.of(
      new DefaultLevels.Level(0, "普通", 0, true, 0, new BigDecimal("1.0")),
      new DefaultLevels.Level(1, "银卡", 10_000, true, 0, new BigDecimal("1.2")),
      new DefaultLevels.Level(2, "金卡", 50_000, true, 5, new BigDecimal("1.5")));

  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final TenantBootstrap bootstrap;
  private final StaffInvites invites;
  private final DemoMenu menu;
  private final Levels levels;
  private final Clock clock;

  /**
   * The demo restaurant as opened: what the day of business needs, the invites it hands on, and the sister stores
   * with the first table of each.
   */
  public record Opened(TenantBootstrap.Bootstrapped restaurant, Store store, StaffInvites.Invite cashierInvite,
                       List<Sister> sisters, StaffInvites.Invite operatorInvite) {
  }

  /** A sister store of the brand and the table its walk-ins sat at. */
  public record Sister(Store store, UUID tableId) {
  }

  public DemoRestaurant(Database database, Clock clock) {
    this.database = database;
    this.stores = new Stores();
    this.tables = new DiningTables();
    this.invites = new StaffInvites(database, clock);
    this.bootstrap = new TenantBootstrap(database, stores, tables, invites);
    this.menu = new DemoMenu(new Menus());
    this.levels = new Levels(clock);
    this.clock = clock;
  }

  /** Opens the demo restaurant if the deployment has no tenant yet; empty when it has one. */
  public Future<Optional<Opened>> openIfEmpty() {
    return database.pool().query("SELECT deployment_has_tenants() AS seeded").execute()
        .compose(rows -> rows.iterator().next().getBoolean("seeded") ? Future.succeededFuture(Optional.empty())
            : open().map(Optional::of));
  }

  private Future<Opened> open() {
    UUID tenantId = UUID.randomUUID();
    return database.inTenant(tenantId, sql -> bootstrap.create(sql, tenantId, DEMO)
        .compose(created -> {
          UUID storeId = created.store().id();
          // Staff may refund here, so that the demo cashier's refunds are the ones a small restaurant really makes.
          // It is the store's ordinary switch: the owner sees it on in the store's settings and can turn it off.
          return stores.update(sql, tenantId, storeId, new Stores.StoreChanges(Optional.empty(), Optional.empty(),
                  Optional.empty(), Optional.empty(), Optional.of(true)))
              .compose(updated -> menu.write(sql, tenantId, storeId,
                      BusinessDay.of(clock.instant(), updated.orElseThrow().timeZone()))
                  .compose(written -> levels.replace(sql, tenantId, LEVELS))
                  .compose(leveled -> invites.create(sql, tenantId, storeId, Role.STAFF, null,
                      StaffInvites.DEFAULT_VALIDITY))
                  .compose(cashier -> sisters(sql, tenantId)
                      .compose(sisters -> invites.create(sql, tenantId, null, Role.OPERATOR, null,
                              StaffInvites.DEFAULT_VALIDITY)
                          .map(operator -> new Opened(created, updated.orElseThrow(), cashier, sisters,
                              operator)))));
        }));
  }

  /** Each sister store in turn, with its tables and the menu. */
  private Future<List<Sister>> sisters(SqlClient sql, UUID tenantId) {
    Future<List<Sister>> opened = Future.succeededFuture(List.of());
    for (Stores.NewStore sister : SISTERS) {
      opened = opened.compose(before -> stores.create(sql, tenantId, sister)
          .compose(store -> tables.add(sql, tenantId, store.id(), SISTER_TABLES.stream()
                  .map(code -> new DiningTables.NewTable(code, code, null, 4)).toList())
              .compose(added -> menu.write(sql, tenantId, store.id(),
                      BusinessDay.of(clock.instant(), store.timeZone()))
                  .map(written -> Stream.concat(before.stream(), Stream.of(new Sister(store, added.get(0).id())))
                      .toList()))));
    }
    return opened;
  }
}
