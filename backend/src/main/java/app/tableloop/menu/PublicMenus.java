package app.tableloop.menu;

import app.tableloop.identity.StoreTenants;
import app.tableloop.platform.database.Database;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The menu diners read after a scan, the most read document of the service: from the cache when Redis has the
 * store's current version and its rendered menu, else loaded from PostgreSQL (the source of truth), rendered and
 * kept.
 */
public final class PublicMenus {
  private final Database database;
  private final Stores stores;
  private final StoreTenants storeTenants;
  private final Menus menus;
  private final MenuCache cache;
  private final Clock clock;
  private final Map<UUID, Future<Optional<CachedMenu>>> loading = new ConcurrentHashMap<>();
  private final LocalMenus local = new LocalMenus();
  private Future<Void> listening;

  public PublicMenus(Database database, StoreTenants storeTenants, Stores stores, Menus menus, MenuCache cache,
                     Clock clock) {
    this.database = database;
    this.storeTenants = storeTenants;
    this.stores = stores;
    this.menus = menus;
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * The store's menu as diners see it now; empty when there is no such store. This instance's own copy when it has
   * one; else from Redis when it knows the current version and has that version's menu, so that PostgreSQL is not
   * asked at all; when Redis has forgotten the version, only the version.
   */
  public Future<Optional<ServedMenu>> current(UUID storeId) {
    Instant now = clock.instant();
    boolean toldOfChanges = listening().succeeded();
    Optional<ServedMenu> copy = toldOfChanges ? local.get(storeId, now) : Optional.empty();
    if (copy.isPresent()) {
      return Future.succeededFuture(copy);
    }
    long mark = local.mark();
    return shared(storeId, now).map(menu -> menu.map(ServedMenu::new)).onSuccess(served -> {
      if (toldOfChanges) {
        served.ifPresent(found -> local.keep(storeId, found, mark));
      }
    });
  }

  private Future<Optional<CachedMenu>> shared(UUID storeId, Instant now) {
    return cache.version(storeId)
        .compose(known -> known.isPresent() ? Future.succeededFuture(known) : versionFromDatabase(storeId))
        .compose(version -> version.isEmpty() ? Future.succeededFuture(Optional.<CachedMenu>empty())
            : cache.menu(storeId, version.get()).compose(cached -> cached.isPresent()
                && cached.get().validUntil().isAfter(now) ? Future.succeededFuture(cached) : load(storeId)));
  }

  /** Copies are kept only once this instance hears of changes; made with the first read, and again if it failed. */
  private synchronized Future<Void> listening() {
    if (listening == null || listening.failed()) {
      listening = cache.listen(local::changed, local::forgetAll);
    }
    return listening;
  }

  private Future<Optional<Long>> versionFromDatabase(UUID storeId) {
    return menus.versionOfStore(database.pool(), storeId).compose(version -> version.isEmpty()
        ? Future.succeededFuture(version)
        : cache.raiseVersion(storeId, version.get()).map(version));
  }

  /** Diners of one store arrive together: one of them loads the menu, the others wait for that load. */
  private Future<Optional<CachedMenu>> load(UUID storeId) {
    Promise<Optional<CachedMenu>> promise = Promise.promise();
    Future<Optional<CachedMenu>> running = loading.putIfAbsent(storeId, promise.future());
    if (running != null) {
      return running;
    }
    loadFromDatabase(storeId).onComplete(result -> {
      loading.remove(storeId, promise.future());
      promise.handle(result);
    });
    return promise.future();
  }

  private Future<Optional<CachedMenu>> loadFromDatabase(UUID storeId) {
    Instant now = clock.instant();
    return storeTenants.of(storeId).compose(tenant -> tenant.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : database.inTenant(tenant.get(), sql -> snapshot(sql, tenant.get(), storeId, now))
            .compose(snapshot -> snapshot.isEmpty() ? Future.succeededFuture(Optional.empty())
                : keep(snapshot.get(), now).map(Optional::of)));
  }

  /**
   * The version is read first: should a change commit meanwhile, the menu read after it is newer than its version
   * says, never older, and the change's own version replaces it.
   */
  private Future<Optional<MenuSnapshot>> snapshot(SqlClient sql, UUID tenantId, UUID storeId, Instant now) {
    return menus.version(sql, tenantId, storeId).compose(version -> stores.find(sql, tenantId, storeId)
        .compose(store -> store.isEmpty() ? Future.succeededFuture(Optional.empty())
            : read(sql, store.get(), version, now).map(Optional::of)));
  }

  private Future<MenuSnapshot> read(SqlClient sql, Store store, long version, Instant now) {
    return menus.categories(sql, store.tenantId(), store.id())
        .compose(categories -> menus.items(sql, store.tenantId(), store.id(),
                BusinessDay.of(now, store.timeZone()))
            .map(items -> new MenuSnapshot(store.id(), version, store.timeZone(), categories, items)));
  }

  private Future<CachedMenu> keep(MenuSnapshot snapshot, Instant now) {
    Instant validUntil = snapshot.nextChangeAfter(now);
    CachedMenu menu = CachedMenu.of(snapshot.version(), validUntil, MenuJson.publicMenu(snapshot, now).encode());
    return cache.keep(snapshot.storeId(), snapshot.version(), menu, Duration.between(now, validUntil))
        .compose(kept -> cache.raiseVersion(snapshot.storeId(), snapshot.version()))
        .map(menu);
  }
}
