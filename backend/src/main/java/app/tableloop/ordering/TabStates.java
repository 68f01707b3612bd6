package app.tableloop.ordering;

import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.Dish;
import app.tableloop.menu.Menus;
import app.tableloop.platform.database.Database;
import app.tableloop.tenancy.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A tab as its diners see it: the cart priced from today's menu, its latest orders and totals over all of them
 * ({@link TabHistory}). Read in two statements (the tab with its store, lines and orders; then the lines' dishes),
 * however long the tab's history; a change that already knows all of it builds the state from what it knows.
 */
final class TabStates {
  private final Database database;
  private final Tabs tabs;
  private final Menus menus;
  private final Clock clock;

  TabStates(Database database, Tabs tabs, Menus menus, Clock clock) {
    this.database = database;
    this.tabs = tabs;
    this.menus = menus;
    this.clock = clock;
  }

  /** The store's tab as it is now; only if {@code diner} is one of its diners, when given. */
  Future<Optional<JsonObject>> of(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, Optional<UUID> diner) {
    return tabs.view(sql, tenantId, storeId, tabId, diner)
        .compose(view -> state(view, seen -> menu(sql, tenantId, seen.store(), businessDay(seen.store()),
            seen.lines())));
  }

  /** The tab as it is now, read on its own: for its watchers, after a change made elsewhere. */
  Future<JsonObject> read(UUID tenantId, UUID storeId, UUID tabId) {
    return read(tenantId, storeId, tabId, Optional.empty()).map(Optional::orElseThrow);
  }

  /**
   * The store's tab as it is now, read on its own (only if {@code diner} is one of its diners, when given): the tab in
   * a transaction whose commit goes out with its statement, then, if the cart has lines, their dishes in a second one
   * (today's menu, which the tab's snapshot need not share). A commit sent only once the statement has answered
   * costs PostgreSQL a wake-up more: some 0.04 ms of the 0.25 ms of CPU a look cost it.
   */
  Future<Optional<JsonObject>> read(UUID tenantId, UUID storeId, UUID tabId, Optional<UUID> diner) {
    return alone(tenantId, sql -> tabs.view(sql, tenantId, storeId, tabId, diner))
        .compose(view -> state(view, seen -> seen.lines().isEmpty() ? Future.succeededFuture(Map.of())
            : alone(tenantId, sql -> menu(sql, tenantId, seen.store(), businessDay(seen.store()), seen.lines()))));
  }

  /** One statement in a tenant transaction of its own, its commit sent with it: one write to PostgreSQL. */
  private <T> Future<T> alone(UUID tenantId, Function<SqlClient, Future<T>> statement) {
    return database.inTenant(tenantId, sql -> database.committingWith(sql, statement.apply(sql)));
  }

  /** The state of the tab read, if it was, priced with the dishes {@code dishes} reads for it. */
  private static Future<Optional<JsonObject>> state(Optional<Tabs.View> view,
                                                    Function<Tabs.View, Future<Map<UUID, Dish>>> dishes) {
    return view.isEmpty() ? Future.succeededFuture(Optional.empty())
        : dishes.apply(view.get()).map(menu -> Optional.of(state(view.get().tab(), view.get().lines(), menu,
            view.get().orders())));
  }

  /** The dishes of the store's menu on {@code day} that the lines name (and the {@code more}), in one statement. */
  Future<Map<UUID, Dish>> menu(SqlClient sql, UUID tenantId, Store store, LocalDate day, List<CartLine> lines,
                               UUID... more) {
    List<UUID> dishes = Stream.concat(lines.stream().map(CartLine::dishId), Arrays.stream(more)).distinct().toList();
    return menus.dishes(sql, tenantId, store.id(), dishes, day);
  }

  LocalDate businessDay(Store store) {
    return BusinessDay.of(clock.instant(), store.timeZone());
  }

  static JsonObject state(Tab tab, List<CartLine> lines, Map<UUID, Dish> menu, List<Order> orders) {
    return OrderingJson.tab(tab, lines, CartPricing.price(lines, menu), orders);
  }
}
