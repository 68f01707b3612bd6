package app.tableloop.demo;

import app.tableloop.menu.BusinessDay;
import app.tableloop.tenancy.TableScene;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The owner's and a diner's first five minutes, played against a running TableLoop with the WeChat simulator through
 * its public API only (every call, the live feeds included, to the one service address, so that it also runs behind a
 * reverse proxy in front of several instances): the owner signs in, holds a store, reads its code and opens the
 * kitchen's live feed; a diner scans a free table, opens its tab and live feed, adds a dish to the cart, orders and
 * pays with WeChat Pay; both feeds must show what happened; the owner accepts and serves the order, frees the table
 * and reads the day's settlement. Each step is reported as one line; the first step that does not do what it should
 * fails the walk, naming itself. Session tokens are never reported.
 */
public final class Walkthrough {
  /** The simulated WeChat user the embedded default's demo restaurant makes its owner (simulator only). */
  public static final String DEMO_OWNER = "demo-owner";
  /** The simulated owner who accepts an invite given with {@code --invite}. */
  static final String INVITED_OWNER = "try-owner";
  static final String DINER = "try-diner";
  /** How long a live feed may take to show a change (it crosses instances through Redis behind a proxy). */
  private static final String FIRST_CATEGORY = "面食";
  private static final String FIRST_DISH = "番茄鸡蛋面";
  private static final long FIRST_DISH_FEN = 1800;
  private static final Duration LIVE_WITHIN = Duration.ofSeconds(10);
  private static final int SIGN_IN_TRIES = 5;
  private static final Duration SIGN_IN_PAUSE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final DemoClient client;
  private final Optional<String> invite;
  private final Consumer<String> report;
  private final Clock clock;

  /** A step that did not do what it should: which one, and why. */
  public static final class StepFailed extends RuntimeException {
    StepFailed(String step, String why) {
      super(step + ": " + why, null, false, false);
    }
  }

  /** What the walk has learnt so far, step by step (the steps run one after the other). */
  private static final class Walk {
    String owner;
    String diner;
    JsonObject grant;
    JsonObject store;
    JsonObject table;
    String link;
    DemoClient.Feed kitchen;
    DemoClient.Feed tabFeed;
    JsonObject tab;
    JsonObject dish;
    int cartVersion;
    JsonObject order;
  }

  /**
   * @param serviceUrl   the service's address (or its reverse proxy's)
   * @param simulatorUrl the WeChat simulator's address
   * @param invite       an owner invite to accept; empty to be the demo restaurant's owner, {@value #DEMO_OWNER}
   * @param report       takes each step's line
   */
  public Walkthrough(Vertx vertx, String serviceUrl, String simulatorUrl, Optional<String> invite,
                     Consumer<String> report, Clock clock) {
    this.vertx = vertx;
    this.client = new DemoClient(vertx, serviceUrl, simulatorUrl);
    this.invite = invite;
    this.report = report;
    this.clock = clock;
  }

  /** Plays every step; fails with {@link StepFailed} at the first that does not do what it should. */
  public Future<Void> play() {
    Walk walk = new Walk();
    String ownerName = invite.isPresent() ? INVITED_OWNER : DEMO_OWNER;
    return step("owner signs in", "POST /sim/login-code {\"user\":\"" + ownerName + "\"}, POST /api/v1/auth/wechat",
        () -> signIn(ownerName, SIGN_IN_TRIES).map(token -> walk.owner = token), token -> "a session for " + ownerName)
        .compose(signedIn -> invite.isPresent() ? acceptInvite(walk) : demoOwnersStore(walk))
        .compose(owner -> readStore(walk))
        .compose(store -> ownerMenu(walk))
        .compose(dish -> pickTable(walk))
        .compose(table -> step("kitchen live feed", "WebSocket " + storePath(walk, "/kitchen/live"),
            () -> client.watch(storePath(walk, "/kitchen/live"), walk.owner)
                .compose(feed -> (walk.kitchen = feed).seen(message -> "orders".equals(message.getString("type")),
                    LIVE_WITHIN)),
            first -> "open, " + first.getJsonArray("orders", new JsonArray()).size() + " open order(s) in the kitchen"))
        .compose(kitchen -> step("diner signs in", "POST /sim/login-code {\"user\":\"" + DINER + "\"}, POST "
                + "/api/v1/auth/wechat", () -> signIn(DINER, SIGN_IN_TRIES).map(token -> walk.diner = token),
            token -> "a session for " + DINER))
        .compose(diner -> scanAndSit(walk))
        .compose(tab -> orderAndPay(walk))
        .compose(paid -> liveFeedsShowedIt(walk))
        .compose(shown -> kitchenServes(walk))
        .compose(served -> readSettlement(walk))
        .eventually(() -> closeFeeds(walk))
        .mapEmpty();
  }

