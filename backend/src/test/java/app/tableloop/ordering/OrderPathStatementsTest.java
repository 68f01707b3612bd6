package app.tableloop.ordering;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.tableloop.menu.BusinessDay;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import app.tableloop.testing.StatementTap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the order path costs the database, counted on the wire between the service and PostgreSQL: a cart add, a
 * placement and a look at the tab are each one transaction of a fixed number of messages (BEGIN with the tenant
 * setting, and COMMIT, included), however long the tab's history; nothing is read again after the commit, and the
 * answers built from memory are what a read gives.
 */
class OrderPathStatementsTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String category;
  static String noodles;
  static String large;
  static String cucumbers;
  static String owner;

  @BeforeAll
  static void setUp() {
    service = RunningService.startTapped(OrderPathStatementsTest.class);
    restaurant = service.aRestaurant("数语句面馆", "A1-A5");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    call(owner, HttpMethod.PATCH, "", new JsonObject().put("ordering_mode", "eat_first"));
    category = body(call(owner, HttpMethod.POST, "/menu/categories", new JsonObject().put("name", "面")))
        .getString("id");
    JsonObject beefNoodles = body(call(owner, HttpMethod.POST, "/menu/dishes", new JsonObject()
        .put("category_id", category).put("name", "红烧牛肉面").put("price_fen", 2800)
        .put("option_groups", new JsonArray().add(new JsonObject().put("name", "份量").put("required", true)
            .put("min_choices", 1).put("max_choices", 1)
            .put("choices", new JsonArray().add(new JsonObject().put("name", "大份").put("price_delta_fen", 500))
                .add(new JsonObject().put("name", "小份").put("price_delta_fen", 0)))))));
    noodles = beefNoodles.getString("id");
    large = beefNoodles.getJsonArray("option_groups").getJsonObject(0).getJsonArray("choices").getJsonObject(0)
        .getString("id");
    cucumbers = body(call(owner, HttpMethod.POST, "/menu/dishes", new JsonObject().put("category_id", category)
        .put("name", "凉拌黄瓜").put("price_fen", 800))).getString("id");
    call(owner, HttpMethod.PUT, "/menu/dishes/" + cucumbers + "/stock", new JsonObject().put("today_stock", 50));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aCartAddAPlacementAndALookAtTheTabEachCostOneShortTransaction() {
    String diner = service.signIn("counted");
    String tab = ok(service.openTab(restaurant.store(), table("A1"), diner)).getString("id");
    // The store's time zone, and so its business day, is known from then on.
    body(call(diner, HttpMethod.GET, "/tabs/" + tab, null));

    StatementTap.Unit cartAdd = onePerRequest(() -> body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart",
        new JsonObject().put("dish_id", noodles).put("choice_ids", new JsonArray().add(large)).put("quantity", 2)
            .put("cart_version", 0))));
    assertThat(cartAdd.statements()).as("BEGIN with the tenant, the diner check with the count of the change and the"
        + " tab's lines and orders, the dishes of the lines and the one added, the line, COMMIT").hasSize(5);
    assertThat(cartAdd.roundTrips()).as("the dishes go with the change's count, the commit with the line")
        .isEqualTo(2);

    List<String> placement = onePerRequest(() -> placeOrder(diner, tab, "counted-0001")).statements();
    // The diner is no member: the pricing read (membership, level, coupons) finds nothing and redeems nothing.
    assertThat(placement).as("BEGIN with the tenant, the tab locked with its store, table, cart, orders and the key's"
        + " earlier order, the dishes, the diner's membership with level and coupons, the stock, the cart emptied, the"
        + " numbered order with its items, COMMIT")
        .hasSize(8);
    assertThat(placement.get(placement.size() - 2)).as("the day's number is taken by the last statement")
        .contains("order_counters");

    StatementTap.Unit look = onePerRequest(() -> body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)));
    assertThat(look.statements()).as("BEGIN with the tenant, the tab with its store, lines and orders, the dishes its"
        + " lines name, COMMIT").hasSize(4);
    look = onAWarmConnection(look, again -> onePerRequest(() -> body(call(diner, HttpMethod.GET, "/tabs/" + tab,
        null))));
    assertThat(look.roundTrips()).as("a look sends its statements and its commit at once").isEqualTo(1);
  }

  @Test
  void aLookAtTheTabCostsTheSameWithTenOrdersAsWithOne() {
    String diner = service.signIn("regular");
    String tab = ok(service.openTab(restaurant.store(), table("A2"), diner)).getString("id");
    for (int i = 0; i < 10; i++) {
      orderCucumbers(diner, tab, "regular-" + i + "-0000");
    }
    body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers)
        .put("quantity", 1)));

    List<StatementTap.Unit> look = requestUnits(() -> body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)));

    assertThat(look).as("the tab with its store, lines and orders, and the lines' dishes, in one transaction sent in"
            + " one write (BEGIN with the tenant, the two statements, COMMIT)")
        .filteredOn(unit -> unit.mentions("tabs t") || unit.mentions("FROM dishes"))
        .extracting(unit -> unit.statements().size(), StatementTap.Unit::roundTrips,
            unit -> unit.mentions("tabs t"), unit -> unit.mentions("FROM dishes"))
        .containsExactly(tuple(4, 1, true, true));
  }

  @Test
  void aLookPricesTheCartOnTheStoresBusinessDayAfterItsTimeZoneChanged() {
    String diner = service.signIn("traveller");
    String tab = ok(service.openTab(restaurant.store(), table("A5"), diner)).getString("id");
    String pickles = body(call(owner, HttpMethod.POST, "/menu/dishes", new JsonObject().put("category_id", category)
        .put("name", "酸黄瓜").put("price_fen", 600))).getString("id");
    JsonArray lines = body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject()
        .put("dish_id", pickles).put("quantity", 2))).getJsonObject("cart").getJsonArray("lines");
    String line = lines.getJsonObject(lines.size() - 1).getString("id");
    call(owner, HttpMethod.PUT, "/menu/dishes/" + pickles + "/stock", new JsonObject().put("today_stock", 1));
    assertThat(body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)).getJsonObject("cart").containsKey("problem"))
        .as("two in the cart, one left today").isTrue();
    String zone = body(call(owner, HttpMethod.GET, "", null)).getString("time_zone");
    Instant now = Instant.now();
    // One of the two is on another business day than the store's zone now (they are 6 and 19 hours off Shanghai's).
    String elsewhere = Stream.of("Pacific/Kiritimati", "Pacific/Pago_Pago")
        .filter(other -> !BusinessDay.of(now, ZoneId.of(other)).equals(BusinessDay.of(now, ZoneId.of(zone))))
        .findFirst().orElseThrow();
    try {
      body(call(owner, HttpMethod.PATCH, "", new JsonObject().put("time_zone", elsewhere)));

      assertThat(body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)).getJsonObject("cart").containsKey("problem"))
          .as("the store's day now is another: no stock was set for it").isFalse();
    } finally {
      // The table's tab is other tests' too: its cart and its store as they were.
      body(call(owner, HttpMethod.PATCH, "", new JsonObject().put("time_zone", zone)));
      body(call(diner, HttpMethod.DELETE, "/tabs/" + tab + "/cart/" + line, null));
    }
  }

  @Test
  void aLookAtATabReadsOnlyTheOrdersChangedSinceTheLastLook() {
    String diner = service.signIn("historian");
    String tab = ok(service.openTab(restaurant.store(), table("A2"), diner)).getString("id");
    orderCucumbers(diner, tab, "historian-first");
    long withOne = answeredForALook(diner, tab);
    for (int i = 0; i < 10; i++) {
      orderCucumbers(diner, tab, "historian-" + i + "-0000");
    }

    // A look may fetch the last order placed again (what its copy holds is complete only up to the transactions
    // running when it was read), or not: either look may hold one order more than the other, never the ten more a
    // read of the whole history adds.
    assertThat(answeredForALook(diner, tab)).as("bytes the database answers for a look at a tab of eleven orders,"
        + " against one of one order (%d); an order's JSON alone is more than 300 bytes", withOne)
        .isLessThan(withOne + 2 * 300);
  }

  @Test
  void theKitchensReadCanUseItsPartialIndexOnAGenericPlan() throws Exception {
    StatementTap tap = service.tap();
    tap.clear();
    body(call(owner, HttpMethod.GET, "/orders", null));
    String read = tap.units().stream().flatMap(unit -> unit.statements().stream())
        .filter(sql -> sql.contains("FROM orders o") && sql.contains("LIMIT 500")).findFirst().orElseThrow();

    List<String> plan = new ArrayList<>();
    service.env().asOwner(sql -> {
      sql.execute("SET plan_cache_mode = force_generic_plan");
      // Off, so that the tiny table here does not make a scan of it the cheaper plan: the question is only whether
      // the index can serve the statement as the service sends it.
      sql.execute("SET enable_seqscan = off");
      sql.execute("PREPARE kitchen (uuid, uuid) AS " + read);
      try (ResultSet rows = sql.executeQuery("EXPLAIN EXECUTE kitchen ('" + restaurant.tenantId() + "', '"
          + restaurant.store().id() + "')")) {
        while (rows.next()) {
          plan.add(rows.getString(1));
        }
      }
    });

    assertThat(String.join("\n", plan)).contains("orders_live_by_store");
  }

  @Test
  void aWeChatPaymentPlacesItsOrderWithOneUpdateOfTheOrder() {
    ARestaurant restaurant = ARestaurant.payFirst(service, "先付面馆", "B1", 1200);
    ARestaurant.Ordered order = restaurant.anOrderAwaitingPayment("payer", "B1", 1);
    String outTradeNo = order.restaurant().requestWeChatPayment(order).getJsonObject("payment")
        .getString("out_trade_no");

    StatementTap.Unit recording = recordingOfItsNotification(outTradeNo);
    assertThat(recording.statements().stream().filter(sql -> sql.contains("orders")))
        .as("the order placed, marked paid and answered by one statement, not read again").hasSize(1);
    assertThat(recording.statements()).as("BEGIN with the tenant, the payment locked, marked paid, the order placed,"
        + " the ledger's entry, the outbox's event, COMMIT").hasSize(7);
    assertThat(service.env().count("SELECT count(*) FROM orders o JOIN payments p ON p.id = o.paid_by"
        + " WHERE o.id = '" + order.order() + "' AND o.status = 'placed' AND p.out_trade_no = '" + outTradeNo + "'"))
        .isEqualTo(1);

    recording = onAWarmConnection(recording, payer -> recordingOfItsNotification(restaurant.requestWeChatPayment(
        restaurant.anOrderAwaitingPayment("payer-" + payer, "B1", 1)).getJsonObject("payment")
        .getString("out_trade_no")));
    assertThat(recording.sentWithTheOneBefore("COMMIT")).as("the commit sent behind the outbox's event, not once it"
        + " answered").isTrue();
  }

  /**
   * The first unit {@code again} gives (the {@code n}th time) on a connection that ran one of them before, {@code
   * first} among them. A connection preparing a statement waits for that before sending on, so how statements travel
   * is looked at on a connection that has run them before, as the service's are once warm: the pool has 4, so the
   * fifth unit at most.
   */
  private static StatementTap.Unit onAWarmConnection(StatementTap.Unit first, IntFunction<StatementTap.Unit> again) {
    Set<Integer> ranOn = new HashSet<>();
    StatementTap.Unit unit = first;
    for (int n = 1; ranOn.add(unit.connection()); n++) {
      unit = again.apply(n);
    }
    return unit;
  }

  /** What the database executed to record the notification of the payment {@code outTradeNo}, paid now. */
  private static StatementTap.Unit recordingOfItsNotification(String outTradeNo) {
    String held = service.payWithNotificationHeld(outTradeNo);
    StatementTap tap = service.tap();
    tap.clear();
    service.releaseNotificationAndSeeItAccepted(held);
    return tap.units().stream().filter(unit -> unit.mentions("UPDATE payments SET status = 'paid'")).findFirst()
        .orElseThrow();
  }

  /** What the database answered for a look at the tab: the least of three looks, should another transaction lag. */
  private static long answeredForALook(String diner, String tab) {
    StatementTap tap = service.tap();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      tap.clear();
      body(call(diner, HttpMethod.GET, "/tabs/" + tab, null));
      least = Math.min(least, tap.bytesAnswered());
    }
    return least;
  }

  @Test
  void answersBuiltFromMemoryAreWhatALaterReadGives() {
    String diner = service.signIn("checker");
    String tab = ok(service.openTab(restaurant.store(), table("A3"), diner)).getString("id");
    body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers)
        .put("quantity", 1)));
    JsonObject first = placeOrder(diner, tab, "checker-0001");
    JsonObject afterAdd = body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject()
        .put("dish_id", noodles).put("choice_ids", new JsonArray().add(large)).put("quantity", 3)));
    JsonObject changed = body(call(diner, HttpMethod.PATCH, "/tabs/" + tab + "/cart/"
        + afterAdd.getJsonObject("cart").getJsonArray("lines").getJsonObject(0).getString("id"),
        new JsonObject().put("quantity", 2).put("cart_version", afterAdd.getJsonObject("cart").getLong("version"))));

    assertThat(changed).isEqualTo(body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)));
    JsonObject second = placeOrder(diner, tab, "checker-0002");

    JsonArray orders = body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)).getJsonArray("orders");
    assertThat(orders).containsExactly(first, second);
    assertThat(orders).as("what a read of the whole tab gives, not this instance's copy").isEqualTo(wholeRead(tab));
  }

  @Test
  void theCartAddAfterAnOrderDoesNotReadTheOrderBack() {
    String diner = service.signIn("forward");
    String tab = ok(service.openTab(restaurant.store(), table("A5"), diner)).getString("id");
    JsonObject cucumber = new JsonObject().put("dish_id", cucumbers).put("quantity", 1);
    body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", cucumber));
    JsonObject placed = placeOrder(diner, tab, "forward-0001");
    StatementTap tap = service.tap();
    tap.clear();

    JsonObject afterOrder = body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", cucumber));

    assertThat(tap.answersMention(placed.getString("id"))).as("the order read back from the database").isFalse();
    assertThat(afterOrder.getJsonArray("orders")).containsExactly(placed);
    assertThat(afterOrder.getJsonArray("orders")).isEqualTo(wholeRead(tab));

    body(call(owner, HttpMethod.POST, "/orders/" + placed.getString("id") + "/accept", null));
    tap.clear();
    JsonObject afterAccept = body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", cucumber));
    assertThat(tap.answersMention(placed.getString("id"))).as("changed by another transaction: read again").isTrue();
    assertThat(afterAccept.getJsonArray("orders").getJsonObject(0).getString("status")).isEqualTo("accepted");

    String item = placed.getJsonArray("items").getJsonObject(0).getString("id");
    body(call(owner, HttpMethod.POST, "/orders/" + placed.getString("id") + "/items/" + item + "/served", null));
    JsonObject served = body(call(diner, HttpMethod.GET, "/tabs/" + tab, null));
    assertThat(served.getJsonArray("orders").getJsonObject(0).getJsonArray("items").getJsonObject(0)
        .getBoolean("served")).as("the item served, as the look read it").isTrue();
    assertThat(served.getJsonArray("orders")).isEqualTo(wholeRead(tab));
  }

  @Test
  void cartAddsArrivingTogetherEachAnswerTheCartAsTheirChangeLeftIt() {
    String diner = service.signIn("crowd");
    String tab = ok(service.openTab(restaurant.store(), table("A4"), diner)).getString("id");
    JsonObject before = body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)).getJsonObject("cart");

    List<CompletableFuture<HttpResponse<Buffer>>> adds = IntStream.rangeClosed(1, 10)
        .mapToObj(quantity -> service.callAsync(HttpMethod.POST, "/api/v1/stores/" + restaurant.store().id()
                + "/tabs/" + tab + "/cart", diner, new JsonObject().put("dish_id", cucumbers).put("quantity", quantity))
            .toCompletionStage().toCompletableFuture())
        .toList();
    List<JsonObject> carts = adds.stream().map(CompletableFuture::join).map(OrderPathStatementsTest::body)
        .map(state -> state.getJsonObject("cart")).toList();

    assertThat(carts).allSatisfy(cart -> assertThat(cart.getJsonArray("lines"))
        .as("the lines added up to this change, and no more").hasSize(before.getJsonArray("lines").size()
            + (int) (cart.getLong("version") - before.getLong("version"))));
    assertThat(IntStream.range(0, carts.size()).filter(i -> carts.get(i).getJsonArray("lines").stream()
        .map(JsonObject.class::cast).anyMatch(line -> line.getInteger("quantity") == i + 1)).count())
        .as("each answer holds its own line").isEqualTo(10);
    JsonObject last = carts.stream().max(Comparator.comparing(cart -> cart.getLong("version"))).orElseThrow();
    assertThat(last).isEqualTo(body(call(diner, HttpMethod.GET, "/tabs/" + tab, null)).getJsonObject("cart"));
  }

  /**
   * The statements of the one transaction a request ran on the order path, after checking that it ran exactly one
   * such transaction and no access check, and nothing on the order path once it had answered.
   */
  private static StatementTap.Unit onePerRequest(Supplier<JsonObject> request) {
    List<StatementTap.Unit> units = requestUnits(request);
    List<StatementTap.Unit> orderPath = units.stream()
        .filter(unit -> unit.mentions("tabs t") || unit.mentions("UPDATE tabs")).toList();
    assertThat(orderPath).as(units.toString()).hasSize(1);
    return orderPath.get(0);
  }

  /** What the request had the database execute, by transaction; no access check among it. */
  private static List<StatementTap.Unit> requestUnits(Supplier<JsonObject> request) {
    StatementTap tap = service.tap();
    tap.clear();
    request.get();
    sleep();
    List<StatementTap.Unit> units = tap.units();
    assertThat(units.stream().filter(unit -> unit.mentions("tenant_of_store") || unit.mentions("roles_of_user")))
        .as("no access check reads the database: the store's tenant is known since the tab was opened, and what only"
            + " diners do needs no roles").isEmpty();
    return units;
  }

  /** Whatever the request still did after answering (telling the table, say) has time to reach the database. */
  private static void sleep() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The diner adds a dish of cucumbers to the tab's cart and orders it. */
  private static void orderCucumbers(String diner, String tab, String key) {
    body(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers)
        .put("quantity", 1)));
    placeOrder(diner, tab, key);
  }

  private static JsonObject placeOrder(String token, String tab, String key) {
    HttpResponse<Buffer> response = call(token, HttpMethod.POST, "/tabs/" + tab + "/orders",
        new JsonObject().put("idempotency_key", key).put("head_count", 2));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** The tab's orders as a read of the whole tab gives them: another copy than the service's, which starts empty. */
  private static JsonArray wholeRead(String tab) {
    List<Order> read = Await.result(service.database().inTenant(restaurant.tenantId(), sql -> new Tabs(
            new TabOrders()).view(sql, restaurant.tenantId(), restaurant.store().id(), UUID.fromString(tab),
            Optional.empty())))
        .orElseThrow().orders();
    return new JsonArray(read.stream().map(order -> new JsonObject(OrderingJson.order(order).encode())).toList());
  }

  private static DiningTable table(String code) {
    return restaurant.tables().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
  }

  private static HttpResponse<Buffer> call(String token, HttpMethod method, String rest, JsonObject body) {
    return service.call(method, "/api/v1/stores/" + restaurant.store().id() + rest, token, body);
  }

  private static JsonObject body(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }
}
