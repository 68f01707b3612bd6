package app.tableloop.menu;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Problem;
import app.tableloop.platform.http.ProblemException;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The menu: diners read it (public, cached); owners and operators edit categories and dishes; staff, owners and
 * operators mark dishes sold out and set their stock. Every change is one transaction that ends by bumping the
 * store's menu version, and the cache learns the new version once it has committed.
 */
public final class MenuApi implements ApiModule {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;
  private final Stores stores;
  private final Menus menus;
  private final MenuCache cache;
  private final PublicMenus publicMenus;
  private final Clock clock;

  public MenuApi(Database database, Stores stores, Menus menus, MenuCache cache, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.menus = menus;
    this.cache = cache;
    this.publicMenus = new PublicMenus(database, stores, menus, cache, clock);
    this.clock = clock;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getMenu").addHandler(this::getMenu);
    api.getRoute("listMenuCategories").addHandler(this::listCategories);
    api.getRoute("createMenuCategory").addHandler(this::createCategory);
    api.getRoute("reorderMenuCategories").addHandler(this::reorderCategories);
    api.getRoute("updateMenuCategory").addHandler(this::updateCategory);
    api.getRoute("deleteMenuCategory").addHandler(this::deleteCategory);
    api.getRoute("listDishes").addHandler(this::listDishes);
    api.getRoute("createDish").addHandler(this::createDish);
    api.getRoute("updateDish").addHandler(this::updateDish);
    api.getRoute("deleteDish").addHandler(this::deleteDish);
    api.getRoute("setDishActive").addHandler(this::setDishActive);
    api.getRoute("setDishSoldOut").addHandler(this::setDishSoldOut);
    api.getRoute("setDishStock").addHandler(this::setDishStock);
  }

  /** Public: the diners' menu, answered 304 when the client already has this one. */
  private void getMenu(RoutingContext rc) {
    UUID storeId = UUID.fromString(rc.pathParam("store"));
    publicMenus.current(storeId)
        .onSuccess(menu -> {
          if (menu.isEmpty()) {
            rc.fail(new ProblemException(MenuProblems.STORE_NOT_FOUND));
            return;
          }
          rc.response().putHeader("ETag", menu.get().etag()).putHeader("Cache-Control", "no-cache");
          if (menu.get().matches(rc.request().getHeader("If-None-Match"))) {
            rc.response().setStatusCode(304).end();
          } else {
            rc.response().putHeader("Content-Type", "application/json").end(menu.get().body());
          }
        })
        .onFailure(rc::fail);
  }

  private void listCategories(RoutingContext rc) {
    Access access = Access.of(rc);
    database.inTenant(access.tenantId(), sql -> menus.categories(sql, access.tenantId(), access.storeId()))
        .onSuccess(categories -> rc.json(MenuJson.categories(categories)))
        .onFailure(rc::fail);
  }

  private void createCategory(RoutingContext rc) {
    Access access = Access.of(rc);
    JsonObject body = body(rc);
    change(access, sql -> menus.createCategory(sql, access.tenantId(), access.storeId(), body.getString("name"),
        body.getInteger("sort_order")))
        .recover(MenuApi::nameTaken)
        .onSuccess(category -> created(rc, MenuJson.category(category)))
        .onFailure(rc::fail);
  }

  private void updateCategory(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID categoryId = id(rc, "category");
    JsonObject body = body(rc);
    change(access, sql -> menus.updateCategory(sql, access.tenantId(), access.storeId(), categoryId,
            Optional.ofNullable(body.getString("name")), Optional.ofNullable(body.getInteger("sort_order")))
        .compose(category -> found(category, MenuProblems.CATEGORY_NOT_FOUND)))
        .recover(MenuApi::nameTaken)
        .onSuccess(category -> rc.json(MenuJson.category(category)))
        .onFailure(rc::fail);
  }

  /** Takes every category of the store, in the new order: a list made before someone else added one is refused. */
  private void reorderCategories(RoutingContext rc) {
    Access access = Access.of(rc);
    List<UUID> inOrder = body(rc).getJsonArray("category_ids").stream()
        .map(id -> UUID.fromString((String) id)).toList();
    change(access, sql -> menus.categories(sql, access.tenantId(), access.storeId())
        .compose(current -> {
          Set<UUID> known = new HashSet<>();
          current.forEach(category -> known.add(category.id()));
          for (int i = 0; i < inOrder.size(); i++) {
            if (!known.contains(inOrder.get(i))) {
              return fail(MenuProblems.CATEGORY_NOT_FOUND.atField("category_ids[" + i + "]"));
            }
          }
          return inOrder.size() == known.size()
              ? menus.reorderCategories(sql, access.tenantId(), access.storeId(), inOrder)
              : fail(MenuProblems.INCOMPLETE_CATEGORY_ORDER);
        })
        .compose(reordered -> menus.categories(sql, access.tenantId(), access.storeId())))
        .onSuccess(categories -> rc.json(MenuJson.categories(categories)))
        .onFailure(rc::fail);
  }