  private Future<JsonObject> acceptInvite(Walk walk) {
    return step("owner accepts the invite", "POST /api/v1/invites/accept {\"token\":\"…\"}",
        () -> client.post("/api/v1/invites/accept", walk.owner, new JsonObject().put("token", invite.orElseThrow()))
            .compose(grant -> "owner".equals(grant.getString("role")) && grant.getString("store_id") != null
                ? Future.succeededFuture(walk.grant = grant)
                : Future.failedFuture("the invite makes its holder " + grant.getString("role")
                    + ", not a store's owner")),
        grant -> "owner of store " + grant.getString("store_id"));
  }

  private Future<JsonObject> demoOwnersStore(Walk walk) {
    return step("owner holds the store", "GET /api/v1/me",
        () -> client.get("/api/v1/me", walk.owner).compose(me -> me.getJsonArray("roles").stream()
            .map(JsonObject.class::cast).filter(grant -> "owner".equals(grant.getString("role"))).findFirst()
            .map(grant -> Future.succeededFuture(walk.grant = grant))
            .orElseGet(() -> Future.failedFuture(DEMO_OWNER + " owns no store here: the embedded default's demo"
                + " restaurant makes it its owner; elsewhere pass --invite <token> (tenant create prints one)"))),
        grant -> DEMO_OWNER + " is the owner of store " + grant.getString("store_id"));
  }

  private Future<JsonObject> readStore(Walk walk) {
    return step("store code", "GET " + storePath(walk, ""),
        () -> client.get(storePath(walk, ""), walk.owner).compose(store -> "pay_first".equals(
                store.getString("ordering_mode")) ? Future.succeededFuture(walk.store = store)
            : Future.failedFuture("the store eats first; this walk pays each order first (ordering_mode pay_first)")),
        store -> store.getString("name") + ", code " + store.getString("code"));
  }

  /** A new store (tenant create) has no menu yet: its owner then puts one dish on it, as they would first. */
  private Future<JsonObject> ownerMenu(Walk walk) {
    String menu = storePath(walk, "/menu");
    return client.get(menu, walk.owner).compose(read -> simpleDish(read).map(dish -> step("owner's menu", "GET " + menu,
            () -> Future.succeededFuture(dish), found -> "has " + found.getString("name") + " to order"))
        .orElseGet(() -> step("owner adds a dish", "POST " + storePath(walk, "/menu/categories") + " {\"name\":\""
                + FIRST_CATEGORY + "\"}, POST " + storePath(walk, "/menu/dishes"),
            () -> client.post(storePath(walk, "/menu/categories"), walk.owner,
                    new JsonObject().put("name", FIRST_CATEGORY))
                .compose(category -> client.post(storePath(walk, "/menu/dishes"), walk.owner, new JsonObject()
                    .put("category_id", category.getString("id")).put("name", FIRST_DISH)
                    .put("price_fen", FIRST_DISH_FEN))),
            dish -> dish.getString("name") + " at " + money(dish.getLong("price_fen")) + " on a menu that had none")));
  }

