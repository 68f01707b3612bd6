package app.tableloop.demo;

import static app.tableloop.demo.DemoMenu.BRAISED_BEEF;
import static app.tableloop.demo.DemoMenu.BRAISED_EGG;
import static app.tableloop.demo.DemoMenu.CHONGQING;
import static app.tableloop.demo.DemoMenu.CUCUMBER;
import static app.tableloop.demo.DemoMenu.HAND_PULLED_BEEF;
import static app.tableloop.demo.DemoMenu.HERBAL_TEA;
import static app.tableloop.demo.DemoMenu.PLUM_DRINK;
import static app.tableloop.demo.DemoMenu.POTSTICKERS;
import static app.tableloop.demo.DemoMenu.SOY_MILK;
import static app.tableloop.demo.DemoMenu.TOMATO_EGG;
import static app.tableloop.demo.DemoMenu.ZHAJIANG;

import app.tableloop.menu.BusinessDay;
import app.tableloop.tenancy.TableScene;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One day of business at the demo restaurant, played through the service's public API by simulated WeChat users, so
 * that every order, payment, refund, ledger row and event is made by the code that makes them for real customers:
 * diners scan, share a cart and order; most pay with WeChat Pay and say "I have paid"; the demo cashier takes cash
 * and card, runs the kitchen, closes the tables that left and makes a partial WeChat refund and a cash refund; three
 * diners then join the membership, two through the cashier's join code; one of them comes back for a snack as a
 * member (his points are earned and he reaches 银卡) and another tops up stored value. Two tables are still dining
 * when the day is seeded, so the kitchen screen has something live.
 */
final class DemoDay {
  static final String CASHIER = "演示收银员";
  /** How long the demo waits for WeChat Pay to confirm its refund (in the simulator it takes milliseconds). */
  private static final int REFUND_CHECKS = 25;
  private static final long REFUND_CHECK_MILLIS = 200;

  enum Pays { WECHAT, CASH, CARD }

  /** How far a table's meal has got when the day is seeded. */
  enum Stage {
    /** Served, paid and gone: the tab is closed. */
    LEFT,
    /** The kitchen took the order and the first dish is on the table. */
    EATING,
    /** Paid, waiting for the kitchen to take the order; the table hurried it. */
    WAITING
  }

  /** A dish a diner puts into the table's shared cart, with the names of its choices. */
  record Line(String diner, DemoMenu.DemoDish dish, int quantity, List<String> choices) {
  }

  /** A table's meal: each inner list is one order (the second one is 加菜). */
  record Visit(String table, Pays pays, Stage stage, String notes, List<List<Line>> orders) {
  }

  /** One portion of a dish of a table's order, handed back (at the price the order charged for it). */
  record Refund(String table, int order, DemoMenu.DemoDish dish, String reason) {
  }

  /**
   * A diner who joins the restaurant's membership after their meal: through the join card, or the cashier's join
   * code; with marketing consent or not; with their phone through WeChat's phone button or not.
   */
  record Joining(String diner, boolean throughCashier, boolean marketing, String phone) {
  }

  static final List<Joining> JOININGS = List.of(
      new Joining("小王", false, true, "13800138001"),
      new Joining("老陈", true, false, null),
      new Joining("林小姐", true, true, "13900139002"));

  /** A member back for a snack after joining: the payment earns him points and lifts him to 银卡. */
  static final Visit COMEBACK = visit("A10", Pays.WECHAT, Stage.LEFT, null,
      List.of(line("老陈", CHONGQING, 1, "微辣"), line("老陈", HERBAL_TEA, 1)));

  /** What the day left behind. */
  record Played(LocalDate day, List<String> tablesDining, List<String> refundsProcessing) {
  }

