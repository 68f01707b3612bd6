package app.tableloop.menu;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.refusal.Refusal;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
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
 * Owners and operators edit categories and dishes; staff, owners and operators mark dishes sold out and set their
 * stock. Every change is one transaction that ends by bumping the store's menu version, and the cache learns the new
 * version once it has committed.
 */
public final class MenuEditing {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;
  private final Stores stores;
  private final Menus menus;
  private final MenuCache cache;
  private final Clock clock;

  public MenuEditing(Database database, Stores stores, Menus menus, MenuCache cache, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.menus = menus;
    this.cache = cache;
    this.clock = clock;
  }

  public Future<List<MenuCategory>> categories(Access access) {
    return database.inTenant(access.tenantId(), sql -> menus.categories(sql, access.tenantId(), access.storeId()));
  }

  public Future<MenuCategory> createCategory(Access access, String name, Integer sortOrder) {
    return change(access, sql -> menus.createCategory(sql, access.tenantId(), access.storeId(), name, sortOrder))
        .recover(MenuEditing::nameTaken);
  }

  public Future<MenuCategory> updateCategory(Access access, UUID categoryId, Optional<String> name,
                                             Optional<Integer> sortOrder) {
    return change(access, sql -> menus.updateCategory(sql, access.tenantId(), access.storeId(), categoryId, name,
            sortOrder)
        .compose(category -> found(category, MenuRefusal.CATEGORY_NOT_FOUND)))
        .recover(MenuEditing::nameTaken);
  }

  /** Takes every category of the store, in the new order: a list made before someone else added one is refused. */
  public Future<List<MenuCategory>> reorderCategories(Access access, List<UUID> inOrder) {
    return change(access, sql -> menus.categories(sql, access.tenantId(), access.storeId())
        .compose(current -> {
          Set<UUID> known = new HashSet<>();
          current.forEach(category -> known.add(category.id()));
          for (int i = 0; i < inOrder.size(); i++) {
            if (!known.contains(inOrder.get(i))) {
              return Refusals.refuse(MenuRefusal.CATEGORY_NOT_FOUND.at("category_ids[" + i + "]"));
            }
          }
          return inOrder.size() == known.size()
              ? menus.reorderCategories(sql, access.tenantId(), access.storeId(), inOrder)
              : Refusals.refuse(MenuRefusal.INCOMPLETE_CATEGORY_ORDER);
        })
        .compose(reordered -> menus.categories(sql, access.tenantId(), access.storeId())));
  }

  public Future<Void> deleteCategory(Access access, UUID categoryId) {
    return change(access, sql -> menus.lockCategory(sql, access.tenantId(), access.storeId(), categoryId, true)
        .compose(category -> found(category, MenuRefusal.CATEGORY_NOT_FOUND))
        .compose(category -> menus.holdsDishes(sql, access.tenantId(), access.storeId(), categoryId))
        .compose(held -> held ? Refusals.refuse(MenuRefusal.CATEGORY_NOT_EMPTY)
            : menus.deleteCategory(sql, access.tenantId(), access.storeId(), categoryId)));
  }

  /** Every dish of the store, hidden ones too, with today's stock. */
  public Future<List<MenuItem>> dishes(Access access) {
    return database.inTenant(access.tenantId(), sql -> today(sql, access)
        .compose(day -> menus.items(sql, access.tenantId(), access.storeId(), day)));
  }

  public Future<MenuItem> createDish(Access access, DishDraft draft) {
    Optional<DishDraftRules.Invalid> invalid = DishDraftRules.check(draft);
    if (invalid.isPresent()) {
      return Refusals.refuse(MenuRefusal.invalid(invalid.get()));
    }
    return change(access, sql -> inCategory(sql, access, draft)
        .compose(ok -> unknownOptions(draft, Map.of()))
        .compose(ok -> menus.createDish(sql, access.tenantId(), access.storeId(), draft))
        .compose(dishId -> item(sql, access, dishId)));
  }

  /** Rewrites a dish with its option groups and choices; what the draft leaves out is taken off the dish. */
  public Future<MenuItem> updateDish(Access access, UUID dishId, DishDraft draft) {
    Optional<DishDraftRules.Invalid> invalid = DishDraftRules.check(draft);
    if (invalid.isPresent()) {
      return Refusals.refuse(MenuRefusal.invalid(invalid.get()));
    }
    return change(access, sql -> menus.lockDish(sql, access.tenantId(), access.storeId(), dishId)
        .compose(exists -> exists ? inCategory(sql, access, draft) : Refusals.<Void>refuse(MenuRefusal.DISH_NOT_FOUND))
        .compose(ok -> menus.optionIds(sql, access.tenantId(), dishId))
        .compose(existing -> unknownOptions(draft, existing))
        .compose(ok -> menus.replaceDish(sql, access.tenantId(), access.storeId(), dishId, draft))
        .compose(replaced -> item(sql, access, dishId)));
  }

