package app.tableloop.ordering;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.menu.BusinessDay;
import app.tableloop.menu.Dish;
import app.tableloop.menu.DishStock;
import app.tableloop.menu.Menus;
import app.tableloop.menu.PricedLine;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.refusal.CommonRefusal;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.OrderingMode;
import app.tableloop.tenancy.ScanProof;
import app.tableloop.tenancy.ScanProofKey;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the diners at a table do: open or join the table's tab, change the shared cart, place orders from it. Every
 * change runs in one transaction bound to the store's tenant, and is then pushed to everyone at the table.
 */
public final class TabService {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final Tabs tabs;
  private final Carts carts;
  private final Orders orders;
  private final Menus menus;
  private final DishStock stock;
  private final OrderingEvents events;
  private final ScanProofKey scanProofKey;
  private final Clock clock;
  private final TabStates tabStates;
  private final Diners diners;

  TabService(Database database, Stores stores, DiningTables tables, Tabs tabs, Carts carts, Orders orders,
             Menus menus, DishStock stock, OrderingEvents events, ScanProofKey scanProofKey, Clock clock,
             TabStates tabStates, Diners diners) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.tabs = tabs;
    this.carts = carts;
    this.orders = orders;
    this.menus = menus;
    this.stock = stock;
    this.events = events;
    this.scanProofKey = scanProofKey;
    this.clock = clock;
    this.tabStates = tabStates;
    this.diners = diners;
  }

  /** What placing an order asks for, besides the cart. */
  public record PlaceOrder(String idempotencyKey, int headCount, String notes) {
  }

  /** A change to a tab's cart, given the menu entries of the dishes it names. */
  private interface CartChange {
    Future<Boolean> apply(SqlClient sql, UUID tenantId, UUID tabId, UUID userId, Map<UUID, Dish> menu);
  }

  /**
   * Scanning a table: its open tab (opened now if there is none), with the scanner among its diners. Only a fresh
   * proof of a scan of this very table lets someone in; a diner already at the open tab needs none to come back.
   */
  public Future<JsonObject> openOrJoin(Access access, UUID tableId, Optional<String> scanToken) {
    UUID tenantId = access.tenantId();
    UUID userId = access.user().userId();
    return scanProofKey.get().compose(key -> database.inTenant(tenantId, sql -> activeTable(sql, access, tableId)
        .compose(table -> tabs.openAt(sql, tenantId, access.storeId(), table.id())
            .compose(open -> open.isEmpty() ? Future.succeededFuture(false)
                : tabs.isDiner(sql, tenantId, open.get().id(), userId))
            .compose(seated -> seated ? Future.succeededFuture(table)
                : scanned(ScanProof.check(key, scanToken, tenantId, access.storeId(), table.id(), clock.instant()),
                    table)))
        .compose(table -> tabs.openOrJoin(sql, tenantId, access.storeId(), table.id(), userId))
        .compose(tab -> state(sql, tenantId, access.storeId(), tab))));
  }

  private static Future<DiningTable> scanned(ScanProof.Check check, DiningTable table) {
    return switch (check) {
      case VALID -> Future.succeededFuture(table);
      case MISSING -> refuse(OrderingRefusal.SCAN_REQUIRED);
      case INVALID -> refuse(OrderingRefusal.SCAN_INVALID);
      case EXPIRED -> refuse(OrderingRefusal.SCAN_EXPIRED);
    };
  }

  public Future<JsonObject> view(Access access, UUID tabId) {
    return database.inTenant(access.tenantId(), sql -> dinersTab(sql, access, tabId)
        .compose(tab -> state(sql, access.tenantId(), access.storeId(), tab)));
  }

  /** Adds a line: the dish must be on this store's menu, its choices offered, and not sold out. */
  public Future<JsonObject> addLine(Access access, UUID tabId, Long expectedVersion, UUID dishId,
                                    List<UUID> choiceIds, int quantity) {
    return changeCart(access, tabId, expectedVersion, List.of(dishId), (sql, tenantId, tab, userId, menu) -> {
      CartPricing.Outcome check = CartPricing.price(List.of(new CartLine(null, dishId, choiceIds, quantity, userId)),
          menu);
      return check.priced() ? carts.add(sql, tenantId, tab, dishId, choiceIds, quantity, userId).map(true)
          : refuse(check.refusal());
    });
  }

  public Future<JsonObject> setQuantity(Access access, UUID tabId, Long expectedVersion, UUID lineId, int quantity) {
    return changeCart(access, tabId, expectedVersion, List.of(),
        (sql, tenantId, tab, userId, menu) -> carts.setQuantity(sql, tenantId, tab, lineId, quantity));
  }

  public Future<JsonObject> removeLine(Access access, UUID tabId, Long expectedVersion, UUID lineId) {
    return changeCart(access, tabId, expectedVersion, List.of(),
        (sql, tenantId, tab, userId, menu) -> carts.remove(sql, tenantId, tab, lineId));
  }

  /** Applies a change if the cart is still at {@code expectedVersion} and the tab open; then tells the table. */
  private Future<JsonObject> changeCart(Access access, UUID tabId, Long expectedVersion, List<UUID> dishIds,
                                        CartChange change) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> dinersTab(sql, access, tabId)
            .compose(tab -> tabs.bumpCart(sql, tenantId, tabId, expectedVersion)
                .compose(bumped -> bumped.isPresent() ? Future.succeededFuture(tab)
                    : refuse(tab.open() ? OrderingRefusal.STALE_CART : OrderingRefusal.TAB_CLOSED)))
            .compose(tab -> store(sql, access)
                .compose(store -> menus.dishes(sql, tenantId, store.id(), dishIds, businessDay(store))))
            .compose(menu -> change.apply(sql, tenantId, tabId, access.user().userId(), menu))
            .compose(found -> found ? tabs.find(sql, tenantId, access.storeId(), tabId)
                : refuse(OrderingRefusal.LINE_NOT_FOUND))
            .compose(tab -> state(sql, tenantId, access.storeId(), tab.orElseThrow())))
        .onSuccess(state -> events.tabChanged(tabId, state));
  }

  /**
   * Places an order from the cart: priced from the menu now, stock taken, numbered, the cart emptied; all or
   * nothing. The same idempotency key again answers the same order, also when the two submits race.
   */
  public Future<Order> placeOrder(Access access, UUID tabId, PlaceOrder request) {
    byte[] requestHash = hash(tabId + "|" + request.headCount() + "|" + Optional.ofNullable(request.notes())
        .orElse(""));
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> place(sql, access, tabId, request, requestHash))
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            // The same key won the race on another tab of the store (this tab's submits wait on its lock).
            ? database.inTenant(tenantId, sql -> orders.byIdempotencyKey(sql, tenantId, access.storeId(),
                request.idempotencyKey()).compose(earlier -> earlier.isPresent()
                    ? sameRequest(earlier.get(), requestHash) : refuse(OrderingRefusal.ORDER_IN_PROGRESS)))
            : Future.failedFuture(failure))
        .compose(orderId -> database.inTenant(tenantId, sql -> orders.find(sql, tenantId, access.storeId(), orderId)
            .map(Optional::orElseThrow)))
        .onSuccess(order -> {
          if (order.status() == OrderStatus.PLACED) {
            events.kitchenOrder(order.storeId(), "order_placed", OrderingJson.order(order));
          }
          view(access, tabId).onSuccess(state -> events.tabChanged(tabId, state));
        });
  }

  /**
   * Locks the tab first, then looks the key up: a submit that waited for the lock sees the order its twin placed
   * meanwhile, and answers it, instead of finding the cart already emptied.
   */
  private Future<UUID> place(SqlClient sql, Access access, UUID tabId, PlaceOrder request, byte[] requestHash) {
    UUID tenantId = access.tenantId();
    return tabs.lock(sql, tenantId, access.storeId(), tabId)
        .compose(found -> found.isEmpty() ? refuse(OrderingRefusal.TAB_NOT_FOUND)
            : tabs.isDiner(sql, tenantId, tabId, access.user().userId())
                .compose(diner -> diner ? Future.succeededFuture(found.get()) : refuse(OrderingRefusal.TAB_NOT_FOUND)))
        .compose(tab -> orders.byIdempotencyKey(sql, tenantId, access.storeId(), request.idempotencyKey())
            .compose(earlier -> earlier.isPresent() ? sameRequest(earlier.get(), requestHash)
                : tab.open() ? placeNew(sql, access, tab, request, requestHash) : refuse(OrderingRefusal.TAB_CLOSED)));
  }

  private Future<UUID> placeNew(SqlClient sql, Access access, Tab tab, PlaceOrder request, byte[] requestHash) {
    UUID tenantId = access.tenantId();
    UUID tabId = tab.id();
    return stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
        .compose(store -> tables.find(sql, tenantId, store.id(), tab.tableId()).map(Optional::orElseThrow)
            .compose(table -> orderable(store, table))
            .compose(ok -> carts.lines(sql, tenantId, tabId))
            .compose(cart -> cart.isEmpty() ? refuse(OrderingRefusal.CART_EMPTY)
                : priced(sql, tenantId, store, cart))
            .compose(priced -> takeStock(sql, tenantId, businessDay(store), priced.lines())
                .compose(taken -> orders.insert(sql, tenantId, new Orders.NewOrder(store.id(), tabId,
                    tab.tableId(), businessDay(store), store.orderingMode() == OrderingMode.PAY_FIRST
                        ? OrderStatus.AWAITING_PAYMENT : OrderStatus.PLACED,
                    request.headCount(), request.notes(), access.user().userId(), request.idempotencyKey(),
                    requestHash, priced.lines(), priced.addedBy())))))
        .compose(orderId -> carts.clear(sql, tenantId, tabId)
            .compose(cleared -> tabs.bumpCart(sql, tenantId, tabId, null))
            .map(orderId));
  }

  private record PricedCart(List<PricedLine> lines, List<UUID> addedBy) {
  }

  private Future<PricedCart> priced(SqlClient sql, UUID tenantId, Store store, List<CartLine> cart) {
    return menus.dishes(sql, tenantId, store.id(), cart.stream().map(CartLine::dishId).distinct().toList(),
            businessDay(store))
        .compose(menu -> {
          CartPricing.Outcome pricing = CartPricing.price(cart, menu);
          return pricing.priced()
              ? Future.succeededFuture(new PricedCart(pricing.lines(), cart.stream().map(CartLine::addedBy).toList()))
              : refuse(pricing.refusal());
        });
  }

  /** Takes each dish's portions in dish-id order, so that two orders never wait on each other's dishes. */
  private Future<Void> takeStock(SqlClient sql, UUID tenantId, LocalDate day, List<PricedLine> lines) {
    Map<UUID, Integer> perDish = new TreeMap<>();
    Map<UUID, String> names = new TreeMap<>();
    for (PricedLine line : lines) {
      perDish.merge(line.dish().id(), line.quantity(), Integer::sum);
      names.put(line.dish().id(), line.dish().name());
    }
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<UUID, Integer> dish : perDish.entrySet()) {
      chain = chain.compose(previous -> stock.take(sql, tenantId, dish.getKey(), dish.getValue(), day))
          .compose(taken -> taken ? Future.succeededFuture()
              : refuse(OrderingRefusal.soldOut(names.get(dish.getKey()))));
    }
    return chain;
  }

  private Future<Void> orderable(Store store, DiningTable table) {
    if (!table.active()) {
      return refuse(OrderingRefusal.TABLE_INACTIVE);
    }
    if (!store.businessHours().isOpenAt(clock.instant().atZone(store.timeZone()))) {
      return refuse(OrderingRefusal.STORE_CLOSED);
    }
    return Future.succeededFuture();
  }

  private Future<UUID> sameRequest(Orders.Earlier earlier, byte[] requestHash) {
    return Arrays.equals(earlier.requestHash(), requestHash) ? Future.succeededFuture(earlier.orderId())
        : refuse(OrderingRefusal.IDEMPOTENCY_KEY_REUSED);
  }

  private Future<DiningTable> activeTable(SqlClient sql, Access access, UUID tableId) {
    return tables.find(sql, access.tenantId(), access.storeId(), tableId)
        .compose(table -> table.isEmpty() ? refuse(CommonRefusal.NOT_FOUND.at("table"))
            : table.get().active() ? Future.succeededFuture(table.get()) : refuse(OrderingRefusal.TABLE_INACTIVE));
  }

  /** The tab, if the caller is one of its diners; others are told it does not exist. */
  private Future<Tab> dinersTab(SqlClient sql, Access access, UUID tabId) {
    return diners.tab(sql, access.tenantId(), access.storeId(), tabId, access.user().userId())
        .compose(tab -> tab.isEmpty() ? refuse(OrderingRefusal.TAB_NOT_FOUND) : Future.succeededFuture(tab.get()));
  }

  private Future<JsonObject> state(SqlClient sql, UUID tenantId, UUID storeId, Tab tab) {
    return tabStates.of(sql, tenantId, storeId, tab);
  }

  private LocalDate businessDay(Store store) {
    return BusinessDay.of(clock.instant(), store.timeZone());
  }

  private Future<Store> store(SqlClient sql, Access access) {
    return stores.find(sql, access.tenantId(), access.storeId()).map(Optional::orElseThrow);
  }

  static byte[] hash(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
