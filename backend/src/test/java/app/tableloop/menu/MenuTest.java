package app.tableloop.menu;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.platform.config.Config;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.WeChatSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The menu end to end: owners build it, the kitchen marks dishes sold out, diners read it. The owners and staff talk
 * to one instance of the service and the diners to a second one on the same PostgreSQL and Redis, as behind a load
 * balancer: every change must reach the diners' menu, whichever instance keeps a copy of it.
 */
class MenuTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  static RunningService service;
  static Application dinersInstance;
  static Vertx clientVertx;
  static WebClient diners;
  static Database database;
  static TenantBootstrap.Bootstrapped elsewhere;
  static String ownerElsewhere;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(MenuTest.class);
    Config config = service.env().config(Map.of());
    dinersInstance = Application.start(config, WeChatSettings.from(Map.of()), HttpSettings.from(config),
        Application.FEATURES);
    clientVertx = VertxFactory.create().vertx();
    diners = WebClient.create(clientVertx, new WebClientOptions().setDefaultPort(dinersInstance.port()));
    database = Database.connect(clientVertx, service.env().appUrl(), 2);
    elsewhere = service.aRestaurant("别家面馆", "B1-B2");
    ownerElsewhere = service.signInAndAccept("owner-elsewhere", elsewhere.ownerInvite().token());
  }

  @AfterAll
  static void stop() {
    Await.result(database.close());
    diners.close();
    Await.result(clientVertx.close());
    dinersInstance.close();
    service.close();
  }

  @Test
  void anOwnerBuildsAMenuThatDinersReadInOrder() {
    Kitchen kitchen = aKitchen("build");
    String noodles = category(kitchen, "招牌面");
    String snacks = category(kitchen, "小吃");
    String drinks = category(kitchen, "饮品");
    addDish(kitchen, dish(noodles, "红烧牛肉面", 2800)
        .put("member_price_fen", 2500)
        .put("description", "慢炖四小时的牛腱")
        .put("image_url", "https://img.example.com/beef.jpg")
        .put("tags", new JsonArray().add("招牌").add("辣"))
        .put("option_groups", new JsonArray()
            .add(group("份量", true, 1, 1, choice("中份", 0), choice("大份", 300)))
            .add(group("加料", false, 0, 2, choice("加蛋", 200), choice("加牛肉", 800)))));
    addDish(kitchen, dish(snacks, "拍黄瓜", 1200));
    HttpResponse<Buffer> reordered = service.call(HttpMethod.PUT, kitchen.path("/menu/category-order"),
        kitchen.owner(), new JsonObject().put("category_ids", new JsonArray().add(snacks).add(noodles).add(drinks)));
    assertThat(reordered.statusCode()).as(reordered.bodyAsString()).isEqualTo(200);
    assertThat(names(reordered.bodyAsJsonObject().getJsonArray("categories"))).containsExactly("小吃", "招牌面", "饮品");

    HttpResponse<Buffer> read = readMenu(kitchen, null);

    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(read.getHeader("ETag")).startsWith("W/\"");
    assertThat(read.getHeader("Cache-Control")).isEqualTo("no-cache");
    JsonObject menu = read.bodyAsJsonObject();
    assertThat(names(menu.getJsonArray("categories"))).as("an empty category is left out").containsExactly("小吃", "招牌面");
    JsonObject beef = dishOn(menu, "红烧牛肉面").orElseThrow();
    assertThat(beef.getLong("price_fen")).isEqualTo(2800);
    assertThat(beef.getLong("member_price_fen")).isEqualTo(2500);
    assertThat(beef.getJsonArray("tags")).containsExactly("招牌", "辣");
    assertThat(beef.getString("description")).isEqualTo("慢炖四小时的牛腱");
    assertThat(beef.getString("image_url")).isEqualTo("https://img.example.com/beef.jpg");
    assertThat(beef.getBoolean("sold_out")).isFalse();
    assertThat(beef.getBoolean("available_now")).isTrue();
    JsonArray groups = beef.getJsonArray("option_groups");
    assertThat(names(groups)).containsExactly("份量", "加料");
    assertThat(groups.getJsonObject(0).getBoolean("required")).isTrue();
    assertThat(names(groups.getJsonObject(0).getJsonArray("choices"))).containsExactly("中份", "大份");
    assertThat(groups.getJsonObject(0).getJsonArray("choices").getJsonObject(1).getLong("price_delta_fen"))
        .isEqualTo(300);
    assertThat(groups.getJsonObject(1).getInteger("max_choices")).isEqualTo(2);
    assertThat(dishOn(menu, "拍黄瓜").orElseThrow().fieldNames()).as("nothing to say is left out")
        .containsExactlyInAnyOrder("id", "name", "price_fen", "sold_out", "available_now");

    String diner = service.signIn("diner-build");
    assertThat(service.get(kitchen.path("/menu"), diner).bodyAsJsonObject()).as("signed in or not, one menu")
        .isEqualTo(menu);
    HttpResponse<Buffer> again = readMenu(kitchen, read.getHeader("ETag"));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body() == null || again.body().length() == 0).isTrue();
    assertThat(again.getHeader("ETag")).isEqualTo(read.getHeader("ETag"));
  }

  @Test
  void everyChangeGivesTheMenuANewEntityTag() {
    Kitchen kitchen = aKitchen("etag");
    String noodles = category(kitchen, "面");
    JsonObject plain = addDish(kitchen, dish(noodles, "阳春面", 1200));
    String dishPath = kitchen.path("/menu/dishes/" + plain.getString("id"));
    List<Change> changes = List.of(
        new Change(HttpMethod.PUT, dishPath, kitchen.owner(), dish(noodles, "阳春面", 1500)),
        new Change(HttpMethod.PATCH, kitchen.path("/menu/categories/" + noodles), kitchen.owner(),
            new JsonObject().put("name", "汤面")),
        new Change(HttpMethod.POST, kitchen.path("/menu/categories"), kitchen.owner(),
            new JsonObject().put("name", "凉菜")),
        new Change(HttpMethod.PUT, dishPath + "/active", kitchen.owner(), new JsonObject().put("active", false)),
        new Change(HttpMethod.PUT, dishPath + "/active", kitchen.owner(), new JsonObject().put("active", true)),
        new Change(HttpMethod.PUT, dishPath + "/sold-out", kitchen.staff(), new JsonObject().put("sold_out", true)),
        new Change(HttpMethod.PUT, dishPath + "/sold-out", kitchen.staff(), new JsonObject().put("sold_out", false)),
        new Change(HttpMethod.PUT, dishPath + "/stock", kitchen.staff(), new JsonObject().put("daily_stock", 30)));
    HttpResponse<Buffer> before = readMenu(kitchen, null);
    String etag = before.getHeader("ETag");
    long version = before.bodyAsJsonObject().getLong("version");

    for (Change change : changes) {
      HttpResponse<Buffer> done = service.call(change.method(), change.path(), change.token(), change.body());
      assertThat(done.statusCode()).as(change + " → " + done.bodyAsString()).isBetween(200, 201);
      HttpResponse<Buffer> after = readMenu(kitchen, etag);
      assertThat(after.statusCode()).as("the old tag after " + change).isEqualTo(200);
      assertThat(after.getHeader("ETag")).isNotEqualTo(etag);
      assertThat(after.bodyAsJsonObject().getLong("version")).isGreaterThan(version);
      etag = after.getHeader("ETag");
      version = after.bodyAsJsonObject().getLong("version");
    }
    JsonObject menu = readMenu(kitchen, null).bodyAsJsonObject();
    assertThat(names(menu.getJsonArray("categories"))).containsExactly("汤面");
    assertThat(dishOn(menu, "阳春面").orElseThrow().getLong("price_fen")).isEqualTo(1500);
    assertThat(readMenu(kitchen, etag).statusCode()).isEqualTo(304);
  }

  @Test
  void hiddenAndDeletedDishesLeaveTheMenuButStayForOrderHistory() {
    Kitchen kitchen = aKitchen("hide");
    String noodles = category(kitchen, "拌面");
    String scallion = addDish(kitchen, dish(noodles, "葱油拌面", 1500)).getString("id");
    String zhajiang = addDish(kitchen, dish(noodles, "炸酱面", 1800)).getString("id");

    HttpResponse<Buffer> hidden = service.call(HttpMethod.PUT, kitchen.path("/menu/dishes/" + scallion + "/active"),
        kitchen.owner(), new JsonObject().put("active", false));
    assertThat(hidden.statusCode()).as(hidden.bodyAsString()).isEqualTo(200);
    assertThat(hidden.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "葱油拌面")).isEmpty();
    assertThat(names(managedDishes(kitchen, kitchen.owner()))).as("the owner still sees it")
        .containsExactly("葱油拌面", "炸酱面");

    service.call(HttpMethod.PUT, kitchen.path("/menu/dishes/" + scallion + "/active"), kitchen.owner(),
        new JsonObject().put("active", true));
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "葱油拌面")).isPresent();

    assertThat(service.call(HttpMethod.DELETE, kitchen.path("/menu/dishes/" + zhajiang), kitchen.owner(), null)
        .statusCode()).isEqualTo(204);
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "炸酱面")).isEmpty();
    assertThat(names(managedDishes(kitchen, kitchen.owner()))).containsExactly("葱油拌面");
    assertThat(problem(service.call(HttpMethod.PUT, kitchen.path("/menu/dishes/" + zhajiang + "/sold-out"),
        kitchen.staff(), new JsonObject().put("sold_out", true)), 404)).isEqualTo("dish_not_found");
    assertThat(problem(service.call(HttpMethod.DELETE, kitchen.path("/menu/dishes/" + zhajiang), kitchen.owner(),
        null), 404)).isEqualTo("dish_not_found");

    Map<UUID, Dish> forOrders = dishes(kitchen, UUID.fromString(zhajiang), UUID.fromString(scallion));
    assertThat(forOrders.get(UUID.fromString(zhajiang)).name()).as("past orders still name it").isEqualTo("炸酱面");
    assertThat(forOrders.get(UUID.fromString(zhajiang)).active()).isFalse();
    assertThat(forOrders.get(UUID.fromString(scallion)).active()).isTrue();
    PricingOutcome ordered = MenuPricing.price(forOrders.get(UUID.fromString(zhajiang)),
        new Selection(UUID.fromString(zhajiang), List.of(), 1), false);
    assertThat(((PricingOutcome.Rejected) ordered).refusal().code()).isEqualTo("dish_not_found");
  }

  @Test
  void theKitchenMarksDishesSoldOutAndSetsStockButCannotEditTheMenu() {
    Kitchen kitchen = aKitchen("kitchen");
    String noodles = category(kitchen, "招牌面");
    String beef = addDish(kitchen, dish(noodles, "红烧牛肉面", 2800)).getString("id");
    String dishPath = kitchen.path("/menu/dishes/" + beef);

    HttpResponse<Buffer> soldOut = service.call(HttpMethod.PUT, dishPath + "/sold-out", kitchen.staff(),
        new JsonObject().put("sold_out", true));
    assertThat(soldOut.statusCode()).as(soldOut.bodyAsString()).isEqualTo(200);
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "红烧牛肉面").orElseThrow().getBoolean("sold_out"))
        .isTrue();
    service.call(HttpMethod.PUT, dishPath + "/sold-out", kitchen.staff(), new JsonObject().put("sold_out", false));
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "红烧牛肉面").orElseThrow().getBoolean("sold_out"))
        .isFalse();

    for (Change edit : List.of(
        new Change(HttpMethod.PUT, dishPath, kitchen.staff(), dish(noodles, "红烧牛肉面", 1)),
        new Change(HttpMethod.POST, kitchen.path("/menu/dishes"), kitchen.staff(), dish(noodles, "白菜", 1)),
        new Change(HttpMethod.DELETE, dishPath, kitchen.staff(), null),
        new Change(HttpMethod.PUT, dishPath + "/active", kitchen.staff(), new JsonObject().put("active", false)),
        new Change(HttpMethod.POST, kitchen.path("/menu/categories"), kitchen.staff(),
            new JsonObject().put("name", "员工餐")),
        new Change(HttpMethod.PATCH, kitchen.path("/menu/categories/" + noodles), kitchen.staff(),
            new JsonObject().put("name", "面")),
        new Change(HttpMethod.DELETE, kitchen.path("/menu/categories/" + noodles), kitchen.staff(), null),
        new Change(HttpMethod.PUT, kitchen.path("/menu/category-order"), kitchen.staff(),
            new JsonObject().put("category_ids", new JsonArray().add(noodles))))) {
      HttpResponse<Buffer> refused = service.call(edit.method(), edit.path(), edit.token(), edit.body());
      assertThat(problem(refused, 403)).as(edit.toString()).isEqualTo("forbidden");
    }
    assertThat(managedDishes(kitchen, kitchen.staff()).getJsonObject(0).getLong("price_fen")).isEqualTo(2800);

    HttpResponse<Buffer> noneLeft = service.call(HttpMethod.PUT, dishPath + "/stock", kitchen.staff(),
        new JsonObject().put("today_stock", 0));
    assertThat(noneLeft.statusCode()).as(noneLeft.bodyAsString()).isEqualTo(200);
    assertThat(noneLeft.bodyAsJsonObject().getInteger("stock_left")).isZero();
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "红烧牛肉面").orElseThrow().getBoolean("sold_out"))
        .as("no portions left reads as sold out").isTrue();
    assertThat(problem(service.call(HttpMethod.PUT, dishPath + "/sold-out", kitchen.staff(),
        new JsonObject().put("sold_out", false)), 409)).isEqualTo("no_stock_left");

    HttpResponse<Buffer> restocked = service.call(HttpMethod.PUT, dishPath + "/stock", kitchen.staff(),
        new JsonObject().put("today_stock", 5).put("daily_stock", 20));
    assertThat(restocked.bodyAsJsonObject().getInteger("stock_left")).isEqualTo(5);
    assertThat(restocked.bodyAsJsonObject().getInteger("daily_stock")).isEqualTo(20);
    assertThat(dishOn(readMenu(kitchen, null).bodyAsJsonObject(), "红烧牛肉面").orElseThrow().getBoolean("sold_out"))
        .isFalse();
    HttpResponse<Buffer> unlimited = service.call(HttpMethod.PUT, dishPath + "/stock", kitchen.owner(),
        new JsonObject().putNull("today_stock").putNull("daily_stock"));
    assertThat(unlimited.bodyAsJsonObject().getValue("stock_left")).isNull();
    assertThat(unlimited.bodyAsJsonObject().getValue("daily_stock")).isNull();
  }

  @Test
  void aDishOutsideItsServingWindowIsNotAvailableNow() {
    Kitchen kitchen = aKitchen("windows");
    String noodles = category(kitchen, "面");
    ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
    addDish(kitchen, dish(noodles, "晚些才有的面", 1500)
        .put("available_windows", window(now.plusHours(2), now.plusHours(3))));
    addDish(kitchen, dish(noodles, "此刻供应的面", 1500)
        .put("available_windows", window(now.minusHours(1), now.plusHours(1))));

    JsonObject menu = readMenu(kitchen, null).bodyAsJsonObject();

    JsonObject later = dishOn(menu, "晚些才有的面").orElseThrow();
    assertThat(later.getBoolean("available_now")).isFalse();
    assertThat(later.getJsonArray("available_windows").getJsonObject(0).getString("open"))
        .isEqualTo(now.plusHours(2).format(HH_MM));
    assertThat(dishOn(menu, "此刻供应的面").orElseThrow().getBoolean("available_now")).isTrue();
  }

  @Test
  void rewritingADishKeepsTheOptionsItNamesAndTakesOffTheRest() {
    Kitchen kitchen = aKitchen("options");
    String noodles = category(kitchen, "面");
    JsonObject created = addDish(kitchen, dish(noodles, "牛肉面", 2600).put("option_groups", new JsonArray()
        .add(group("份量", true, 1, 1, choice("中份", 0), choice("大份", 300)))
        .add(group("加料", false, 0, 1, choice("加蛋", 200)))));
    JsonObject size = created.getJsonArray("option_groups").getJsonObject(0);
    String regular = size.getJsonArray("choices").getJsonObject(0).getString("id");
    String large = size.getJsonArray("choices").getJsonObject(1).getString("id");

    HttpResponse<Buffer> rewritten = service.call(HttpMethod.PUT,
        kitchen.path("/menu/dishes/" + created.getString("id")), kitchen.owner(),
        dish(noodles, "牛肉面", 2600).put("option_groups", new JsonArray()
            .add(group("份量", true, 1, 1, choice("标准份", 0).put("id", regular), choice("特大份", 600))
                .put("id", size.getString("id")))
            .add(group("辣度", true, 0, 1, choice("微辣", 0), choice("特辣", 0)))));

    assertThat(rewritten.statusCode()).as(rewritten.bodyAsString()).isEqualTo(200);
    JsonArray groups = rewritten.bodyAsJsonObject().getJsonArray("option_groups");
    assertThat(names(groups)).containsExactly("份量", "辣度");
    assertThat(groups.getJsonObject(0).getString("id")).isEqualTo(size.getString("id"));
    JsonArray choices = groups.getJsonObject(0).getJsonArray("choices");
    assertThat(names(choices)).containsExactly("标准份", "特大份");
    assertThat(choices.getJsonObject(0).getString("id")).as("kept, so carts naming it stay valid").isEqualTo(regular);
    Dish forOrders = dishes(kitchen, UUID.fromString(created.getString("id")))
        .get(UUID.fromString(created.getString("id")));
    assertThat(forOrders.optionGroups()).hasSize(2);
    assertThat(((PricingOutcome.Rejected) MenuPricing.price(forOrders, new Selection(forOrders.id(),
        List.of(UUID.fromString(large)), 1), false)).refusal().code()).as("a choice taken off")
        .isEqualTo("choice_not_available");
  }

  @Test
  void badInputIsRefusedWithTheFieldAtFaultAndNothingIsHalfWritten() {
    Kitchen kitchen = aKitchen("bad-input");
    String noodles = category(kitchen, "面");
    String snacks = category(kitchen, "小吃");
    JsonObject beef = addDish(kitchen, dish(noodles, "牛肉面", 2600).put("option_groups", new JsonArray()
        .add(group("份量", true, 1, 1, choice("中份", 0), choice("大份", 300)))
        .add(group("加料", false, 0, 1, choice("加蛋", 200)))));
    String beefPath = kitchen.path("/menu/dishes/" + beef.getString("id"));
    String otherGroupsChoice = beef.getJsonArray("option_groups").getJsonObject(1).getJsonArray("choices")
        .getJsonObject(0).getString("id");
    String categoryElsewhere = category(new Kitchen(elsewhere, ownerElsewhere, null), "别家的面");
    String etag = readMenu(kitchen, null).getHeader("ETag");
    JsonObject listed = managedDishesJson(kitchen);
    String dishes = kitchen.path("/menu/dishes");

    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(UUID.randomUUID().toString(), "面", 100), 404))
        .isEqualTo("category_not_found@category_id");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(categoryElsewhere, "面", 100), 404))
        .as("another tenant's category").isEqualTo("category_not_found@category_id");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面", 100).put("member_price_fen", 200), 400))
        .isEqualTo("invalid_field@member_price_fen");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面".repeat(41), 100), 400))
        .isEqualTo("invalid_field@name");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面", -1), 400))
        .isEqualTo("invalid_field@price_fen");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面", 100).put("image_url", "javascript:x"), 400))
        .isEqualTo("invalid_field@image_url");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, new JsonObject().put("category_id", noodles)
        .put("name", "面"), 400)).isEqualTo("missing_field@price_fen");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面", 100).put("available_windows",
        new JsonArray().add(new JsonObject().put("days", new JsonArray().add(1)).put("open", "25:00")
            .put("close", "26:00"))), 400)).isEqualTo("invalid_field@available_windows[0].open");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面", 100).put("option_groups",
        new JsonArray().add(group("辣度", true, 2, 1, choice("微辣", 0)))), 400))
        .isEqualTo("invalid_field@option_groups[0].min_choices");
    assertThat(refusal(HttpMethod.POST, dishes, kitchen, dish(noodles, "面", 100).put("option_groups",
        new JsonArray().add(group("辣度", true, 1, 1, choice("微辣", 0)).put("id", UUID.randomUUID().toString()))), 404))
        .isEqualTo("option_group_not_found@option_groups[0].id");
    assertThat(refusal(HttpMethod.PUT, beefPath, kitchen, dish(noodles, "改了名的牛肉面", 2600).put("option_groups",
        new JsonArray().add(group("份量", true, 1, 1, choice("中份", 0).put("id", otherGroupsChoice))
            .put("id", beef.getJsonArray("option_groups").getJsonObject(0).getString("id")))), 404))
        .as("a choice of another group").isEqualTo("option_choice_not_found@option_groups[0].choices[0].id");
    assertThat(refusal(HttpMethod.PUT, beefPath, kitchen, dish(categoryElsewhere, "改了名的牛肉面", 2600), 404))
        .isEqualTo("category_not_found@category_id");
    assertThat(refusal(HttpMethod.PUT, kitchen.path("/menu/dishes/" + UUID.randomUUID()), kitchen,
        dish(noodles, "面", 100), 404)).isEqualTo("dish_not_found@null");
    assertThat(refusal(HttpMethod.POST, kitchen.path("/menu/categories"), kitchen,
        new JsonObject().put("name", "面"), 409)).isEqualTo("category_name_taken@name");
    assertThat(refusal(HttpMethod.PATCH, kitchen.path("/menu/categories/" + snacks), kitchen,
        new JsonObject().put("name", "面"), 409)).isEqualTo("category_name_taken@name");
    assertThat(refusal(HttpMethod.DELETE, kitchen.path("/menu/categories/" + noodles), kitchen, null, 409))
        .isEqualTo("category_not_empty@null");
    assertThat(refusal(HttpMethod.PUT, kitchen.path("/menu/category-order"), kitchen,
        new JsonObject().put("category_ids", new JsonArray().add(snacks)), 400))
        .as("leaving one out").isEqualTo("invalid_field@category_ids");
    assertThat(refusal(HttpMethod.PUT, kitchen.path("/menu/category-order"), kitchen,
        new JsonObject().put("category_ids", new JsonArray().add(snacks).add(noodles).add(categoryElsewhere)), 404))
        .isEqualTo("category_not_found@category_ids[2]");
    assertThat(refusal(HttpMethod.PUT, beefPath + "/stock", kitchen, new JsonObject().put("today_stock", -1), 400))
        .isEqualTo("invalid_field@today_stock");
    assertThat(refusal(HttpMethod.PUT, beefPath + "/stock", kitchen, new JsonObject(), 400))
        .isEqualTo("missing_field@body");

    assertThat(readMenu(kitchen, etag).statusCode()).as("the menu did not change").isEqualTo(304);
    assertThat(managedDishesJson(kitchen)).isEqualTo(listed);
    assertThat(service.call(HttpMethod.DELETE, kitchen.path("/menu/categories/" + snacks), kitchen.owner(), null)
        .statusCode()).as("an empty category goes").isEqualTo(204);
    assertThat(problem(service.call(HttpMethod.PATCH, kitchen.path("/menu/categories/" + snacks), kitchen.owner(),
        new JsonObject().put("name", "小菜")), 404)).isEqualTo("category_not_found");
  }

  @Test
  void anotherTenantsOwnerFindsNoMenuOperationOfThisStore() {
    Kitchen kitchen = aKitchen("guarded");
    String noodles = category(kitchen, "面");
    String beef = addDish(kitchen, dish(noodles, "牛肉面", 2600)).getString("id");
    String etag = readMenu(kitchen, null).getHeader("ETag");
    JsonObject listed = managedDishesJson(kitchen);
    String dishPath = kitchen.path("/menu/dishes/" + beef);

    for (Change attempt : List.of(
        new Change(HttpMethod.GET, kitchen.path("/menu/categories"), ownerElsewhere, null),
        new Change(HttpMethod.POST, kitchen.path("/menu/categories"), ownerElsewhere,
            new JsonObject().put("name", "冒名")),
        new Change(HttpMethod.PUT, kitchen.path("/menu/category-order"), ownerElsewhere,
            new JsonObject().put("category_ids", new JsonArray().add(noodles))),
        new Change(HttpMethod.PATCH, kitchen.path("/menu/categories/" + noodles), ownerElsewhere,
            new JsonObject().put("name", "冒名")),
        new Change(HttpMethod.DELETE, kitchen.path("/menu/categories/" + noodles), ownerElsewhere, null),
        new Change(HttpMethod.GET, kitchen.path("/menu/dishes"), ownerElsewhere, null),
        new Change(HttpMethod.POST, kitchen.path("/menu/dishes"), ownerElsewhere, dish(noodles, "冒名", 1)),
        new Change(HttpMethod.PUT, dishPath, ownerElsewhere, dish(noodles, "冒名", 1)),
        new Change(HttpMethod.DELETE, dishPath, ownerElsewhere, null),
        new Change(HttpMethod.PUT, dishPath + "/active", ownerElsewhere, new JsonObject().put("active", false)),
        new Change(HttpMethod.PUT, dishPath + "/sold-out", ownerElsewhere, new JsonObject().put("sold_out", true)),
        new Change(HttpMethod.PUT, dishPath + "/stock", ownerElsewhere, new JsonObject().put("today_stock", 0)))) {
      HttpResponse<Buffer> response = service.call(attempt.method(), attempt.path(), attempt.token(), attempt.body());
      assertThat(problem(response, 404)).as(attempt.toString()).isEqualTo("not_found");
    }

    String ownStore = "/api/v1/stores/" + elsewhere.store().id();
    assertThat(problem(service.call(HttpMethod.PUT, ownStore + "/menu/dishes/" + beef + "/sold-out", ownerElsewhere,
        new JsonObject().put("sold_out", true)), 404)).as("this store's dish in their own store")
        .isEqualTo("dish_not_found");
    assertThat(problem(service.call(HttpMethod.DELETE, ownStore + "/menu/dishes/" + beef, ownerElsewhere, null), 404))
        .isEqualTo("dish_not_found");
    assertThat(problem(service.call(HttpMethod.PATCH, ownStore + "/menu/categories/" + noodles, ownerElsewhere,
        new JsonObject().put("name", "冒名")), 404)).isEqualTo("category_not_found");
    assertThat(problem(service.call(HttpMethod.POST, ownStore + "/menu/dishes", ownerElsewhere,
        dish(noodles, "冒名", 1)), 404)).isEqualTo("category_not_found");
    assertThat(readMenu(kitchen, etag).statusCode()).isEqualTo(304);
    assertThat(managedDishesJson(kitchen)).isEqualTo(listed);
  }

  @Test
  void anUnknownStoreHasNoMenu() {
    assertThat(problem(readMenu("/api/v1/stores/" + UUID.randomUUID() + "/menu"), 404)).isEqualTo("store_not_found");
    assertThat(problem(readMenu("/api/v1/stores/not-a-store/menu"), 400)).isEqualTo("invalid_field");
  }

  @Test
  void aMenuIsServedFromRedisOnceAnInstanceDropsItsCopyAndPostgreSqlGivesTheVersionWhenRedisForgetsIt() {
    Kitchen kitchen = aKitchen("cache");
    addDish(kitchen, dish(category(kitchen, "面"), "牛肉面", 2600));
    HttpResponse<Buffer> first = readMenu(kitchen, null);
    long version = first.bodyAsJsonObject().getLong("version");
    UUID storeId = kitchen.restaurant().store().id();
    JsonObject fromRedis = new JsonObject().put("from", "redis");
    Redis redis = service.env().redis(clientVertx);
    try {
      MenuCache cache = new MenuCache(redis);
      Await.result(cache.keep(storeId, version,
          CachedMenu.of(version, Instant.now().plus(Duration.ofMinutes(5)), fromRedis.encode()), Duration.ofMinutes(5)));
      Await.result(cache.changed(storeId, version));
      assertThat(menuOnceItIs(kitchen, fromRedis)).as("the instances dropped their copies; a hit is Redis's answer")
          .isEqualTo(fromRedis);

      Await.result(cache.changedAtUnknownVersion(storeId));
      assertThat(menuOnceItIs(kitchen, fromRedis)).as("PostgreSQL is asked for the version only").isEqualTo(fromRedis);
    } finally {
      Await.result(redis.close());
    }

    category(kitchen, "小吃");
    JsonObject changed = readMenu(kitchen, null).bodyAsJsonObject();
    assertThat(changed.getLong("version")).as("a real change reaches the diners from PostgreSQL")
        .isGreaterThan(version);
    assertThat(readMenu(kitchen, first.getHeader("ETag")).statusCode()).isEqualTo(200);
  }

  /** The diners' menu, read until it is {@code expected} (an announcement reaches the other instance soon after). */
  private static JsonObject menuOnceItIs(Kitchen kitchen, JsonObject expected) {
    return service.eventually(() -> readMenuNow(kitchen, null).bodyAsJsonObject(), expected::equals);
  }

  /** A restaurant with its owner and one staff member signed in. */
  record Kitchen(TenantBootstrap.Bootstrapped restaurant, String owner, String staff) {
    String path(String rest) {
      return "/api/v1/stores/" + restaurant.store().id() + rest;
    }
  }

  record Change(HttpMethod method, String path, String token, JsonObject body) {
  }

  private static Kitchen aKitchen(String label) {
    TenantBootstrap.Bootstrapped restaurant = service.aRestaurant("面馆 " + label, "A1-A4");
    String owner = service.signInAndAccept(label + "-owner", restaurant.ownerInvite().token());
    String invite = service.call(HttpMethod.POST, "/api/v1/stores/" + restaurant.store().id() + "/invites", owner,
        new JsonObject().put("role", "staff")).bodyAsJsonObject().getString("token");
    return new Kitchen(restaurant, owner, service.signInAndAccept(label + "-staff", invite));
  }

  private static String category(Kitchen kitchen, String name) {
    return created(service.call(HttpMethod.POST, kitchen.path("/menu/categories"), kitchen.owner(),
        new JsonObject().put("name", name))).getString("id");
  }

  private static JsonObject addDish(Kitchen kitchen, JsonObject body) {
    return created(service.call(HttpMethod.POST, kitchen.path("/menu/dishes"), kitchen.owner(), body));
  }

  static JsonObject dish(String categoryId, String name, long priceFen) {
    return new JsonObject().put("category_id", categoryId).put("name", name).put("price_fen", priceFen);
  }

  static JsonObject group(String name, boolean required, int min, int max, JsonObject... choices) {
    return new JsonObject().put("name", name).put("required", required).put("min_choices", min)
        .put("max_choices", max).put("choices", new JsonArray(List.of((Object[]) choices)));
  }

  static JsonObject choice(String name, long deltaFen) {
    return new JsonObject().put("name", name).put("price_delta_fen", deltaFen);
  }

  private static JsonArray window(ZonedDateTime open, ZonedDateTime close) {
    return new JsonArray().add(new JsonObject()
        .put("days", new JsonArray().add(1).add(2).add(3).add(4).add(5).add(6).add(7))
        .put("open", open.format(HH_MM))
        .put("close", close.format(HH_MM)));
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static JsonArray managedDishes(Kitchen kitchen, String token) {
    HttpResponse<Buffer> response = service.get(kitchen.path("/menu/dishes"), token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("dishes");
  }

  private static JsonObject managedDishesJson(Kitchen kitchen) {
    return new JsonObject().put("dishes", managedDishes(kitchen, kitchen.owner()))
        .put("categories", service.get(kitchen.path("/menu/categories"), kitchen.owner()).bodyAsJsonObject());
  }

  private static Map<UUID, Dish> dishes(Kitchen kitchen, UUID... ids) {
    UUID tenantId = kitchen.restaurant().tenantId();
    return Await.result(database.inTenant(tenantId, sql -> new Menus().dishes(sql, tenantId,
        kitchen.restaurant().store().id(), Set.of(ids), BusinessDay.of(Instant.now(), SHANGHAI))));
  }

  /**
   * The diners' menu from the second instance once it has heard of the changes made through the first: a change
   * drops the changing instance's copy at once, and reaches the others' copies through Redis a moment later.
   */
  private static HttpResponse<Buffer> readMenu(Kitchen kitchen, String ifNoneMatch) {
    String current = service.get(kitchen.path("/menu"), null).getHeader("ETag");
    return service.eventually(() -> readMenuNow(kitchen, ifNoneMatch),
        response -> current.equals(response.getHeader("ETag")));
  }

  private static HttpResponse<Buffer> readMenuNow(Kitchen kitchen, String ifNoneMatch) {
    HttpRequest<Buffer> request = diners.get(kitchen.path("/menu"));
    if (ifNoneMatch != null) {
      request.putHeader("If-None-Match", ifNoneMatch);
    }
    return Await.result(request.send());
  }

  private static HttpResponse<Buffer> readMenu(String path) {
    return Await.result(diners.get(path).send());
  }

  private static String refusal(HttpMethod method, String path, Kitchen kitchen, JsonObject body, int status) {
    HttpResponse<Buffer> response = service.call(method, path, kitchen.owner(), body);
    String code = problem(response, status);
    return code + "@" + response.bodyAsJsonObject().getString("field");
  }

  private static String problem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("message")).isNotBlank();
    assertThat(problem.getString("message_en")).isNotBlank();
    return problem.getString("code");
  }

  private static List<String> names(JsonArray items) {
    return items.stream().map(JsonObject.class::cast).map(item -> item.getString("name")).toList();
  }

  /** The dish of that name on the diners' menu, in whichever category. */
  private static Optional<JsonObject> dishOn(JsonObject menu, String name) {
    return menu.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .flatMap(category -> category.getJsonArray("dishes").stream().map(JsonObject.class::cast))
        .filter(dish -> name.equals(dish.getString("name")))
        .findFirst();
  }
}