  static final List<Visit> VISITS = List.of(
      visit("A1", Pays.WECHAT, Stage.LEFT, null,
          List.of(line("小王", BRAISED_BEEF, 1, "微辣", "加蛋"), line("小李", TOMATO_EGG, 1),
              line("小李", PLUM_DRINK, 2))),
      visit("A2", Pays.CASH, Stage.LEFT, "少放葱",
          List.of(line("张阿姨", ZHAJIANG, 1), line("张阿姨", CUCUMBER, 1))),
      visit("A3", Pays.WECHAT, Stage.LEFT, null,
          List.of(line("老陈", HAND_PULLED_BEEF, 2, "中辣"), line("陈太太", POTSTICKERS, 1), line("陈小妹", SOY_MILK, 3)),
          List.of(line("陈小妹", BRAISED_EGG, 3))),
      visit("A5", Pays.CARD, Stage.LEFT, null,
          List.of(line("刘先生", CHONGQING, 1, "特辣", "加青菜"), line("刘先生", HERBAL_TEA, 1))),
      visit("A6", Pays.WECHAT, Stage.LEFT, null,
          List.of(line("小赵", BRAISED_BEEF, 2, "中辣", "加牛肉"), line("小周", CUCUMBER, 1))),
      visit("A7", Pays.CASH, Stage.LEFT, null,
          List.of(line("孙师傅", TOMATO_EGG, 1, "加蛋"), line("孙师傅", BRAISED_EGG, 1))),
      visit("A8", Pays.CARD, Stage.LEFT, null,
          List.of(line("林小姐", HAND_PULLED_BEEF, 1, "微辣"), line("林小姐", POTSTICKERS, 1),
              line("吴先生", PLUM_DRINK, 2))),
      visit("A9", Pays.WECHAT, Stage.EATING, null,
          List.of(line("小何", BRAISED_BEEF, 1, "不辣"), line("小郑", HAND_PULLED_BEEF, 1, "微辣"),
              line("小郑", POTSTICKERS, 1))),
      visit("A11", Pays.WECHAT, Stage.WAITING, "赶时间，麻烦快一点",
          List.of(line("小马", CHONGQING, 2, "微辣", "加蛋"), line("小马", SOY_MILK, 2))));

  static final List<Refund> REFUNDS = List.of(
      new Refund("A3", 0, POTSTICKERS, "锅贴煎糊了，退一份"),
      new Refund("A7", 0, BRAISED_EGG, "卤蛋太咸，退一个的钱"));

  private final Vertx vertx;
  private final DemoClient client;
  private final Clock clock;

  DemoDay(Vertx vertx, DemoClient client, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.clock = clock;
  }

  /** The restaurant's table, store and menu, as the phones of the day know them. */
  private record Place(String store, String storeCode, Map<String, UUID> tables, Map<String, JsonObject> dishes) {
    String path(String rest) {
      return "/api/v1/stores/" + store + rest;
    }

    /** What scanning the table's mini-program code asks the service. */
    String scan(String table) {
      return "/api/v1/scan?scene=" + URLEncoder.encode(new TableScene(storeCode, table).scene(),
          StandardCharsets.UTF_8);
    }
  }

  /** A table's tab after its meal (as far as it got), with its orders in the order they were placed. */
  private record Seated(Visit visit, String tab, List<JsonObject> orders) {
  }

  Future<Played> play(DemoRestaurant.Opened opened) {
    LocalDate day = BusinessDay.of(clock.instant(), opened.store().timeZone());
    String store = opened.store().id().toString();
    Map<String, UUID> tables = new LinkedHashMap<>();
    opened.restaurant().tables().forEach(table -> tables.put(table.code(), table.id()));
    return client.get("/api/v1/stores/" + store + "/menu", null)
        .map(menu -> new Place(store, opened.store().code(), tables, dishesByName(menu)))
        .compose(place -> client.signIn(CASHIER)
            .compose(cashier -> client.post("/api/v1/invites/accept", cashier,
                    new JsonObject().put("token", opened.cashierInvite().token()))
                .map(accepted -> cashier))
            // The tables eat at the same time, as at lunch; each table's meal runs in its own order.
            .compose(cashier -> Future.all(VISITS.stream().map(visit -> seat(place, cashier, visit)).toList())
                .map(all -> all.<Seated>list())
                .compose(seated -> inTurn(REFUNDS, refund -> refund(place, cashier, seated, refund)))
                .compose(refunds -> joinMembership(place, cashier).map(refunds))
                .compose(refunds -> seat(place, cashier, COMEBACK).map(refunds))
                .compose(refunds -> DemoStoredValue.topUp(client, place.path("")).map(refunds))
                .map(refunds -> new Played(day,
                    VISITS.stream().filter(visit -> visit.stage() != Stage.LEFT).map(Visit::table).toList(),
                    refunds.stream().filter(refund -> "processing".equals(refund.getString("status")))
                        .map(refund -> refund.getString("out_refund_no")).toList()))));
  }

