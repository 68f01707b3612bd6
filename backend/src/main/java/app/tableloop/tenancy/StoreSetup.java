package app.tableloop.tenancy;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The operator's stores and the owner's store settings and tables, each step one transaction of the tenant. */
public final class StoreSetup {
  static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";

  private final Database database;
  private final Stores stores;
  private final DiningTables tables;

  public StoreSetup(Database database, Stores stores, DiningTables tables) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
  }

  /**
   * A store's settings as someone wrote them: what is left out is empty. The time zone is an IANA name, checked
   * here; a new store is in China, orders are paid first and it is always open unless it says otherwise.
   */
  public record StoreForm(Optional<String> name, Optional<String> timeZone, Optional<OrderingMode> orderingMode,
                          Optional<BusinessHours> businessHours, Optional<Boolean> staffMayRefund) {
  }

  public Future<List<Store>> stores(Access access) {
    return database.inTenant(access.tenantId(), sql -> stores.list(sql, access.tenantId()));
  }

  public Future<Store> createStore(Access access, StoreForm form) {
    Optional<ZoneId> zone = TimeZones.parse(form.timeZone().orElse(DEFAULT_TIME_ZONE));
    if (zone.isEmpty()) {
      return Refusals.refuse(TenancyRefusal.INVALID_TIME_ZONE);
    }
    Stores.NewStore store = new Stores.NewStore(form.name().orElseThrow(), zone.get(),
        form.orderingMode().orElse(OrderingMode.PAY_FIRST), form.businessHours().orElse(BusinessHours.ALWAYS));
    return database.inTenant(access.tenantId(), sql -> stores.create(sql, access.tenantId(), store));
  }

  public Future<Store> store(Access access) {
    return database.inTenant(access.tenantId(), sql -> stores.find(sql, access.tenantId(), access.storeId()))
        .compose(StoreSetup::storeFound);
  }

  public Future<Store> updateStore(Access access, StoreForm form) {
    Optional<ZoneId> zone = form.timeZone().flatMap(TimeZones::parse);
    if (form.timeZone().isPresent() && zone.isEmpty()) {
      return Refusals.refuse(TenancyRefusal.INVALID_TIME_ZONE);
    }
    Stores.StoreChanges changes = new Stores.StoreChanges(form.name(), zone, form.orderingMode(),
        form.businessHours(), form.staffMayRefund());
    return database.inTenant(access.tenantId(), sql -> stores.update(sql, access.tenantId(), access.storeId(),
            changes))
        .compose(StoreSetup::storeFound);
  }

  public Future<List<DiningTable>> tables(Access access) {
    return database.inTenant(access.tenantId(), sql -> tables.list(sql, access.tenantId(), access.storeId()));
  }

  /** Adds tables by range ({@code "A1-A20"}, see {@link TableCodeRange}), all with the same area and seats. */
  public Future<List<DiningTable>> addTables(Access access, String codes, String area, int seats) {
    Optional<List<String>> parsed = TableCodeRange.parse(codes);
    if (parsed.isEmpty()) {
      return Refusals.refuse(TenancyRefusal.INVALID_TABLE_CODES);
    }
    List<DiningTables.NewTable> added = parsed.get().stream()
        .map(code -> new DiningTables.NewTable(code, code, area, seats)).toList();
    return database.inTenant(access.tenantId(), sql -> tables.add(sql, access.tenantId(), access.storeId(), added));
  }

  public Future<DiningTable> updateTable(Access access, UUID tableId, DiningTables.TableChanges changes) {
    return database.inTenant(access.tenantId(), sql -> tables.update(sql, access.tenantId(), access.storeId(),
            tableId, changes))
        .compose(table -> table.map(Future::succeededFuture)
            .orElseGet(() -> Refusals.refuse(TenancyRefusal.TABLE_NOT_FOUND)));
  }

  private static Future<Store> storeFound(Optional<Store> store) {
    return store.map(Future::succeededFuture).orElseGet(() -> Refusals.refuse(TenancyRefusal.STORE_NOT_FOUND));
  }
}
