package app.tableloop.ordering;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.menu.Dish;
import app.tableloop.menu.DishStock;
import app.tableloop.menu.PricedLine;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.refusal.CommonRefusal;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.OrderingMode;
import app.tableloop.tenancy.ScanProof;
import app.tableloop.tenancy.ScanProofKey;
import app.tableloop.tenancy.Store;
import app.tableloop.wechat.WeChatGateway;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the diners at a table do: open or join the table's tab, change the shared cart, place orders from it. Every
 * change runs in one transaction bound to the store's tenant, and is then pushed to everyone at the table.
 */
public final class TabService {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;
  private final DiningTables tables;
  private final Tabs tabs;
  private final Carts carts;
  private final Orders orders;
  private final DishStock stock;
  private final OrderingEvents events;
  private final ScanProofKey scanProofKey;
  private final Clock clock;
  private final TabStates tabStates;
  private final WeChatGateway wechat;
  private final PriceAdjustments adjustments;

  TabService(Database database, DiningTables tables, Tabs tabs, Carts carts, Orders orders, DishStock stock,
             OrderingEvents events, ScanProofKey scanProofKey, Clock clock, TabStates tabStates, WeChatGateway wechat,
             PriceAdjustments adjustments) {
    this.wechat = wechat;
    this.adjustments = adjustments;
    this.database = database;
    this.tables = tables;
    this.tabs = tabs;
    this.carts = carts;
    this.orders = orders;
    this.stock = stock;
    this.events = events;
    this.scanProofKey = scanProofKey;
    this.clock = clock;
    this.tabStates = tabStates;
  }

  /** What placing an order asks for, besides the cart; {@code coupon} is null when the request named none. */
  public record PlaceOrder(String idempotencyKey, int headCount, String notes, CouponChoice coupon) {
  }

  /**
   * A change to a tab's cart: written, it answers the cart's lines after it, given those before it and the menu
   * entries of their dishes and of the dish it adds. It writes with one statement, and refuses before sending it.
   */
  private interface CartChange {
    Future<List<CartLine>> apply(SqlClient sql, UUID tenantId, UUID tabId, List<CartLine> lines,
                                 Map<UUID, Dish> menu);
  }