  private void deleteCategory(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID categoryId = id(rc, "category");
    change(access, sql -> menus.lockCategory(sql, access.tenantId(), access.storeId(), categoryId, true)
        .compose(category -> found(category, MenuProblems.CATEGORY_NOT_FOUND))
        .compose(category -> menus.holdsDishes(sql, access.tenantId(), access.storeId(), categoryId))
        .compose(held -> held ? fail(MenuProblems.CATEGORY_NOT_EMPTY)
            : menus.deleteCategory(sql, access.tenantId(), access.storeId(), categoryId)))
        .onSuccess(deleted -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void listDishes(RoutingContext rc) {
    Access access = Access.of(rc);
    database.inTenant(access.tenantId(), sql -> today(sql, access)
            .compose(day -> menus.items(sql, access.tenantId(), access.storeId(), day)))
        .onSuccess(items -> rc.json(MenuJson.managedDishes(items)))
        .onFailure(rc::fail);
  }

  private void createDish(RoutingContext rc) {
    Access access = Access.of(rc);
    DishDraft draft = MenuJson.draft(body(rc));
    Optional<DishDraftRules.Invalid> invalid = DishDraftRules.check(draft);
    if (invalid.isPresent()) {
      rc.fail(new ProblemException(MenuProblems.invalid(invalid.get())));
      return;
    }
    change(access, sql -> inCategory(sql, access, draft)
        .compose(ok -> unknownOptions(draft, Map.of()))
        .compose(ok -> menus.createDish(sql, access.tenantId(), access.storeId(), draft))
        .compose(dishId -> item(sql, access, dishId)))
        .onSuccess(item -> created(rc, MenuJson.managedDish(item)))
        .onFailure(rc::fail);
  }

  /** Rewrites a dish with its option groups and choices; what the body leaves out is taken off the dish. */
  private void updateDish(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID dishId = id(rc, "dish");
    DishDraft draft = MenuJson.draft(body(rc));
    Optional<DishDraftRules.Invalid> invalid = DishDraftRules.check(draft);
    if (invalid.isPresent()) {
      rc.fail(new ProblemException(MenuProblems.invalid(invalid.get())));
      return;
    }
    change(access, sql -> menus.lockDish(sql, access.tenantId(), access.storeId(), dishId)
        .compose(exists -> exists ? inCategory(sql, access, draft) : fail(MenuProblems.DISH_NOT_FOUND))
        .compose(ok -> menus.optionIds(sql, access.tenantId(), dishId))
        .compose(existing -> unknownOptions(draft, existing))
        .compose(ok -> menus.replaceDish(sql, access.tenantId(), access.storeId(), dishId, draft))
        .compose(replaced -> item(sql, access, dishId)))
        .onSuccess(item -> rc.json(MenuJson.managedDish(item)))
        .onFailure(rc::fail);
  }

  private void deleteDish(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID dishId = id(rc, "dish");
    change(access, sql -> menus.deleteDish(sql, access.tenantId(), access.storeId(), dishId)
        .compose(deleted -> deleted ? Future.<Void>succeededFuture() : fail(MenuProblems.DISH_NOT_FOUND)))
        .onSuccess(deleted -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  /** Hides a dish from diners (it stays on the owner's list), or shows it again. */
  private void setDishActive(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID dishId = id(rc, "dish");
    boolean active = body(rc).getBoolean("active");
    change(access, sql -> menus.setActive(sql, access.tenantId(), access.storeId(), dishId, active)
        .compose(changed -> changed ? item(sql, access, dishId) : fail(MenuProblems.DISH_NOT_FOUND)))
        .onSuccess(item -> rc.json(MenuJson.managedDish(item)))
        .onFailure(rc::fail);
  }

  /** The kitchen marks a dish sold out, or back; a dish whose stock for today is used up cannot come back. */
  private void setDishSoldOut(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID dishId = id(rc, "dish");
    boolean soldOut = body(rc).getBoolean("sold_out");
    change(access, sql -> menus.setSoldOut(sql, access.tenantId(), access.storeId(), dishId, soldOut)
        .compose(changed -> changed ? item(sql, access, dishId) : fail(MenuProblems.DISH_NOT_FOUND))
        .compose(item -> !soldOut && item.soldOutNow() ? fail(MenuProblems.NO_STOCK_LEFT)
            : Future.succeededFuture(item)))
        .onSuccess(item -> rc.json(MenuJson.managedDish(item)))
        .onFailure(rc::fail);
  }

  private void setDishStock(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID dishId = id(rc, "dish");
    JsonObject body = body(rc);
    Menus.StockChange stock = new Menus.StockChange(body.containsKey("daily_stock"), body.getInteger("daily_stock"),
        body.containsKey("today_stock"), body.getInteger("today_stock"));
    change(access, sql -> today(sql, access)
        .compose(day -> menus.setStock(sql, access.tenantId(), access.storeId(), dishId, stock, day))
        .compose(changed -> changed ? item(sql, access, dishId) : fail(MenuProblems.DISH_NOT_FOUND)))
        .onSuccess(item -> rc.json(MenuJson.managedDish(item)))
        .onFailure(rc::fail);
  }

  /** Runs a change of the menu in one transaction that ends by bumping the version; then tells the cache. */
  private <T> Future<T> change(Access access, Function<SqlConnection, Future<T>> work) {
    return database.inTenant(access.tenantId(), sql -> work.apply(sql)
            .compose(result -> menus.bumpVersion(sql, access.tenantId(), access.storeId())
                .map(version -> new Changed<>(result, version))))
        .compose(changed -> cache.raiseVersion(access.storeId(), changed.version()).map(changed.result()));
  }

  private record Changed<T>(T result, long version) {
  }

  /** The dish's category must be a live category of this store; it is locked so that it cannot go meanwhile. */
  private Future<Void> inCategory(SqlClient sql, Access access, DishDraft draft) {
    return menus.lockCategory(sql, access.tenantId(), access.storeId(), draft.categoryId(), false)
        .compose(category -> category.isPresent() ? Future.succeededFuture()
            : fail(MenuProblems.CATEGORY_NOT_FOUND.atField("category_id")));
  }

  /** Groups and choices named by id must be the dish's own (each choice in its own group). */
  private static Future<Void> unknownOptions(DishDraft draft, Map<UUID, List<UUID>> existing) {
    for (int g = 0; g < draft.optionGroups().size(); g++) {
      DishDraft.GroupDraft group = draft.optionGroups().get(g);
      if (group.id() != null && !existing.containsKey(group.id())) {
        return fail(MenuProblems.OPTION_GROUP_NOT_FOUND.atField("option_groups[" + g + "].id"));
      }
      List<UUID> choices = group.id() == null ? List.of() : existing.get(group.id());
      for (int c = 0; c < group.choices().size(); c++) {
        UUID choiceId = group.choices().get(c).id();
        if (choiceId != null && !choices.contains(choiceId)) {
          return fail(MenuProblems.OPTION_CHOICE_NOT_FOUND.atField("option_groups[" + g + "].choices[" + c + "].id"));
        }
      }
    }
    return Future.succeededFuture();
  }

  private Future<MenuItem> item(SqlClient sql, Access access, UUID dishId) {
    return today(sql, access)
        .compose(day -> menus.item(sql, access.tenantId(), access.storeId(), dishId, day))
        .compose(item -> found(item, MenuProblems.DISH_NOT_FOUND));
  }

  /** The store's business day now, in its own time zone. */
  private Future<LocalDate> today(SqlClient sql, Access access) {
    return stores.find(sql, access.tenantId(), access.storeId())
        .compose(store -> found(store, MenuProblems.STORE_NOT_FOUND))
        .map(store -> BusinessDay.of(clock.instant(), store.timeZone()));
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        ? fail(MenuProblems.CATEGORY_NAME_TAKEN) : Future.failedFuture(failure);
  }

  private static <T> Future<T> found(Optional<T> value, Problem otherwise) {
    return value.map(Future::succeededFuture).orElseGet(() -> fail(otherwise));
  }

  private static <T> Future<T> fail(Problem problem) {
    return Future.failedFuture(new ProblemException(problem));
  }

  private static void created(RoutingContext rc, JsonObject json) {
    rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
  }

  private static UUID id(RoutingContext rc, String name) {
    return UUID.fromString(rc.pathParam(name));
  }

  private static JsonObject body(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return request.getBody().getJsonObject();
  }
}
