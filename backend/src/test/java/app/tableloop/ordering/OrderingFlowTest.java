package app.tableloop.ordering;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.LiveFeed;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table ordering together, end to end: a shared cart pushed live to everyone at the table, orders priced on the
 * server, stock that cannot be sold twice, and the kitchen's live feed from accepting to serving.
 */
class OrderingFlowTest {
  private static final Duration LIVE = Duration.ofSeconds(5);

  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;
  static String staff;
  static String noodles;
  static String large;
  static String small;
  static String cucumbers;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(OrderingFlowTest.class);
    restaurant = service.aRestaurant("一起吃面馆", "A1-A60");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    staff = service.signInAndAccept("cook", post(owner, "/invites", new JsonObject().put("role", "staff"))
        .getString("token"));
    call(owner, HttpMethod.PATCH, "", new JsonObject().put("ordering_mode", "eat_first"));
    String category = post(owner, "/menu/categories", new JsonObject().put("name", "面")).getString("id");
    JsonObject beefNoodles = post(owner, "/menu/dishes", new JsonObject()
        .put("category_id", category).put("name", "红烧牛肉面").put("price_fen", 2800)
        .put("option_groups", new JsonArray().add(new JsonObject().put("name", "份量").put("required", true)
            .put("min_choices", 1).put("max_choices", 1)
            .put("choices", new JsonArray()
                .add(new JsonObject().put("name", "大份").put("price_delta_fen", 500))
                .add(new JsonObject().put("name", "小份").put("price_delta_fen", 0))))));
    noodles = beefNoodles.getString("id");
    JsonArray choices = beefNoodles.getJsonArray("option_groups").getJsonObject(0).getJsonArray("choices");
    large = choiceNamed(choices, "大份");
    small = choiceNamed(choices, "小份");
    cucumbers = post(owner, "/menu/dishes", new JsonObject().put("category_id", category).put("name", "凉拌黄瓜")
        .put("price_fen", 800)).getString("id");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void twoDinersShareOneCartLiveAndTheServerPricesTheOrder() {
    String alice = service.signIn("alice");
    String bob = service.signIn("bob");
    DiningTable table = table("A1");
    String tab = openTab(alice, table).getString("id");
    assertThat(openTab(bob, table).getString("id")).as("one tab per table")
        .isEqualTo(tab);

    try (LiveFeed bobsPhone = service.live(storePath("/tabs/" + tab + "/live"), bob)) {
      bobsPhone.next(message -> message.getString("type").equals("tab"), LIVE);
      JsonObject afterAlice = post(alice, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", noodles)
          .put("choice_ids", new JsonArray().add(large)).put("quantity", 2).put("cart_version", 0));

      JsonObject seenByBob = bobsPhone.next(message -> cart(message.getJsonObject("tab")).getJsonArray("lines")
          .size() == 1, LIVE);
      assertThat(cart(seenByBob.getJsonObject("tab")).getLong("version"))
          .isEqualTo(afterAlice.getJsonObject("cart").getLong("version"));
      assertThat(cart(seenByBob.getJsonObject("tab")).getJsonArray("lines").getJsonObject(0).getString("added_by"))
          .isNotEqualTo(userId(bob));
    }

    HttpResponse<Buffer> stale = call(bob, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject()
        .put("dish_id", cucumbers).put("quantity", 1).put("cart_version", 0));
    assertThat(problem(stale, 409)).isEqualTo("stale_cart");
    post(bob, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers).put("quantity", 1));

    JsonObject order = placeOrder(bob, tab, "submit-0001", 3, "不要香菜");