  private Future<JsonObject> pickTable(Walk walk) {
    return step("table link", "GET " + storePath(walk, "/tables") + ", GET " + storePath(walk, "/tabs"),
        () -> client.get(storePath(walk, "/tables"), walk.owner)
            .compose(tables -> client.get(storePath(walk, "/tabs"), walk.owner).compose(tabs -> {
              Optional<JsonObject> free = lastFreeTable(tables, tabs);
              if (free.isEmpty()) {
                return Future.failedFuture("every active table of the store has an open tab");
              }
              walk.table = free.get();
              walk.link = tableLink(client.serviceUrl(), walk.store, walk.table);
              return Future.succeededFuture(walk.table);
            })),
        table -> "table " + table.getString("code") + " is free: " + walk.link);
  }

  private Future<JsonObject> scanAndSit(Walk walk) {
    String scan = "/api/v1/scan?q=" + URLEncoder.encode(walk.link, StandardCharsets.UTF_8);
    String tabs = storePath(walk, "/tables/" + walk.table.getString("id") + "/tab");
    return step("diner scans the table", "GET " + scan, () -> client.get(scan, null),
            scanned -> scanned.getJsonObject("store").getString("name") + ", table "
                + scanned.getJsonObject("table").getString("code") + ", scan_token valid "
                + scanned.getInteger("scan_token_expires_in") + " s")
        .compose(scanned -> step("diner opens the tab", "POST " + tabs + " {\"scan_token\":\"…\"}",
            () -> client.post(tabs, walk.diner, new JsonObject().put("scan_token", scanned.getString("scan_token")))
                .map(tab -> walk.tab = tab),
            tab -> "tab " + tab.getString("id") + ", cart version " + cartVersion(tab)))
        .compose(tab -> step("tab live feed", "WebSocket " + tabPath(walk, "/live"),
            () -> client.watch(tabPath(walk, "/live"), walk.diner)
                .compose(feed -> (walk.tabFeed = feed).seen(message -> "tab".equals(message.getString("type")),
                    LIVE_WITHIN)),
            first -> "open, the tab as it is: cart version " + cartVersion(first.getJsonObject("tab"))));
  }

  private Future<JsonObject> orderAndPay(Walk walk) {
    String menu = storePath(walk, "/menu");
    String cart = tabPath(walk, "/cart");
    String orders = tabPath(walk, "/orders");
    return step("diner reads the menu", "GET " + menu,
            () -> client.get(menu, walk.diner).compose(read -> simpleDish(read)
                .map(dish -> Future.succeededFuture(walk.dish = dish))
                .orElseGet(() -> Future.failedFuture("no dish on the menu can be ordered now without a choice;"
                    + " add one to the menu"))),
            dish -> "takes " + dish.getString("name") + " at " + money(dish.getLong("price_fen")))
        .compose(dish -> step("diner adds to the cart", "POST " + cart + " {\"dish_id\":…,\"quantity\":2}",
            () -> client.post(cart, walk.diner, new JsonObject().put("dish_id", dish.getString("id"))
                .put("quantity", 2).put("cart_version", cartVersion(walk.tab))),
            tab -> {
              walk.cartVersion = cartVersion(tab);
              return "2 × " + dish.getString("name") + ", cart total " + money(tab.getJsonObject("cart")
                  .getLong("total_fen")) + ", version " + walk.cartVersion;
            }))
        .compose(added -> step("tab feed shows the cart", "(tab live feed)",
            () -> walk.tabFeed.seen(message -> "tab".equals(message.getString("type"))
                && cartVersion(message.getJsonObject("tab")) >= walk.cartVersion, LIVE_WITHIN),
            message -> "cart version " + cartVersion(message.getJsonObject("tab")) + " arrived"))
        .compose(shown -> step("diner places the order", "POST " + orders + " {\"idempotency_key\":…,\"head_count\":1}",
            () -> client.post(orders, walk.diner, new JsonObject().put("idempotency_key", "try-" + UUID.randomUUID())
                .put("head_count", 1)).map(order -> walk.order = order),
            order -> "order " + order.getString("number") + ", " + money(order.getLong("total_fen")) + ", "
                + order.getString("status")))
        .compose(order -> step("diner asks to pay (prepay)", "POST " + orderPath(walk, "/wechat-payment"),
            () -> client.post(orderPath(walk, "/wechat-payment"), walk.diner, null),
            payment -> "prepay_id " + DemoClient.prepayId(payment.getJsonObject("request_payment")) + " for "
                + money(payment.getJsonObject("payment").getLong("amount_fen"))))
        .compose(payment -> step("diner pays in WeChat", "POST /sim/pay/pay {\"prepay_id\":\"…\"}",
            () -> client.payInWeChat(payment.getJsonObject("request_payment")).map(payment),
            paid -> "WeChat Pay took " + money(paid.getJsonObject("payment").getLong("amount_fen"))))
        .compose(paid -> step("diner sees it paid", "POST " + orderPath(walk, "/payment-check"),
            () -> client.post(orderPath(walk, "/payment-check"), walk.diner, null)
                .compose(order -> order.getBoolean("paid", false) ? Future.succeededFuture(order)
                    : Future.failedFuture("the order is " + order.getString("status") + ", not paid")),
            order -> "order " + order.getString("number") + " paid, " + order.getString("status")));
  }

