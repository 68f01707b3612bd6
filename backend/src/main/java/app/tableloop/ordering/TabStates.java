package app.tableloop.ordering;

import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.Dish;
import app.tableloop.menu.Menus;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.tenancy.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A tab as its diners see it: the cart priced from today's menu, its latest orders and totals over all of them
 * ({@link TabHistory}). Read in two statements (the tab with its store, lines and orders; and the lines' dishes),
 * however long the tab's history; a change that already knows all of it builds the state from what it knows.
 */
final class TabStates {
  /** The dishes the tab {@code $4}'s lines and the ids {@code $5} name, as {@link Menus#dishesWhere} reads them. */
  private static final String CART_DISHES = Menus.dishesWhere("id IN (SELECT unnest($5::uuid[]) UNION ALL "
      + Carts.dishIds("$4") + ")");

  private final Database database;
  private final Tabs tabs;
  private final Menus menus;
  private final Clock clock;
  /** Each store's time zone as the last look at one of its tabs found it (one entry a store). */
  private final Map<UUID, ZoneId> zones = new ConcurrentHashMap<>();

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
   * The store's tab as it is now, read on its own (only if {@code diner} is one of its diners, when given), in one
   * read-only transaction sent in one write: the tab with its store, lines and orders, the dishes its lines name (read
   * ahead, see {@link #dishesAhead}) and the commit. A second transaction for the dishes cost PostgreSQL more than
   * their statement did, as did a commit sent only once the statement had answered (some 0.04 ms of the 0.25 ms of CPU
   * a look cost it).
   */
  Future<Optional<JsonObject>> read(UUID tenantId, UUID storeId, UUID tabId, Optional<UUID> diner) {
    return database.readingInTenant(tenantId, sql -> {
          Future<Optional<Tabs.View>> view = tabs.view(sql, tenantId, storeId, tabId, diner);
          Ahead ahead = dishesAhead(sql, tenantId, storeId, tabId);
          database.committingWith(sql, (ahead.day == null ? view : ahead.dishes).mapEmpty());
          return Pipelined.all(view, ahead.dishes).map(sent -> new Look(view.result(), ahead));
        })
        .compose(look -> state(look.view(), seen -> dishes(look.ahead(), seen.store(), seen.lines(),
            day -> alone(tenantId, sql -> menu(sql, tenantId, seen.store(), day, seen.lines())))));
  }

  /** What a look at a tab read: the tab, if the reader may see it, and the dishes read ahead. */
  private record Look(Optional<Tabs.View> view, Ahead ahead) {
  }

  /** Dishes read ahead of the tab whose lines name them, on {@code day} (none read when it is null): a read pending. */
  static final class Ahead {
    private final LocalDate day;
    private final Future<Map<UUID, Dish>> dishes;

    private Ahead(LocalDate day, Future<Map<UUID, Dish>> dishes) {
      this.day = day;
      this.dishes = dishes;
    }
  }

  /**
   * Sends the read of the dishes the tab's lines (and the {@code more}) name, behind what the caller sent before, so
   * that they come in the round trip of the statement that reads or changes the tab. Their stock is the store's
   * business day's, and only the tab's row names the store's time zone: the day is reckoned in the zone the store had
   * at the last look. Nothing is sent while that zone is not known.
   */
  Ahead dishesAhead(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID... more) {
    ZoneId zone = zones.get(storeId);
    if (zone == null) {
      return new Ahead(null, Future.succeededFuture(Map.of()));
    }
    LocalDate day = BusinessDay.of(clock.instant(), zone);
    return new Ahead(day, menus.dishes(sql, CART_DISHES, Tuple.of(tenantId, storeId, day, tabId, more)));
  }

  /**
   * The dishes of the store's menu on its business day that the lines (and the {@code more}) name: those read ahead,
   * unless the store's zone now gives another day, or the lines name a dish not read ahead (they changed between the
   * two statements); else those {@code readNow} reads for the day.
   */
  Future<Map<UUID, Dish>> dishes(Ahead ahead, Store store, List<CartLine> lines,
                                 Function<LocalDate, Future<Map<UUID, Dish>>> readNow, UUID... more) {
    // Written only when it differs: every look and cart change passes here, and a zone rarely changes.
    if (!store.timeZone().equals(zones.get(store.id()))) {
      zones.put(store.id(), store.timeZone());
    }
    LocalDate today = businessDay(store);
    List<UUID> named = named(lines, more);
    return ahead.dishes.compose(read -> named.isEmpty() || today.equals(ahead.day) && read.keySet()
        .containsAll(named) ? Future.succeededFuture(read) : readNow.apply(today));
  }

  /** One read in a tenant transaction of its own, its commit sent with it: one write to PostgreSQL. */
  private <T> Future<T> alone(UUID tenantId, Function<SqlClient, Future<T>> statement) {
    return database.readingInTenant(tenantId, sql -> database.committingWith(sql, statement.apply(sql)));
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
    return menus.dishes(sql, tenantId, store.id(), named(lines, more), day);
  }

  private static List<UUID> named(List<CartLine> lines, UUID... more) {
    return Stream.concat(lines.stream().map(CartLine::dishId), Arrays.stream(more)).distinct().toList();
  }

  LocalDate businessDay(Store store) {
    return BusinessDay.of(clock.instant(), store.timeZone());
  }

  static JsonObject state(Tab tab, List<CartLine> lines, Map<UUID, Dish> menu, List<Order> orders) {
    return OrderingJson.tab(tab, lines, CartPricing.price(lines, menu), orders);
  }
}