  /** The table's diners sit down, order and pay; the cashier and the kitchen take it as far as its stage. */
  private Future<Seated> seat(Place place, String cashier, Visit visit) {
    List<String> diners = visit.orders().stream().flatMap(List::stream).map(Line::diner).distinct().toList();
    Map<String, String> tokens = new LinkedHashMap<>();
    String tablePath = place.path("/tables/" + place.tables().get(visit.table()) + "/tab");
    // The first diner scans and opens the tab; the others scan the same code and join it, each with their scan's proof.
    return inTurn(diners, diner -> client.signIn("演示食客-" + diner)
            .compose(token -> {
              tokens.put(diner, token);
              return client.get(place.scan(visit.table()), null).compose(scan -> client.post(tablePath, token,
                  new JsonObject().put("scan_token", scan.getString("scan_token"))));
            }))
        .compose(joined -> {
          String tab = joined.get(0).getString("id");
          String host = tokens.get(diners.get(0));
          return inTurn(visit.orders(), order -> orderAndPay(place, cashier, visit, tab, tokens, host, order))
              .map(orders -> new Seated(visit, tab, orders));
        })
        .compose(seated -> serve(place, cashier, seated, tokens.get(diners.get(0))).map(seated));
  }

  private Future<JsonObject> orderAndPay(Place place, String cashier, Visit visit, String tab,
                                         Map<String, String> tokens, String host, List<Line> lines) {
    String tabPath = place.path("/tabs/" + tab);
    Future<Integer> cart = client.get(tabPath, host).map(state -> state.getJsonObject("cart").getInteger("version"));
    for (Line line : lines) {
      cart = cart.compose(version -> client.post(tabPath + "/cart", tokens.get(line.diner()), cartLine(place, line)
              .put("cart_version", version))
          .map(state -> state.getJsonObject("cart").getInteger("version")));
    }
    JsonObject submit = new JsonObject().put("idempotency_key", "demo-" + UUID.randomUUID())
        .put("head_count", tokens.size());
    if (visit.notes() != null) {
      submit.put("notes", visit.notes());
    }
    return cart.compose(version -> client.post(tabPath + "/orders", host, submit))
        .compose(order -> visit.pays() == Pays.WECHAT ? payInWeChat(tabPath, host, order)
            : client.post(place.path("/orders/" + order.getString("id") + "/counter-payment"), cashier,
                new JsonObject().put("method", visit.pays().name().toLowerCase(Locale.ROOT))));
  }

  /**
   * wx.requestPayment with the server's parameters, then "I have paid": the service asks WeChat Pay itself, so the
   * payment is recorded whether or not WeChat Pay's notification can reach PUBLIC_BASE_URL.
   */
  private Future<JsonObject> payInWeChat(String tabPath, String diner, JsonObject order) {
    String orderPath = tabPath + "/orders/" + order.getString("id");
    return client.post(orderPath + "/wechat-payment", diner, null)
        .compose(payment -> client.payInWeChat(payment.getJsonObject("request_payment")))
        .compose(paid -> client.post(orderPath + "/payment-check", diner, null));
  }

  /** The kitchen works the table's orders as far as its stage; a table that left has its tab closed. */
  private Future<Void> serve(Place place, String cashier, Seated seated, String host) {
    if (seated.visit().stage() == Stage.WAITING) {
      JsonObject first = seated.orders().get(0);
      return client.post(place.path("/tabs/" + seated.tab() + "/orders/" + first.getString("id") + "/hurry"), host,
          null).mapEmpty();
    }
    boolean all = seated.visit().stage() == Stage.LEFT;
    return inTurn(seated.orders(), order -> {
      String orderPath = place.path("/orders/" + order.getString("id"));
      List<JsonObject> items = order.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
      List<JsonObject> served = all ? items : items.subList(0, 1);
      return client.post(orderPath + "/accept", cashier, null)
          .compose(accepted -> inTurn(served, item -> client.post(orderPath + "/items/" + item.getString("id")
              + "/served", cashier, null)));
    }).compose(done -> all ? client.post(place.path("/tabs/" + seated.tab() + "/close"), cashier, null).mapEmpty()
        : Future.succeededFuture());
  }

