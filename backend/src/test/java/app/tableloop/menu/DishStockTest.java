package app.tableloop.menu;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Today's portions as ordering takes and gives them back, straight through {@link DishStock} in transactions of the
 * application's database role (as the ordering feature will), and what diners see of it.
 */
class DishStockTest {
  private static final int RACERS = 50;

  static RunningService service;
  static Vertx vertx;
  static Database database;
  static Redis redis;
  static DishStock stock;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;
  static String category;
  static LocalDate today;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(DishStockTest.class);
    vertx = VertxFactory.create().vertx();
    database = Database.connect(vertx, service.env().appUrl(), RACERS);
    redis = service.env().redis(vertx);
    stock = new DishStock(new MenuCache(redis), database);
    restaurant = service.aRestaurant("库存面馆", "A1-A4");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    category = created(service.call(HttpMethod.POST, storePath("/menu/categories"), owner,
        new JsonObject().put("name", "面"))).getString("id");
    today = BusinessDay.of(Instant.now(), ZoneId.of("Asia/Shanghai"));
  }

  @AfterAll
  static void stop() {
    Await.result(redis.close());
    Await.result(database.close());
    Await.result(vertx.close());
    service.close();
  }

  @Test
  void fiftyOrdersRaceForTenPortionsAndExactlyTenGetOne() {
    UUID dish = aDish("限量牛肉面", 10);
    List<Future<Boolean>> takes = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      takes.add(database.inTenant(restaurant.tenantId(),
          sql -> stock.take(sql, restaurant.tenantId(), dish, 1, today)));
    }

    List<Boolean> outcomes = Await.result(Future.all(takes)).list();

    assertThat(outcomes.stream().filter(Boolean::booleanValue).count()).isEqualTo(10);
    assertThat(stockOf(dish)).isEqualTo(new Stock(0, today));
    assertThat(take(dish, 1, today)).isFalse();
    assertThat(stockOf(dish)).as("never below zero").isEqualTo(new Stock(0, today));
  }

  @Test
  void dinersSeeADishSoldOutOnceItsLastPortionIsTakenAndBackWhenAPortionIsGivenBack() {
    UUID dish = aDish("最后一碗", 1);
    assertThat(soldOutOnMenu("最后一碗")).isFalse();

    assertThat(take(dish, 1, today)).isTrue();
    assertThat(menuShowsSoldOut("最后一碗", true)).isTrue();

    giveBack(dish, 1, today);
    assertThat(menuShowsSoldOut("最后一碗", false)).isFalse();
  }

  @Test
  void moreThanIsLeftTakesNothing() {
    UUID dish = aDish("三碗面", 3);

    assertThat(take(dish, 4, today)).isFalse();
    assertThat(take(dish, 2, today)).isTrue();
    assertThat(take(dish, 2, today)).isFalse();
    assertThat(stockOf(dish)).isEqualTo(new Stock(1, today));
  }

  @Test
  void anUnlimitedDishIsAlwaysTakenAndCountsNothing() {
    UUID dish = aDish("不限量的面", null);

    assertThat(take(dish, 99, today)).isTrue();
    giveBack(dish, 5, today);
    assertThat(stockOf(dish)).isEqualTo(new Stock(null, null));
  }

  @Test
  void aNewBusinessDayStartsFromTheDailyStockAgainAndAPastDayNeverComesBack() {
    UUID dish = aDish("每日五碗", 5);
    LocalDate monday = LocalDate.of(2026, 11, 23);

    assertThat(take(dish, 5, monday)).isTrue();
    assertThat(take(dish, 1, monday)).isFalse();
    assertThat(take(dish, 2, monday.plusDays(1)))
        .isTrue();
    assertThat(stockOf(dish)).isEqualTo(new Stock(3, monday.plusDays(1)));

    assertThat(take(dish, 1, monday))
        .as("a late order of the day before").isFalse();
    giveBack(dish, 2, monday);
    assertThat(stockOf(dish)).as("giving back to a day that is over does nothing")
        .isEqualTo(new Stock(3, monday.plusDays(1)));
    giveBack(dish, 2, monday.plusDays(1));
    assertThat(stockOf(dish)).isEqualTo(new Stock(5, monday.plusDays(1)));
  }

  @Test
  void aRolledBackOrderTakesNothing() {
    UUID dish = aDish("回滚的面", 2);

    Throwable failure = Await.failure(database.inTenant(restaurant.tenantId(),
        sql -> stock.take(sql, restaurant.tenantId(), dish, 2, today)
            .compose(taken -> Future.failedFuture(new IllegalStateException("payment failed")))));

    assertThat(failure).hasMessage("payment failed");
    assertThat(take(dish, 2, today)).isTrue();
  }

  @Test
  void soldOutHiddenDeletedUnknownAndOtherTenantsDishesGiveNothing() {
    UUID soldOut = aDish("售罄的面", null);
    UUID hidden = aDish("下架的面", 10);
    UUID deleted = aDish("删除的面", 10);
    service.call(HttpMethod.PUT, storePath("/menu/dishes/" + soldOut + "/sold-out"), owner,
        new JsonObject().put("sold_out", true));
    service.call(HttpMethod.PUT, storePath("/menu/dishes/" + hidden + "/active"), owner,
        new JsonObject().put("active", false));
    service.call(HttpMethod.DELETE, storePath("/menu/dishes/" + deleted), owner, null);
    TenantBootstrap.Bootstrapped other = service.aRestaurant("别家面馆", "B1");

    for (UUID dish : List.of(soldOut, hidden, deleted, UUID.randomUUID())) {
      assertThat(take(dish, 1, today)).as(dish.toString()).isFalse();
    }
    UUID ours = aDish("我们的面", 10);
    boolean asThem = Await.result(database.inTenant(other.tenantId(),
        sql -> stock.take(sql, other.tenantId(), ours, 1, today)));
    boolean oursBoundToThem = Await.result(database.inTenant(other.tenantId(),
        sql -> stock.take(sql, restaurant.tenantId(), ours, 1, today)));
    assertThat(asThem).as("another tenant's order").isFalse();
    assertThat(oursBoundToThem).as("naming our tenant in a transaction bound to theirs").isFalse();
    assertThat(stockOf(ours)).isEqualTo(new Stock(null, null));
  }

  @Test
  void menusGivesOrderingOnlyThisStoresDishesWithTodaysStock() {
    UUID counted = aDish("按日计数的面", 8);
    take(counted, 3, today.minusDays(1));
    UUID takenToday = aDish("今天卖过的面", 8);
    take(takenToday, 3, today);
    TenantBootstrap.Bootstrapped other = service.aRestaurant("另一家面馆", "C1");
    String otherOwner = service.signInAndAccept("other-owner", other.ownerInvite().token());
    String otherCategory = created(service.call(HttpMethod.POST, "/api/v1/stores/" + other.store().id()
        + "/menu/categories", otherOwner, new JsonObject().put("name", "面"))).getString("id");
    UUID theirs = UUID.fromString(created(service.call(HttpMethod.POST, "/api/v1/stores/" + other.store().id()
        + "/menu/dishes", otherOwner, MenuTest.dish(otherCategory, "别家的面", 900))).getString("id"));

    Map<UUID, Dish> found = Await.result(database.inTenant(restaurant.tenantId(),
        sql -> new Menus().dishes(sql, restaurant.tenantId(), restaurant.store().id(),
            Set.of(counted, takenToday, theirs, UUID.randomUUID()), today)));

    assertThat(found.keySet()).containsExactlyInAnyOrder(counted, takenToday);
    assertThat(found.get(counted).stockLeft()).as("yesterday's count is not today's").isEqualTo(8);
    assertThat(found.get(takenToday).stockLeft()).isEqualTo(5);
    assertThat(found.get(counted).storeId()).isEqualTo(restaurant.store().id());
  }

  @Test
  void anOrderOfSeveralDishesTakesAllOfThemOrNamesTheFirstThatIsShort() {
    UUID plenty = aDish("五碗的面", 5);
    UUID last = aDish("一碗的汤", 1);
    UUID unlimited = aDish("随便吃的饭", null);
    Map<UUID, Integer> tooMuch = Map.of(plenty, 2, last, 2, unlimited, 3);

    Throwable failure = Await.failure(database.inTenant(restaurant.tenantId(),
        sql -> stock.take(sql, restaurant.tenantId(), tooMuch, today)
            .compose(shortOf -> Future.failedFuture(new IllegalStateException("short of " + shortOf.orElseThrow())))));

    assertThat(failure).hasMessage("short of " + last);
    assertThat(stockOf(plenty)).as("the order rolled back").isEqualTo(new Stock(null, null));
    Optional<UUID> shortOf = Await.result(database.inTenant(restaurant.tenantId(),
        sql -> stock.take(sql, restaurant.tenantId(), Map.of(plenty, 2, last, 1, unlimited, 3), today)));
    assertThat(shortOf).isEmpty();
    assertThat(stockOf(plenty)).isEqualTo(new Stock(3, today));
    assertThat(stockOf(last)).isEqualTo(new Stock(0, today));
    assertThat(stockOf(unlimited)).isEqualTo(new Stock(null, null));
    assertThat(menuShowsSoldOut("一碗的汤", true)).isTrue();
  }

  @Test
  void ordersOfTheSameDishesListedInEitherOrderAllGetTheirPortionsWithoutDeadlock() {
    UUID noodles = aDish("人人点的面", 100);
    UUID soup = aDish("人人点的汤", 100);
    List<Future<Optional<UUID>>> takes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<UUID, Integer> order = new LinkedHashMap<>();
      order.put(i % 2 == 0 ? noodles : soup, 1);
      order.put(i % 2 == 0 ? soup : noodles, 2);
      takes.add(database.inTenant(restaurant.tenantId(), sql -> stock.take(sql, restaurant.tenantId(), order,
          today)));
    }

    List<Optional<UUID>> outcomes = Await.result(Future.all(takes)).list();

    assertThat(outcomes).allSatisfy(shortOf -> assertThat(shortOf).isEmpty());
    assertThat(stockOf(noodles).left() + stockOf(soup).left()).isEqualTo(200 - 40 * 3);
  }

  private record Stock(Integer left, LocalDate date) {
  }

  /** Takes portions in a transaction of its own, as an order would. */
  private static boolean take(UUID dish, int quantity, LocalDate day) {
    return Await.result(database.inTenant(restaurant.tenantId(),
        sql -> stock.take(sql, restaurant.tenantId(), dish, quantity, day)));
  }

  private static void giveBack(UUID dish, int quantity, LocalDate day) {
    Await.result(database.inTenant(restaurant.tenantId(),
        sql -> stock.giveBack(sql, restaurant.tenantId(), dish, quantity, day)));
  }

  /** A dish of the restaurant, with that many portions a day (null: unlimited), made the way an owner would. */
  private static UUID aDish(String name, Integer dailyStock) {
    UUID dish = UUID.fromString(created(service.call(HttpMethod.POST, storePath("/menu/dishes"), owner,
        MenuTest.dish(category, name, 1800))).getString("id"));
    if (dailyStock != null) {
      HttpResponse<Buffer> set = service.call(HttpMethod.PUT, storePath("/menu/dishes/" + dish + "/stock"), owner,
          new JsonObject().put("daily_stock", dailyStock));
      assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    }
    return dish;
  }

  private static Stock stockOf(UUID dish) {
    Row row = Await.result(database.inTenant(restaurant.tenantId(), sql -> sql.preparedQuery(
            "SELECT stock_left, stock_date FROM dishes WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(restaurant.tenantId(), dish))
        .map(rows -> rows.iterator().next())));
    return new Stock(row.getInteger("stock_left"), row.getLocalDate("stock_date"));
  }

  /**
   * Whether the diners' menu shows the dish sold out, read until it shows {@code expected}: the stock here is taken
   * as another instance would take it, whose announcement reaches the service's copy of the menu a moment later.
   */
  private static boolean menuShowsSoldOut(String name, boolean expected) {
    return service.eventually(() -> soldOutOnMenu(name), soldOut -> soldOut == expected);
  }

  private static boolean soldOutOnMenu(String name) {
    JsonObject menu = service.get(storePath("/menu"), null).bodyAsJsonObject();
    return menu.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .flatMap(category -> category.getJsonArray("dishes").stream().map(JsonObject.class::cast))
        .filter(dish -> name.equals(dish.getString("name")))
        .findFirst().orElseThrow().getBoolean("sold_out");
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }
}