  /**
   * An order placed, with the tab right after (its cart empty) and the tab's orders; a retried submit answers the
   * earlier order, without them.
   */
  private record Placed(Order order, Optional<Tab> tab, List<Order> orders) {
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
        .compose(tab -> tabStates.of(sql, tenantId, access.storeId(), tab.id(), Optional.empty()))
        .map(Optional::orElseThrow)));
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
    return tabStates.read(access.tenantId(), access.storeId(), tabId, Optional.of(access.user().userId()))
        .compose(state -> state.isPresent() ? Future.succeededFuture(state.get())
            : refuse(OrderingRefusal.TAB_NOT_FOUND));
  }

  /** A page of the tab's orders, for its diners: those placed just before the order {@code before}, or the latest. */
  public Future<JsonObject> orders(Access access, UUID tabId, Optional<UUID> before, int limit) {
    return database.inTenant(access.tenantId(), sql -> tabs.view(sql, access.tenantId(), access.storeId(), tabId,
            Optional.of(access.user().userId())))
        .compose(view -> view.isEmpty() ? refuse(OrderingRefusal.TAB_NOT_FOUND)
            : TabHistory.before(view.get().orders(), before, limit).map(OrderingJson::ordersPage)
                .map(Future::succeededFuture).orElseGet(() -> refuse(OrderingRefusal.ORDER_NOT_FOUND)));
  }

  /** Adds a line: the dish must be on this store's menu, its choices offered, and not sold out. */
  public Future<JsonObject> addLine(Access access, UUID tabId, Long expectedVersion, UUID dishId,
                                    List<UUID> choiceIds, int quantity) {
    CartLine line = new CartLine(UUID.randomUUID(), dishId, choiceIds, quantity, access.user().userId());
    return changeCart(access, tabId, expectedVersion, Optional.of(dishId), (sql, tenantId, tab, lines, menu) -> {
      CartPricing.Outcome check = CartPricing.price(List.of(line), menu);
      return check.priced() ? carts.add(sql, tenantId, tab, line).map(added -> Stream.concat(lines.stream(),
          Stream.of(line)).toList()) : refuse(check.refusal());
    });
  }

  public Future<JsonObject> setQuantity(Access access, UUID tabId, Long expectedVersion, UUID lineId, int quantity) {
    return changeCart(access, tabId, expectedVersion, Optional.empty(), (sql, tenantId, tab, lines, menu) ->
        lines.stream().noneMatch(line -> line.id().equals(lineId)) ? refuse(OrderingRefusal.LINE_NOT_FOUND)
            : carts.setQuantity(sql, tenantId, tab, lineId, quantity).map(set -> lines.stream()
                .map(line -> line.id().equals(lineId)
                    ? new CartLine(line.id(), line.dishId(), line.choiceIds(), quantity, line.addedBy()) : line)
                .toList()));
  }

  public Future<JsonObject> removeLine(Access access, UUID tabId, Long expectedVersion, UUID lineId) {
    return changeCart(access, tabId, expectedVersion, Optional.empty(), (sql, tenantId, tab, lines, menu) ->
        lines.stream().noneMatch(line -> line.id().equals(lineId)) ? refuse(OrderingRefusal.LINE_NOT_FOUND)
            : carts.remove(sql, tenantId, tab, lineId).map(removed -> lines.stream()
                .filter(line -> !line.id().equals(lineId)).toList()));
  }

  /**
   * Applies a change if the caller is one of the tab's diners, the cart is still at {@code expectedVersion} and the
   * tab open; answers the tab's state after it, built from what the change read and wrote, and tells the table.
   */
  private Future<JsonObject> changeCart(Access access, UUID tabId, Long expectedVersion, Optional<UUID> adding,
                                        CartChange change) {
    UUID tenantId = access.tenantId();
    UUID storeId = access.storeId();
    UUID[] added = adding.stream().toArray(UUID[]::new);
    return database.inTenant(tenantId, sql -> {
          Future<Optional<Tabs.Bump>> bumped = tabs.bumpCart(sql, tenantId, storeId, tabId, access.user().userId(),
              expectedVersion);
          // Behind the bump, which holds the tab's lock once it has run: the cart they read is the one changed.
          TabStates.Ahead ahead = tabStates.dishesAhead(sql, tenantId, storeId, tabId, added);
          return bumped
              .compose(bump -> bump.isEmpty() ? refuse(OrderingRefusal.TAB_NOT_FOUND)
                  : bump.get().view().isPresent() ? Future.succeededFuture(bump.get().view().get())
                  : refuse(bump.get().open() ? OrderingRefusal.STALE_CART : OrderingRefusal.TAB_CLOSED))
              .compose(view -> tabStates.dishes(ahead, view.store(), view.lines(),
                      day -> tabStates.menu(sql, tenantId, view.store(), day, view.lines(), added), added)
                  // The change is the last statement, its answer only passed on: the commit goes with it.
                  .compose(menu -> database.committingWith(sql, change.apply(sql, tenantId, tabId, view.lines(),
                          menu))
                      .map(lines -> TabStates.state(view.tab(), lines, menu, view.orders()))));
        })
        .onSuccess(state -> events.tabChanged(tabId, state));
  }

  /**
   * Places an order from the cart: priced from the menu now, adjusted for the diner (member prices, level discount,
   * the coupon chosen, redeemed), stock taken, numbered, the cart emptied; all or nothing. The same idempotency key
   * again answers the same order, also when the two submits race. The answer, the kitchen's feed and the table's are
   * built from what the transaction read and wrote.
   */
  public Future<Order> placeOrder(Access access, UUID tabId, PlaceOrder request) {
    // A request naming no coupon hashes as it did before coupons existed, so such retries still match.
    byte[] requestHash = hash(tabId + "|" + request.headCount() + "|" + Optional.ofNullable(request.notes())
        .orElse("") + (request.coupon() == null ? "" : "|" + request.coupon().wireName()));
    UUID tenantId = access.tenantId();
    return notesPass(access, request.notes())
        .compose(passed -> database.inTenant(tenantId, sql -> place(sql, access, tabId, request, requestHash)))
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            // The same key won the race on another tab of the store (this tab's submits wait on its lock).
            ? database.inTenant(tenantId, sql -> orders.byIdempotencyKey(sql, tenantId, access.storeId(),
                request.idempotencyKey()).compose(earlier -> earlier.isPresent()
                    ? answerEarlier(sql, access, earlier.get(), requestHash)
                    : refuse(OrderingRefusal.ORDER_IN_PROGRESS)))
            : Future.failedFuture(failure))
        .onSuccess(placed -> {
          if (placed.tab().isEmpty()) {
            return;
          }
          if (placed.order().status() == OrderStatus.PLACED) {
            events.kitchenOrder(placed.order().storeId(), "order_placed", OrderingJson.order(placed.order()));
          }
          events.tabChanged(tabId, () -> Future.succeededFuture(TabStates.state(placed.tab().get(), List.of(), Map.of(),
              placed.orders())));
        })
        .map(Placed::order);
  }

  /**
   * Locks the tab with its cart and the key's earlier order, as they are once the lock is held: a submit that waited
   * for it sees the order its twin placed meanwhile, and answers it, instead of finding the cart already emptied.
   */
  private Future<Placed> place(SqlClient sql, Access access, UUID tabId, PlaceOrder request, byte[] requestHash) {
    UUID tenantId = access.tenantId();
    return tabs.lockForDiner(sql, tenantId, access.storeId(), tabId, access.user().userId(),
            request.idempotencyKey())
        .compose(found -> found.isEmpty() ? refuse(OrderingRefusal.TAB_NOT_FOUND) : Future.succeededFuture(found.get()))
        .compose(locked -> locked.earlier().isPresent()
            ? answerEarlier(sql, access, locked.earlier().get(), requestHash)
            : locked.tab().open() ? placeNew(sql, access, locked, request, requestHash)
            : refuse(OrderingRefusal.TAB_CLOSED));
  }

  private Future<Placed> placeNew(SqlClient sql, Access access, Tabs.Locked locked, PlaceOrder request,
                                  byte[] requestHash) {
    UUID tenantId = access.tenantId();
    Store store = locked.store();
    LocalDate day = tabStates.businessDay(store);
    UUID orderId = UUID.randomUUID();
    return orderable(store, locked.table())
        .compose(ok -> locked.lines().isEmpty() ? refuse(OrderingRefusal.CART_EMPTY) : Future.succeededFuture())
        .compose(ok -> {
          // The dishes and what the diner is given off their prices are read at once, the lines priced between.
          Future<List<PricedLine>> priced = tabStates.menu(sql, tenantId, store, day, locked.lines())
              .compose(menu -> {
                CartPricing.Outcome pricing = CartPricing.price(locked.lines(), menu);
                return pricing.priced() ? Future.succeededFuture(pricing.lines()) : refuse(pricing.refusal());
              });
          List<UUID> dishIds = locked.lines().stream().map(CartLine::dishId).distinct().toList();
          return adjustments.adjust(sql, tenantId, access.user().userId(), orderId, store.id(), dishIds, priced,
                  Optional.ofNullable(request.coupon()).orElse(CouponChoice.BEST))
              .compose(adjusted -> write(sql, access, locked, request, requestHash, orderId, day, priced.result(),
                  adjusted));
        });
  }

  /** Takes the stock, empties the cart and writes the priced order, all sent at once. */
  private Future<Placed> write(SqlClient sql, Access access, Tabs.Locked locked, PlaceOrder request,
                               byte[] requestHash, UUID orderId, LocalDate day, List<PricedLine> lines,
                               List<OrderAdjustment> adjusted) {
    UUID tenantId = access.tenantId();
    Tab tab = locked.tab();
    // Sent together: none needs another's answer, and a sold-out dish fails the whole transaction anyway.
    Future<Void> taken = takeStock(sql, tenantId, day, lines);
    Future<Long> emptied = carts.empty(sql, tenantId, tab.id());
    Future<Orders.Inserted> inserted = orders.insert(sql, tenantId, new Orders.NewOrder(orderId, locked.store().id(),
        tab.id(), tab.tableId(), day, locked.store().orderingMode() == OrderingMode.PAY_FIRST
            ? OrderStatus.AWAITING_PAYMENT : OrderStatus.PLACED,
        request.headCount(), request.notes(), access.user().userId(), request.idempotencyKey(),
        requestHash, lines, locked.lines().stream().map(CartLine::addedBy).toList(), adjusted));
    return Pipelined.all(taken, emptied, inserted).map(written -> {
      Order order = inserted.result().order();
      List<Order> tabOrders = Stream.concat(locked.orders().stream(), Stream.of(order))
          .sorted(Comparator.comparing(Order::placedAt)).toList();
      // The tab's next read need not fetch back the order written here, once it is committed.
      database.afterCommit(sql, () -> tabs.committed(locked, inserted.result().transaction(), tabOrders));
      return new Placed(order, Optional.of(new Tab(tab.id(), tab.storeId(), tab.tableId(), true, emptied.result())),
          tabOrders);
    });
  }

  /** Takes the portions of every dish of the order at once; the first dish short of them is named in the refusal. */
  private Future<Void> takeStock(SqlClient sql, UUID tenantId, LocalDate day, List<PricedLine> lines) {
    Map<UUID, Integer> perDish = new HashMap<>();
    Map<UUID, String> names = new HashMap<>();
    for (PricedLine line : lines) {
      perDish.merge(line.dish().id(), line.quantity(), Integer::sum);
      names.put(line.dish().id(), line.dish().name());
    }
    return stock.take(sql, tenantId, perDish, day).compose(shortOf -> shortOf.isEmpty() ? Future.succeededFuture()
        : refuse(OrderingRefusal.soldOut(names.get(shortOf.get()))));
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

  /** The order placed earlier with the submit's key, if it was the same request. */
  private Future<Placed> answerEarlier(SqlClient sql, Access access, Orders.Earlier earlier, byte[] requestHash) {
    return Arrays.equals(earlier.requestHash(), requestHash)
        ? orders.find(sql, access.tenantId(), access.storeId(), earlier.orderId())
            .map(order -> new Placed(order.orElseThrow(), Optional.empty(), List.of()))
        : refuse(OrderingRefusal.IDEMPOTENCY_KEY_REUSED);
  }

  /** The kitchen and staff read an order's notes: WeChat's content check must pass them first. */
  private Future<Void> notesPass(Access access, String notes) {
    if (notes == null || notes.isBlank()) {
      return Future.succeededFuture();
    }
    return wechat.textPasses(access.user().openId(), notes, WeChatGateway.TextScene.COMMENT)
        .recover(failure -> refuse(OrderingRefusal.NOTES_UNCHECKED))
        .compose(passes -> passes ? Future.succeededFuture() : refuse(OrderingRefusal.NOTES_REFUSED));
  }

  private Future<DiningTable> activeTable(SqlClient sql, Access access, UUID tableId) {
    return tables.find(sql, access.tenantId(), access.storeId(), tableId)
        .compose(table -> table.isEmpty() ? refuse(CommonRefusal.NOT_FOUND.at("table"))
            : table.get().active() ? Future.succeededFuture(table.get()) : refuse(OrderingRefusal.TABLE_INACTIVE));
  }

  static byte[] hash(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