  public Future<Void> deleteDish(Access access, UUID dishId) {
    return change(access, sql -> menus.deleteDish(sql, access.tenantId(), access.storeId(), dishId)
        .compose(deleted -> deleted ? Future.<Void>succeededFuture() : Refusals.refuse(MenuRefusal.DISH_NOT_FOUND)));
  }

  /** Hides a dish from diners (it stays on the owner's list), or shows it again. */
  public Future<MenuItem> setActive(Access access, UUID dishId, boolean active) {
    return change(access, sql -> menus.setActive(sql, access.tenantId(), access.storeId(), dishId, active)
        .compose(changed -> changed ? item(sql, access, dishId) : Refusals.refuse(MenuRefusal.DISH_NOT_FOUND)));
  }

  /** The kitchen marks a dish sold out, or back; a dish whose stock for today is used up cannot come back. */
  public Future<MenuItem> setSoldOut(Access access, UUID dishId, boolean soldOut) {
    return change(access, sql -> menus.setSoldOut(sql, access.tenantId(), access.storeId(), dishId, soldOut)
        .compose(changed -> changed ? item(sql, access, dishId) : Refusals.<MenuItem>refuse(MenuRefusal.DISH_NOT_FOUND))
        .compose(item -> !soldOut && item.soldOutNow() ? Refusals.refuse(MenuRefusal.NO_STOCK_LEFT)
            : Future.succeededFuture(item)));
  }

  public Future<MenuItem> setStock(Access access, UUID dishId, Menus.StockChange stock) {
    return change(access, sql -> today(sql, access)
        .compose(day -> menus.setStock(sql, access.tenantId(), access.storeId(), dishId, stock, day))
        .compose(changed -> changed ? item(sql, access, dishId) : Refusals.refuse(MenuRefusal.DISH_NOT_FOUND)));
  }

  /** Runs a change of the menu in one transaction that ends by bumping the version; then tells the cache. */
  private <T> Future<T> change(Access access, Function<SqlConnection, Future<T>> work) {
    return database.inTenant(access.tenantId(), sql -> work.apply(sql)
            .compose(result -> menus.bumpVersion(sql, access.tenantId(), access.storeId())
                .map(version -> new Changed<>(result, version))))
        .compose(changed -> cache.changed(access.storeId(), changed.version()).map(changed.result()));
  }

  private record Changed<T>(T result, long version) {
  }

  /** The dish's category must be a live category of this store; it is locked so that it cannot go meanwhile. */
  private Future<Void> inCategory(SqlClient sql, Access access, DishDraft draft) {
    return menus.lockCategory(sql, access.tenantId(), access.storeId(), draft.categoryId(), false)
        .compose(category -> category.isPresent() ? Future.succeededFuture()
            : Refusals.refuse(MenuRefusal.CATEGORY_NOT_FOUND.at("category_id")));
  }

  /** Groups and choices named by id must be the dish's own (each choice in its own group). */
  private static Future<Void> unknownOptions(DishDraft draft, Map<UUID, List<UUID>> existing) {
    for (int g = 0; g < draft.optionGroups().size(); g++) {
      DishDraft.GroupDraft group = draft.optionGroups().get(g);
      if (group.id() != null && !existing.containsKey(group.id())) {
        return Refusals.refuse(MenuRefusal.OPTION_GROUP_NOT_FOUND.at("option_groups[" + g + "].id"));
      }
      List<UUID> choices = group.id() == null ? List.of() : existing.get(group.id());
      for (int c = 0; c < group.choices().size(); c++) {
        UUID choiceId = group.choices().get(c).id();
        if (choiceId != null && !choices.contains(choiceId)) {
          return Refusals.refuse(MenuRefusal.OPTION_CHOICE_NOT_FOUND
              .at("option_groups[" + g + "].choices[" + c + "].id"));
        }
      }
    }
    return Future.succeededFuture();
  }

  private Future<MenuItem> item(SqlClient sql, Access access, UUID dishId) {
    return today(sql, access)
        .compose(day -> menus.item(sql, access.tenantId(), access.storeId(), dishId, day))
        .compose(item -> found(item, MenuRefusal.DISH_NOT_FOUND));
  }

  /** The store's business day now, in its own time zone. */
  private Future<LocalDate> today(SqlClient sql, Access access) {
    return stores.find(sql, access.tenantId(), access.storeId())
        .compose(store -> found(store, MenuRefusal.STORE_NOT_FOUND))
        .map(store -> BusinessDay.of(clock.instant(), store.timeZone()));
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        ? Refusals.refuse(MenuRefusal.CATEGORY_NAME_TAKEN) : Future.failedFuture(failure);
  }

  private static <T> Future<T> found(Optional<T> value, Refusal otherwise) {
    return value.map(Future::succeededFuture).orElseGet(() -> Refusals.refuse(otherwise));
  }
}