  private Future<JsonObject> liveFeedsShowedIt(Walk walk) {
    String orderId = walk.order.getString("id");
    return step("tab feed shows the payment", "(tab live feed)",
            () -> walk.tabFeed.seen(message -> "tab".equals(message.getString("type"))
                && message.getJsonObject("tab").getJsonArray("orders", new JsonArray()).stream()
                .map(JsonObject.class::cast)
                .anyMatch(order -> orderId.equals(order.getString("id")) && order.getBoolean("paid", false)),
                LIVE_WITHIN),
            message -> "order " + walk.order.getString("number") + " paid")
        .compose(shown -> step("kitchen feed shows the order", "(kitchen live feed)",
            () -> walk.kitchen.seen(message -> "order_placed".equals(message.getString("type"))
                && orderId.equals(message.getJsonObject("order").getString("id")), LIVE_WITHIN),
            message -> "order_placed " + message.getJsonObject("order").getString("number")));
  }

  private Future<JsonObject> kitchenServes(Walk walk) {
    String order = storePath(walk, "/orders/" + walk.order.getString("id"));
    List<String> items = walk.order.getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(item -> item.getString("id")).toList();
    return step("owner accepts the order", "POST " + order + "/accept",
            () -> client.post(order + "/accept", walk.owner, null), accepted -> accepted.getString("status"))
        .compose(accepted -> step("owner serves it", "POST " + order + "/items/{item}/served",
            () -> {
              Future<JsonObject> served = Future.succeededFuture(accepted);
              for (String item : items) {
                served = served.compose(before -> client.post(order + "/items/" + item + "/served", walk.owner, null));
              }
              return served;
            },
            served -> items.size() + " dish line(s) served, order " + served.getString("status")))
        .compose(served -> step("owner frees the table", "POST " + tabPath(walk, "/close"),
            () -> client.post(tabPath(walk, "/close"), walk.owner, null),
            closed -> "table " + walk.table.getString("code") + " is free again"));
  }

  private Future<JsonObject> readSettlement(Walk walk) {
    LocalDate day = BusinessDay.of(clock.instant(), ZoneId.of(walk.store.getString("time_zone")));
    String settlement = storePath(walk, "/settlements/" + day);
    long paid = walk.order.getLong("total_fen");
    return step("owner reads the settlement", "GET " + settlement,
        () -> client.get(settlement, walk.owner).compose(read -> read.getJsonObject("by_method")
            .getJsonObject("wechat").getLong("gross_fen") >= paid ? Future.succeededFuture(read)
            : Future.failedFuture("its WeChat gross is less than the order just paid")),
        read -> day + ": " + read.getInteger("payment_count") + " payment(s), gross " + money(read.getLong("gross_fen"))
            + ", refunds " + money(read.getLong("refunds_fen")) + ", net " + money(read.getLong("net_fen"))
            + " (WeChat " + money(read.getJsonObject("by_method").getJsonObject("wechat").getLong("gross_fen")) + ")");
  }

