package app.tableloop.menu;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The menu over HTTP: diners read it ({@link PublicMenus}, cached); staff change it ({@link MenuEditing}). */
public final class MenuApi implements ApiModule {
  private final PublicMenus publicMenus;
  private final MenuEditing editing;

  public MenuApi(PublicMenus publicMenus, MenuEditing editing) {
    this.publicMenus = publicMenus;
    this.editing = editing;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getMenu").addHandler(this::getMenu);
    api.getRoute("listMenuCategories").addHandler(rc -> editing.categories(Callers.of(rc))
        .onSuccess(categories -> rc.json(MenuJson.categories(categories)))
        .onFailure(rc::fail));
    api.getRoute("createMenuCategory").addHandler(this::createCategory);
    api.getRoute("reorderMenuCategories").addHandler(this::reorderCategories);
    api.getRoute("updateMenuCategory").addHandler(this::updateCategory);
    api.getRoute("deleteMenuCategory").addHandler(rc -> noContent(rc,
        editing.deleteCategory(Callers.of(rc), Requests.id(rc, "category"))));
    api.getRoute("listDishes").addHandler(rc -> editing.dishes(Callers.of(rc))
        .onSuccess(items -> rc.json(MenuJson.managedDishes(items)))
        .onFailure(rc::fail));
    api.getRoute("createDish").addHandler(rc -> editing.createDish(Callers.of(rc), MenuJson.draft(Requests.body(rc)))
        .onSuccess(item -> created(rc, MenuJson.managedDish(item)))
        .onFailure(rc::fail));
    api.getRoute("updateDish").addHandler(rc -> dish(rc, editing.updateDish(Callers.of(rc), Requests.id(rc, "dish"),
        MenuJson.draft(Requests.body(rc)))));
    api.getRoute("deleteDish").addHandler(rc -> noContent(rc,
        editing.deleteDish(Callers.of(rc), Requests.id(rc, "dish"))));
    api.getRoute("setDishActive").addHandler(rc -> dish(rc, editing.setActive(Callers.of(rc),
        Requests.id(rc, "dish"), Requests.body(rc).getBoolean("active"))));
    api.getRoute("setDishSoldOut").addHandler(rc -> dish(rc, editing.setSoldOut(Callers.of(rc),
        Requests.id(rc, "dish"), Requests.body(rc).getBoolean("sold_out"))));
    api.getRoute("setDishStock").addHandler(this::setDishStock);
  }

  /** Public: the diners' menu, answered 304 when the client already has this one. */
  private void getMenu(RoutingContext rc) {
    publicMenus.current(Requests.id(rc, "store"))
        .compose(menu -> menu.map(Future::succeededFuture)
            .orElseGet(() -> Refusals.refuse(MenuRefusal.STORE_NOT_FOUND)))
        .onSuccess(menu -> {
          rc.response().putHeader("ETag", menu.menu().etag()).putHeader("Cache-Control", "no-cache");
          if (menu.menu().matches(rc.request().getHeader("If-None-Match"))) {
            rc.response().setStatusCode(304).end();
          } else {
            rc.response().putHeader("Content-Type", "application/json").end(menu.body());
          }
        })
        .onFailure(rc::fail);
  }

  private void createCategory(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    editing.createCategory(Callers.of(rc), body.getString("name"), body.getInteger("sort_order"))
        .onSuccess(category -> created(rc, MenuJson.category(category)))
        .onFailure(rc::fail);
  }

  private void updateCategory(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    editing.updateCategory(Callers.of(rc), Requests.id(rc, "category"), Optional.ofNullable(body.getString("name")),
            Optional.ofNullable(body.getInteger("sort_order")))
        .onSuccess(category -> rc.json(MenuJson.category(category)))
        .onFailure(rc::fail);
  }

  private void reorderCategories(RoutingContext rc) {
    List<UUID> inOrder = Requests.body(rc).getJsonArray("category_ids").stream()
        .map(id -> UUID.fromString((String) id)).toList();
    editing.reorderCategories(Callers.of(rc), inOrder)
        .onSuccess(categories -> rc.json(MenuJson.categories(categories)))
        .onFailure(rc::fail);
  }

  private void setDishStock(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    dish(rc, editing.setStock(Callers.of(rc), Requests.id(rc, "dish"), new Menus.StockChange(
        body.containsKey("daily_stock"), body.getInteger("daily_stock"),
        body.containsKey("today_stock"), body.getInteger("today_stock"))));
  }

  private static void dish(RoutingContext rc, Future<MenuItem> changed) {
    changed.onSuccess(item -> rc.json(MenuJson.managedDish(item))).onFailure(rc::fail);
  }

  private static void noContent(RoutingContext rc, Future<Void> done) {
    done.onSuccess(nothing -> rc.response().setStatusCode(204).end()).onFailure(rc::fail);
  }

  private static void created(RoutingContext rc, JsonObject json) {
    rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
  }
}