    assertThat(order.getLong("total_fen")).isEqualTo(2 * (2800 + 500) + 800);
    assertThat(order.getString("number")).matches("A\\d{3}");
    assertThat(order.getString("status")).isEqualTo("placed");
    JsonObject again = placeOrder(bob, tab, "submit-0001", 3, "不要香菜");
    assertThat(again.getString("id")).as("a retried submit").isEqualTo(order.getString("id"));
    HttpResponse<Buffer> other = call(bob, HttpMethod.POST, "/tabs/" + tab + "/orders", new JsonObject()
        .put("idempotency_key", "submit-0001").put("head_count", 4));
    assertThat(problem(other, 409)).isEqualTo("idempotency_key_reused");
    assertThat(cart(get(alice, "/tabs/" + tab)).getJsonArray("lines")).as("the cart became the order").isEmpty();
  }

  @Test
  void theKitchenSeesTheOrderAtOnceAndTheTableSeesItsProgress() {
    String diner = service.signIn("carol");
    String tab = openTab(diner, table("A2")).getString("id");
    post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers).put("quantity", 2));

    try (LiveFeed kitchen = service.live(storePath("/kitchen/live"), staff);
         LiveFeed table = service.live(storePath("/tabs/" + tab + "/live"), diner)) {
      kitchen.next(message -> message.getString("type").equals("orders"), LIVE);
      long placedAt = System.nanoTime();
      JsonObject order = placeOrder(diner, tab, "submit-kitchen-1", 2, null);

      JsonObject seen = kitchen.next(message -> message.getString("type").equals("order_placed"), LIVE);
      long millis = Duration.ofNanos(System.nanoTime() - placedAt).toMillis();
      assertThat(seen.getJsonObject("order").getString("id")).isEqualTo(order.getString("id"));
      assertThat(millis).as("the kitchen feed gets the order within a second").isLessThan(1000);

      String orderPath = "/orders/" + order.getString("id");
      assertThat(post(staff, orderPath + "/accept", null).getString("status")).isEqualTo("accepted");
      String item = order.getJsonArray("items").getJsonObject(0).getString("id");
      assertThat(post(staff, orderPath + "/items/" + item + "/served", null).getString("status")).isEqualTo("served");
      table.next(message -> message.getJsonObject("tab").getJsonArray("orders").stream()
          .map(JsonObject.class::cast).anyMatch(o -> o.getString("status").equals("served")), LIVE);

      assertThat(call(staff, HttpMethod.POST, "/tabs/" + tab + "/close", null).statusCode()).isEqualTo(204);
      table.next(message -> message.getJsonObject("tab").getString("status").equals("closed"), LIVE);
    }
    assertThat(problem(call(diner, HttpMethod.POST, "/tabs/" + tab + "/cart",
        new JsonObject().put("dish_id", cucumbers).put("quantity", 1)), 409)).isEqualTo("tab_closed");
    assertThat(openTab(diner, table("A2")).getString("id"))
        .as("the table is free: scanning opens a new tab").isNotEqualTo(tab);
  }

  @Test
  void fiftyConcurrentOrdersForTenPortionsSellExactlyTen() {
    String dish = post(owner, "/menu/dishes", new JsonObject().put("category_id", categoryOf(noodles))
        .put("name", "限量腊味饭").put("price_fen", 3800)).getString("id");
    put(owner, "/menu/dishes/" + dish + "/stock", new JsonObject().put("today_stock", 10));
    String diner = service.signIn("crowd");
    List<String> tabs = new ArrayList<>();
    for (int i = 11; i <= 60; i++) {
      String tab = openTab(diner, table("A" + i)).getString("id");
      post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", dish).put("quantity", 1));
      tabs.add(tab);
    }

    List<CompletableFuture<HttpResponse<Buffer>>> submits = IntStream.range(0, tabs.size())
        .mapToObj(i -> service.callAsync(HttpMethod.POST, storePath("/tabs/" + tabs.get(i) + "/orders"), diner,
            new JsonObject().put("idempotency_key", "rush-" + i + "-0000").put("head_count", 1))
            .toCompletionStage().toCompletableFuture())
        .toList();
    List<HttpResponse<Buffer>> answers = submits.stream().map(CompletableFuture::join).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(10);
    assertThat(answers.stream().filter(answer -> answer.statusCode() == 409)).hasSize(40)
        .allSatisfy(answer -> assertThat(answer.bodyAsJsonObject().getString("message")).contains("限量腊味饭"));
    service.env().asOwner(sql -> {
      var rows = sql.executeQuery("SELECT stock_left FROM dishes WHERE id = '" + dish + "'");
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    });
  }

  @Test
  void submitsOfOneKeyArrivingTogetherAllAnswerTheOneOrderTheyMade() {
    String diner = service.signIn("ivan");
    String tab = openTab(diner, table("A6")).getString("id");
    for (int together : List.of(2, 10)) {
      post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers).put("quantity", 1));
      String key = "together-" + together + "-" + UUID.randomUUID();
      List<CompletableFuture<HttpResponse<Buffer>>> submits = IntStream.range(0, together)
          .mapToObj(i -> service.callAsync(HttpMethod.POST, storePath("/tabs/" + tab + "/orders"), diner,
              new JsonObject().put("idempotency_key", key).put("head_count", 2))
              .toCompletionStage().toCompletableFuture())
          .toList();
      List<HttpResponse<Buffer>> answers = submits.stream().map(CompletableFuture::join).toList();

      assertThat(answers).as(together + " submits at once").allSatisfy(answer ->
          assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201));
      assertThat(answers.stream().map(answer -> answer.bodyAsJsonObject().getString("id")).distinct()).hasSize(1);
      assertThat(service.env().count("SELECT count(*) FROM orders WHERE idempotency_key = '" + key + "'"))
          .isEqualTo(1);
    }
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE tab_id = '" + tab + "'")).isEqualTo(2);
  }

  @Test
  void badCartInputIsRefusedAndChangesNothing() {
    String diner = service.signIn("dave");
    String tab = openTab(diner, table("A3")).getString("id");
    TenantBootstrap.Bootstrapped elsewhere = service.aRestaurant("别家面馆", "B1");
    String foreignOwner = service.signInAndAccept("other-owner", elsewhere.ownerInvite().token());
    String foreignCategory = service.call(HttpMethod.POST, "/api/v1/stores/" + elsewhere.store().id()
        + "/menu/categories", foreignOwner, new JsonObject().put("name", "饭")).bodyAsJsonObject().getString("id");
    String foreignDish = service.call(HttpMethod.POST, "/api/v1/stores/" + elsewhere.store().id() + "/menu/dishes",
        foreignOwner, new JsonObject().put("category_id", foreignCategory).put("name", "别家的饭").put("price_fen", 100))
        .bodyAsJsonObject().getString("id");

    assertThat(problem(addLine(diner, tab, UUID.randomUUID().toString(), List.of(), 1), 404))
        .isEqualTo("dish_not_found");
    assertThat(problem(addLine(diner, tab, foreignDish, List.of(), 1), 404)).isEqualTo("dish_not_found");
    assertThat(problem(addLine(diner, tab, noodles, List.of(), 1), 400)).as("the size is required")
        .isEqualTo("choice_required");
    assertThat(problem(addLine(diner, tab, noodles, List.of(large, small), 1), 400)).as("one size only")
        .isEqualTo("too_many_choices");
    assertThat(problem(addLine(diner, tab, cucumbers, List.of(large), 1), 400)).as("not a choice of this dish")
        .isEqualTo("choice_not_available");
    assertThat(problem(addLine(diner, tab, cucumbers, List.of(), 0), 400)).isEqualTo("invalid_field");
    assertThat(problem(addLine(diner, tab, cucumbers, List.of(), 100), 400)).isEqualTo("invalid_field");
    assertThat(problem(call(diner, HttpMethod.POST, "/tabs/" + tab + "/orders",
        new JsonObject().put("idempotency_key", "empty-cart-1").put("head_count", 2)), 400)).isEqualTo("cart_empty");

    JsonObject state = get(diner, "/tabs/" + tab);
    assertThat(cart(state).getJsonArray("lines")).isEmpty();
    assertThat(cart(state).getLong("version")).as("refused changes do not count").isZero();
    assertThat(problem(call(service.signIn("stranger"), HttpMethod.GET, "/tabs/" + tab, null), 404))
        .as("someone who did not join the table").isEqualTo("tab_not_found");
  }

  @Test
  void aPayFirstOrderWaitsForPaymentAndCanBeCancelledWithItsStockReturned() {
    call(owner, HttpMethod.PATCH, "", new JsonObject().put("ordering_mode", "pay_first"));
    try {
      String dish = post(owner, "/menu/dishes", new JsonObject().put("category_id", categoryOf(noodles))
          .put("name", "例汤").put("price_fen", 600)).getString("id");
      put(owner, "/menu/dishes/" + dish + "/stock", new JsonObject().put("today_stock", 3));
      String diner = service.signIn("erin");
      String tab = openTab(diner, table("A4")).getString("id");
      post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", dish).put("quantity", 2));

      JsonObject order = placeOrder(diner, tab, "pay-first-0001", 1, null);

      assertThat(order.getString("status")).isEqualTo("awaiting_payment");
      assertThat(get(staff, "/orders").getJsonArray("orders").stream().map(JsonObject.class::cast)
          .map(o -> o.getString("id"))).as("the kitchen waits for payment").doesNotContain(order.getString("id"));
      assertThat(problem(call(staff, HttpMethod.POST, "/orders/" + order.getString("id") + "/accept", null), 409))
          .isEqualTo("order_state_conflict");
      JsonObject cancelled = post(staff, "/orders/" + order.getString("id") + "/cancel",
          new JsonObject().put("reason", "顾客离开"));
      assertThat(cancelled.getString("status")).isEqualTo("cancelled");
      service.env().asOwner(sql -> {
        var rows = sql.executeQuery("SELECT stock_left FROM dishes WHERE id = '" + dish + "'");
        rows.next();
        assertThat(rows.getInt(1)).as("the portions came back").isEqualTo(3);
      });
    } finally {
      call(owner, HttpMethod.PATCH, "", new JsonObject().put("ordering_mode", "eat_first"));
    }
  }

  @Test
  void hurryingReachesTheKitchenOnceEveryTwoMinutesAndTheTicketPrints() {
    String diner = service.signIn("frank");
    String tab = openTab(diner, table("A5")).getString("id");
    post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", noodles)
        .put("choice_ids", new JsonArray().add(small)).put("quantity", 1));
    JsonObject order = placeOrder(diner, tab, "hurry-0001", 1, "快一点");

    try (LiveFeed kitchen = service.live(storePath("/kitchen/live"), staff)) {
      post(diner, "/tabs/" + tab + "/orders/" + order.getString("id") + "/hurry", null);
      assertThat(kitchen.next(message -> message.getString("type").equals("order_hurried"), LIVE)
          .getJsonObject("order").getString("id")).isEqualTo(order.getString("id"));
    }
    assertThat(problem(call(diner, HttpMethod.POST, "/tabs/" + tab + "/orders/" + order.getString("id") + "/hurry",
        null), 429)).isEqualTo("hurried_recently");

    HttpResponse<Buffer> ticket = call(staff, HttpMethod.GET, "/orders/" + order.getString("id") + "/ticket", null);
    assertThat(ticket.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(ticket.bodyAsString()).contains("#" + order.getString("number"), "红烧牛肉面", "小份", "快一点");
  }

  @Test
  void aClosedStoreOrAnInactiveTableTakesNoOrders() {
    String diner = service.signIn("gina");
    String tab = openTab(diner, table("A7")).getString("id");
    post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers).put("quantity", 1));
    // Open only one minute, on the day after tomorrow: closed now, whatever day the test runs.
    int dayAfterTomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2).getDayOfWeek()
        .getValue();
    JsonArray never = new JsonArray().add(new JsonObject().put("days", new JsonArray().add(dayAfterTomorrow))
        .put("open", "10:00").put("close", "10:01"));
    JsonArray always = new JsonArray();
    call(owner, HttpMethod.PATCH, "", new JsonObject().put("business_hours", never));
    try {
      assertThat(problem(call(diner, HttpMethod.POST, "/tabs/" + tab + "/orders",
          new JsonObject().put("idempotency_key", "closed-store-1").put("head_count", 1)), 409))
          .isEqualTo("store_closed");
    } finally {
      call(owner, HttpMethod.PATCH, "", new JsonObject().put("business_hours", always));
    }
    String scannedBefore = service.scan(restaurant.store(), table("A8"));
    call(owner, HttpMethod.PATCH, "/tables/" + table("A8").id(), new JsonObject().put("active", false));

    assertThat(problem(call(diner, HttpMethod.POST, "/tables/" + table("A8").id() + "/tab",
        new JsonObject().put("scan_token", scannedBefore)), 409)).isEqualTo("table_inactive");
    assertThat(cart(get(diner, "/tabs/" + tab)).getJsonArray("lines")).as("nothing was taken from the cart")
        .hasSize(1);
  }

  @Test
  void notesTheContentCheckFlagsAreRefusedAndTheCartStays() {
    String diner = service.signIn("ivy");
    String tab = openTab(diner, table("A11")).getString("id");
    post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", cucumbers).put("quantity", 1));
    String orders = "SELECT count(*) FROM orders WHERE tab_id = '" + tab + "'";
    long before = service.env().count(orders);

    HttpResponse<Buffer> flagged = call(diner, HttpMethod.POST, "/tabs/" + tab + "/orders", new JsonObject()
        .put("idempotency_key", "notes-flagged-1").put("head_count", 1).put("notes", "能代开发票吗"));

    assertThat(problem(flagged, 400)).isEqualTo("notes_refused");
    assertThat(flagged.bodyAsJsonObject().getString("field")).isEqualTo("notes");
    assertThat(cart(get(diner, "/tabs/" + tab)).getJsonArray("lines")).as("nothing was ordered").hasSize(1);
    assertThat(service.env().count(orders)).isEqualTo(before);
    assertThat(placeOrder(diner, tab, "notes-flagged-2", 1, "少放辣").getString("notes")).isEqualTo("少放辣");
  }

  @Test
  void anAbandonedEmptyTabExpiresAndOneInUseDoesNot() {
    String diner = service.signIn("hank");
    String empty = openTab(diner, table("A9")).getString("id");
    String inUse = openTab(diner, table("A10")).getString("id");
    post(diner, "/tabs/" + inUse + "/cart", new JsonObject().put("dish_id", cucumbers).put("quantity", 1));
    service.env().asOwner(sql -> {
      sql.execute("UPDATE tabs SET last_activity_at = now() - interval '3 hours' WHERE id IN ('" + empty + "', '"
          + inUse + "')");
      sql.execute("SELECT expire_abandoned_tabs(interval '2 hours')");
    });

    assertThat(get(diner, "/tabs/" + empty).getString("status")).isEqualTo("closed");
    assertThat(get(diner, "/tabs/" + inUse).getString("status")).isEqualTo("open");
  }

  private static JsonObject placeOrder(String token, String tab, String key, int headCount, String notes) {
    JsonObject body = new JsonObject().put("idempotency_key", key).put("head_count", headCount);
    if (notes != null) {
      body.put("notes", notes);
    }
    HttpResponse<Buffer> response = call(token, HttpMethod.POST, "/tabs/" + tab + "/orders", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** Scans the table and opens or joins its tab. */
  private static JsonObject openTab(String token, DiningTable table) {
    return ok(service.openTab(restaurant.store(), table, token));
  }

  private static HttpResponse<Buffer> addLine(String token, String tab, String dish, List<String> choices,
                                              int quantity) {
    return call(token, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", dish)
        .put("choice_ids", new JsonArray(choices)).put("quantity", quantity));
  }

  private static String categoryOf(String dish) {
    return get(owner, "/menu/dishes").getJsonArray("dishes").stream().map(JsonObject.class::cast)
        .filter(d -> d.getString("id").equals(dish)).findFirst().orElseThrow().getString("category_id");
  }

  private static String choiceNamed(JsonArray choices, String name) {
    return choices.stream().map(JsonObject.class::cast).filter(c -> c.getString("name").equals(name))
        .findFirst().orElseThrow().getString("id");
  }

  private static DiningTable table(String code) {
    return restaurant.tables().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
  }

  private static JsonObject cart(JsonObject tab) {
    return tab.getJsonObject("cart");
  }

  private static String userId(String token) {
    return service.get("/api/v1/me", token).bodyAsJsonObject().getJsonObject("user").getString("id");
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }

  private static HttpResponse<Buffer> call(String token, HttpMethod method, String rest, JsonObject body) {
    return service.call(method, storePath(rest), token, body);
  }

  private static JsonObject post(String token, String rest, JsonObject body) {
    HttpResponse<Buffer> response = call(token, HttpMethod.POST, rest, body);
    assertThat(response.statusCode()).as(rest + " " + response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }

  private static void put(String token, String rest, JsonObject body) {
    HttpResponse<Buffer> response = call(token, HttpMethod.PUT, rest, body);
    assertThat(response.statusCode()).as(rest + " " + response.bodyAsString()).isBetween(200, 204);
  }

  private static JsonObject get(String token, String rest) {
    HttpResponse<Buffer> response = call(token, HttpMethod.GET, rest, null);
    assertThat(response.statusCode()).as(rest + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }
}