  /**
   * Signs the user in; while the service's limit of sign-ins per address (30 a minute, which a fresh start's demo day
   * nearly uses up) answers 429, says so and tries again a little later.
   */
  private Future<String> signIn(String user, int triesLeft) {
    return client.signIn(user).recover(failure -> {
      if (!(failure instanceof DemoClient.Refused refused && refused.status() == 429) || triesLeft <= 1) {
        return Future.failedFuture(failure);
      }
      report.accept("... the service limits sign-ins per address (429); " + user + " tries again in "
          + SIGN_IN_PAUSE.toSeconds() + " s");
      return vertx.timer(SIGN_IN_PAUSE.toMillis()).compose(waited -> signIn(user, triesLeft - 1));
    });
  }

  /** Runs one step: reports its line when it did what it should, or fails naming it. */
  private <T> Future<T> step(String name, String called, Supplier<Future<T>> run, Function<T, String> answer) {
    Future<T> ran;
    try {
      ran = run.get();
    } catch (RuntimeException e) {
      ran = Future.failedFuture(e);
    }
    return ran.transform(done -> {
      if (done.failed()) {
        return Future.failedFuture(new StepFailed(name, done.cause().getMessage()));
      }
      report.accept(String.format("ok  %-28s %s -> %s", name, called, answer.apply(done.result())));
      return Future.succeededFuture(done.result());
    });
  }

  private Future<Void> closeFeeds(Walk walk) {
    return Future.join(walk.kitchen == null ? Future.succeededFuture() : walk.kitchen.close(),
            walk.tabFeed == null ? Future.succeededFuture() : walk.tabFeed.close())
        .transform(closed -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  /**
   * The last active table (of {@code GET …/tables}) with no open tab (of {@code GET …/tabs}), so that the walk sits
   * alone: the demo's day of business never uses the last table.
   */
  static Optional<JsonObject> lastFreeTable(JsonObject tables, JsonObject openTabs) {
    Set<String> busy = openTabs.getJsonArray("tabs").stream().map(JsonObject.class::cast)
        .map(tab -> tab.getString("table_id")).collect(Collectors.toSet());
    List<JsonObject> free = tables.getJsonArray("tables").stream().map(JsonObject.class::cast)
        .filter(table -> table.getBoolean("active", true) && !busy.contains(table.getString("id"))).toList();
    return free.isEmpty() ? Optional.empty() : Optional.of(free.get(free.size() - 1));
  }

  /** The link an ordinary QR code of the table carries, as {@code GET /api/v1/scan?q=…} reads it. */
  static String tableLink(String baseUrl, JsonObject store, JsonObject table) {
    return new TableScene(store.getString("code"), table.getString("code")).link(baseUrl);
  }

  /** A dish that can be ordered now as it is: on sale, in its serving window, no choice required. */
  private static Optional<JsonObject> simpleDish(JsonObject menu) {
    return menu.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .flatMap(category -> category.getJsonArray("dishes").stream().map(JsonObject.class::cast))
        .filter(dish -> !dish.getBoolean("sold_out") && dish.getBoolean("available_now"))
        .filter(dish -> dish.getJsonArray("option_groups", new JsonArray()).stream().map(JsonObject.class::cast)
            .noneMatch(group -> group.getBoolean("required", false) || group.getInteger("min_choices", 0) > 0))
        .findFirst();
  }

  private static String storePath(Walk walk, String rest) {
    return "/api/v1/stores/" + walk.grant.getString("store_id") + rest;
  }

  private static String tabPath(Walk walk, String rest) {
    return storePath(walk, "/tabs/" + walk.tab.getString("id") + rest);
  }

  private static String orderPath(Walk walk, String rest) {
    return tabPath(walk, "/orders/" + walk.order.getString("id") + rest);
  }

  private static int cartVersion(JsonObject tab) {
    return tab.getJsonObject("cart").getInteger("version");
  }

  private static String money(long fen) {
    return "¥" + DemoSeed.yuan(fen);
  }
}