  /** Some of the day's diners become members, two of them through the cashier's personal join code. */
  private Future<List<JsonObject>> joinMembership(Place place, String cashier) {
    return client.get(place.path("/join-code"), cashier).map(code -> code.getString("code"))
        .compose(code -> inTurn(JOININGS, joining -> client.signIn("演示食客-" + joining.diner())
            .compose(diner -> client.get(place.path("/membership"), diner)
                .compose(card -> (joining.phone() == null ? Future.succeededFuture((String) null)
                        : client.phoneCode(joining.phone()))
                    .compose(phoneCode -> {
                      JsonObject join = new JsonObject().put("consent", true)
                          .put("notice_version", card.getJsonObject("notice").getInteger("version"))
                          .put("marketing", joining.marketing()).put("nickname", joining.diner());
                      if (joining.throughCashier()) {
                        join.put("staff_code", code);
                      }
                      if (phoneCode != null) {
                        join.put("phone_code", phoneCode);
                      }
                      return client.post(place.path("/membership"), diner, join);
                    })))));
  }

  /** The cashier hands back one portion; a WeChat refund is asked again (same key) until WeChat Pay confirms it. */
  private Future<JsonObject> refund(Place place, String cashier, List<Seated> seated, Refund refund) {
    JsonObject order = seated.stream().filter(table -> table.visit().table().equals(refund.table())).findFirst()
        .orElseThrow().orders().get(refund.order());
    long portion = order.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("dish_name").equals(refund.dish().name())).findFirst().orElseThrow()
        .getLong("unit_price_fen");
    JsonObject request = new JsonObject().put("amount_fen", portion).put("reason", refund.reason())
        .put("idempotency_key", "demo-" + UUID.randomUUID());
    return confirmed(place.path("/orders/" + order.getString("id") + "/refunds"), cashier, request, REFUND_CHECKS);
  }

  private Future<JsonObject> confirmed(String path, String cashier, JsonObject request, int checksLeft) {
    return client.post(path, cashier, request).compose(refund -> "processing".equals(refund.getString("status"))
        && checksLeft > 0
        ? vertx.timer(REFUND_CHECK_MILLIS).compose(waited -> confirmed(path, cashier, request, checksLeft - 1))
        : Future.succeededFuture(refund));
  }

  private static JsonObject cartLine(Place place, Line line) {
    JsonObject dish = place.dishes().get(line.dish().name());
    JsonArray choiceIds = new JsonArray();
    for (String choice : line.choices()) {
      choiceIds.add(dish.getJsonArray("option_groups", new JsonArray()).stream().map(JsonObject.class::cast)
          .flatMap(group -> group.getJsonArray("choices").stream().map(JsonObject.class::cast))
          .filter(option -> option.getString("name").equals(choice)).findFirst()
          .orElseThrow(() -> new IllegalStateException(line.dish().name() + " has no choice " + choice))
          .getString("id"));
    }
    return new JsonObject().put("dish_id", dish.getString("id")).put("quantity", line.quantity())
        .put("choice_ids", choiceIds);
  }

  private static Map<String, JsonObject> dishesByName(JsonObject menu) {
    Map<String, JsonObject> dishes = new LinkedHashMap<>();
    menu.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .flatMap(category -> category.getJsonArray("dishes").stream().map(JsonObject.class::cast))
        .forEach(dish -> dishes.put(dish.getString("name"), dish));
    return dishes;
  }

  /** Runs {@code step} for each item, one after the other, and answers the results in order. */
  private static <T, R> Future<List<R>> inTurn(List<T> items, Function<T, Future<R>> step) {
    Future<List<R>> all = Future.succeededFuture(new ArrayList<>());
    for (T item : items) {
      all = all.compose(results -> step.apply(item).map(result -> {
        results.add(result);
        return results;
      }));
    }
    return all;
  }

  @SafeVarargs
  private static Visit visit(String table, Pays pays, Stage stage, String notes, List<Line>... orders) {
    return new Visit(table, pays, stage, notes, Arrays.asList(orders));
  }

  private static Line line(String diner, DemoMenu.DemoDish dish, int quantity, String... choices) {
    return new Line(diner, dish, quantity, List.of(choices));
  }
}
