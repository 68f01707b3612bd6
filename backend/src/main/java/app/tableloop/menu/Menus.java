package app.tableloop.menu;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The menus of a tenant's stores: categories, dishes with their option groups and choices, and each store's menu
 * version. Every statement names its tenant and store, and runs where row-level security binds the tenant too.
 * Nothing is deleted: what a past order names stays, marked {@code deleted_at}.
 */
public final class Menus {
  private static final String CATEGORY_COLUMNS = "id, store_id, name, sort_order";
  /** A dish's columns, with today's stock: {@code $3} is the business day. */
  private static final String ITEM_COLUMNS = """
      id, store_id, category_id, name, description, image_url, price_fen, member_price_fen, tags, sort_order,
      available_windows, sold_out, daily_stock, active AND deleted_at IS NULL AS active,
      CASE WHEN stock_date = $3 THEN stock_left ELSE daily_stock END AS stock_today,\s""" + optionGroups("dishes.id");
  /** The dishes {@code $4} of the store (every placement reads them): composed once. */
  private static final String DISHES = dishesWhere("id = ANY($4)");

  /** What a change of a dish's stock sets; a side that is not changed keeps its value. Null portions: unlimited. */
  public record StockChange(boolean changesDaily, Integer dailyStock, boolean changesToday, Integer todayStock) {
  }

  /**
   * The store's menu version, asked before a public request knows the store's tenant; empty when there is no such
   * store.
   */
  public Future<Optional<Long>> versionOfStore(SqlClient sql, UUID storeId) {
    return sql.preparedQuery("SELECT menu_version_of_store($1) AS version")
        .execute(Tuple.of(storeId))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getLong("version")));
  }

  /** The store's menu version; 0 before its first change. */
  public Future<Long> version(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("""
            SELECT coalesce((SELECT version FROM menu_versions WHERE tenant_id = $1 AND store_id = $2), 0) AS version
            """)
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.iterator().next().getLong("version"));
  }

  /**
   * Counts a change of the store's menu and answers the new version. Run it as a change's last statement: it locks
   * the store's version row until the transaction ends.
   */
  public Future<Long> bumpVersion(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("""
            INSERT INTO menu_versions (store_id, tenant_id, version) VALUES ($2, $1, 1)
            ON CONFLICT (store_id) DO UPDATE SET version = menu_versions.version + 1, changed_at = now()
            RETURNING version
            """)
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.iterator().next().getLong("version"));
  }

  public Future<List<MenuCategory>> categories(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT " + CATEGORY_COLUMNS + " FROM menu_categories"
            + " WHERE tenant_id = $1 AND store_id = $2 AND deleted_at IS NULL ORDER BY sort_order, created_at, id")
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.stream().map(Menus::category).toList());
  }

  /**
   * The category, locked until the transaction ends: shared while a dish is put into it, exclusive while it is
   * deleted, so that no dish lands in a category that is going away.
   */
  public Future<Optional<MenuCategory>> lockCategory(SqlClient sql, UUID tenantId, UUID storeId, UUID categoryId,
                                                     boolean exclusive) {
    return sql.preparedQuery("SELECT " + CATEGORY_COLUMNS + " FROM menu_categories"
            + " WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND deleted_at IS NULL"
            + (exclusive ? " FOR UPDATE" : " FOR SHARE"))
        .execute(Tuple.of(tenantId, storeId, categoryId))
        .map(rows -> Rows.first(rows, Menus::category));
  }

  /** A new category; without a sort order it goes last. */
  public Future<MenuCategory> createCategory(SqlClient sql, UUID tenantId, UUID storeId, String name,
                                             Integer sortOrder) {
    return sql.preparedQuery("""
            INSERT INTO menu_categories (tenant_id, store_id, name, sort_order)
            VALUES ($1, $2, $3, coalesce($4, (SELECT coalesce(max(sort_order) + 1, 0) FROM menu_categories
                                               WHERE tenant_id = $1 AND store_id = $2 AND deleted_at IS NULL)))
            RETURNING\s""" + CATEGORY_COLUMNS)
        .execute(Tuple.of(tenantId, storeId, name, sortOrder))
        .map(rows -> category(rows.iterator().next()));
  }

  public Future<Optional<MenuCategory>> updateCategory(SqlClient sql, UUID tenantId, UUID storeId, UUID categoryId,
                                                       Optional<String> name, Optional<Integer> sortOrder) {
    return sql.preparedQuery("""
            UPDATE menu_categories
               SET name = coalesce($4, name),
                   sort_order = coalesce($5, sort_order),
                   updated_at = now()
             WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND deleted_at IS NULL
            RETURNING\s""" + CATEGORY_COLUMNS)
        .execute(Tuple.of(tenantId, storeId, categoryId, name.orElse(null), sortOrder.orElse(null)))
        .map(rows -> Rows.first(rows, Menus::category));
  }

  /** Puts the categories in the given order (the first shown first). */
  public Future<Void> reorderCategories(SqlClient sql, UUID tenantId, UUID storeId, List<UUID> inOrder) {
    return sql.preparedQuery("""
            UPDATE menu_categories c
               SET sort_order = o.position - 1, updated_at = now()
              FROM unnest($3::uuid[]) WITH ORDINALITY AS o (id, position)
             WHERE c.tenant_id = $1 AND c.store_id = $2 AND c.id = o.id AND c.deleted_at IS NULL
            """)
        .execute(Tuple.of(tenantId, storeId, inOrder.toArray(new UUID[0])))
        .mapEmpty();
  }

  /** Whether the category still holds dishes that are not deleted (hidden ones count). */
  public Future<Boolean> holdsDishes(SqlClient sql, UUID tenantId, UUID storeId, UUID categoryId) {
    return sql.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM dishes
                            WHERE tenant_id = $1 AND store_id = $2 AND category_id = $3 AND deleted_at IS NULL) AS held
            """)
        .execute(Tuple.of(tenantId, storeId, categoryId))
        .map(rows -> rows.iterator().next().getBoolean("held"));
  }

  public Future<Void> deleteCategory(SqlClient sql, UUID tenantId, UUID storeId, UUID categoryId) {
    return sql.preparedQuery("UPDATE menu_categories SET deleted_at = now()"
            + " WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND deleted_at IS NULL")
        .execute(Tuple.of(tenantId, storeId, categoryId))
        .mapEmpty();
  }

  /**
   * The store's dishes among {@code dishIds}, as ordering prices them: with their option groups and choices, and
   * {@code stockLeft} as it stands on {@code businessDay}. Dishes of other stores or tenants are simply absent;
   * hidden and deleted dishes are present but not {@code active}.
   */
  public Future<Map<UUID, Dish>> dishes(SqlClient sql, UUID tenantId, UUID storeId, Collection<UUID> dishIds,
                                        LocalDate businessDay) {
    if (dishIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return dishes(sql, DISHES, Tuple.of(tenantId, storeId, businessDay, dishIds.toArray(new UUID[0])));
  }

  /**
   * A statement that reads dishes as {@link #dishes(SqlClient, UUID, UUID, Collection, LocalDate)} does, of those
   * the SQL {@code condition} keeps: {@code $1} is the tenant, {@code $2} the store, {@code $3} the business day, and
   * {@code $4} the condition's own. For a caller that reads the dishes in the same round trip as what names them;
   * composed once, as the caller's constant.
   */
  public static String dishesWhere(String condition) {
    return "SELECT " + ITEM_COLUMNS + " FROM dishes WHERE tenant_id = $1 AND store_id = $2 AND " + condition;
  }

  /** The dishes a statement of {@link #dishesWhere} reads, by id. */
  public Future<Map<UUID, Dish>> dishes(SqlClient sql, String statement, Tuple arguments) {
    return sql.preparedQuery(statement).execute(arguments)
        .map(rows -> rows.stream().map(Menus::item)
            .collect(Collectors.toMap(item -> item.dish().id(), MenuItem::dish)));
  }

  /** Every dish of the store that is not deleted, hidden ones included, in menu order. */
  public Future<List<MenuItem>> items(SqlClient sql, UUID tenantId, UUID storeId, LocalDate businessDay) {
    return sql.preparedQuery("SELECT " + ITEM_COLUMNS + " FROM dishes"
            + " WHERE tenant_id = $1 AND store_id = $2 AND deleted_at IS NULL"
            + " ORDER BY (SELECT c.sort_order FROM menu_categories c WHERE c.tenant_id = $1 AND c.id = category_id),"
            + " category_id, sort_order, created_at, id")
        .execute(Tuple.of(tenantId, storeId, businessDay))
        .map(rows -> rows.stream().map(Menus::item).toList());
  }

  /** One dish of the store that is not deleted. */
  public Future<Optional<MenuItem>> item(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId,
                                         LocalDate businessDay) {
    return sql.preparedQuery("SELECT " + ITEM_COLUMNS + " FROM dishes"
            + " WHERE tenant_id = $1 AND store_id = $2 AND deleted_at IS NULL AND id = $4")
        .execute(Tuple.of(tenantId, storeId, businessDay, dishId))
        .map(rows -> Rows.first(rows, Menus::item));
  }

  /** Locks a dish that is not deleted against concurrent edits, until the transaction ends; false if none. */
  public Future<Boolean> lockDish(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId) {
    return sql.preparedQuery("SELECT id FROM dishes"
            + " WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND deleted_at IS NULL FOR UPDATE")
        .execute(Tuple.of(tenantId, storeId, dishId))
        .map(rows -> rows.size() == 1);
  }

  /** The dish's live option groups, each with the ids of its live choices. */
  public Future<Map<UUID, List<UUID>>> optionIds(SqlClient sql, UUID tenantId, UUID dishId) {
    return sql.preparedQuery("SELECT " + optionGroups("$2"))
        .execute(Tuple.of(tenantId, dishId))
        .map(rows -> groups(rows.iterator().next()).stream().collect(Collectors.toMap(OptionGroup::id,
            group -> group.choices().stream().map(OptionChoice::id).toList())));
  }

  /** Adds a dish; its option groups and choices must carry no ids (fresh ones are drawn here). */
  public Future<UUID> createDish(SqlClient sql, UUID tenantId, UUID storeId, DishDraft draft) {
    UUID dishId = UUID.randomUUID();
    return sql.preparedQuery("""
            INSERT INTO dishes (id, tenant_id, store_id, category_id, name, description, image_url, price_fen,
                                member_price_fen, tags, sort_order, available_windows)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                    coalesce($11, (SELECT coalesce(max(sort_order) + 1, 0) FROM dishes
                                    WHERE tenant_id = $2 AND store_id = $3 AND category_id = $4
                                      AND deleted_at IS NULL)),
                    $12)
            """)
        .execute(Tuple.of(dishId, tenantId, storeId, draft.categoryId(), draft.name(), draft.description(),
            draft.imageUrl(), draft.priceFen(), draft.memberPriceFen(), draft.tags().toArray(new String[0]),
            draft.sortOrder(), MenuJson.windows(draft.windows())))
        .compose(inserted -> writeOptions(sql, tenantId, dishId, draft))
        .map(dishId);
  }

  /**
   * Rewrites a dish as the draft has it (the caller has checked that the draft's ids are the dish's): groups and
   * choices left out are marked deleted, named ones are changed, new ones added.
   */
  public Future<Void> replaceDish(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId, DishDraft draft) {
    UUID[] keptGroups = draft.optionGroups().stream().map(DishDraft.GroupDraft::id).filter(id -> id != null)
        .toArray(UUID[]::new);
    UUID[] keptChoices = draft.optionGroups().stream().flatMap(group -> group.choices().stream())
        .map(DishDraft.ChoiceDraft::id).filter(id -> id != null).toArray(UUID[]::new);
    return sql.preparedQuery("""
            UPDATE dishes
               SET category_id = $4, name = $5, description = $6, image_url = $7, price_fen = $8,
                   member_price_fen = $9, tags = $10, sort_order = coalesce($11, sort_order),
                   available_windows = $12, updated_at = now()
             WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND deleted_at IS NULL
            """)
        .execute(Tuple.of(tenantId, storeId, dishId, draft.categoryId(), draft.name(), draft.description(),
            draft.imageUrl(), draft.priceFen(), draft.memberPriceFen(), draft.tags().toArray(new String[0]),
            draft.sortOrder(), MenuJson.windows(draft.windows())))
        .compose(updated -> sql.preparedQuery("""
                UPDATE dish_option_choices c
                   SET deleted_at = now()
                  FROM dish_option_groups g
                 WHERE g.tenant_id = $1 AND g.dish_id = $2 AND c.tenant_id = $1 AND c.group_id = g.id
                   AND c.deleted_at IS NULL AND NOT (c.id = ANY($3))
                """)
            .execute(Tuple.of(tenantId, dishId, keptChoices)))
        .compose(choicesGone -> sql.preparedQuery("""
                UPDATE dish_option_groups
                   SET deleted_at = now()
                 WHERE tenant_id = $1 AND dish_id = $2 AND deleted_at IS NULL AND NOT (id = ANY($3))
                """)
            .execute(Tuple.of(tenantId, dishId, keptGroups)))
        .compose(groupsGone -> writeOptions(sql, tenantId, dishId, draft));
  }

  public Future<Boolean> setSoldOut(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId, boolean soldOut) {
    return touch(sql, "sold_out = $4", Tuple.of(tenantId, storeId, dishId, soldOut));
  }

  public Future<Boolean> setActive(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId, boolean active) {
    return touch(sql, "active = $4", Tuple.of(tenantId, storeId, dishId, active));
  }

  /** Takes the dish off the menu for good; past orders still name it. */
  public Future<Boolean> deleteDish(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId) {
    return touch(sql, "deleted_at = now()", Tuple.of(tenantId, storeId, dishId));
  }

  /**
   * Sets the daily stock (from the next business day on, or today if nothing was counted yet today) and today's
   * stock (what is left now on {@code businessDay}).
   */
  public Future<Boolean> setStock(SqlClient sql, UUID tenantId, UUID storeId, UUID dishId, StockChange change,
                                  LocalDate businessDay) {
    return touch(sql, """
            daily_stock = CASE WHEN $4 THEN $5 ELSE daily_stock END,
            stock_left = CASE WHEN $6 THEN $7 ELSE stock_left END,
            stock_date = CASE WHEN $6 THEN $8 ELSE stock_date END""",
        Tuple.of(tenantId, storeId, dishId, change.changesDaily(), change.dailyStock(), change.changesToday(),
            change.todayStock(), businessDay));
  }

  private Future<Boolean> touch(SqlClient sql, String assignments, Tuple parameters) {
    return sql.preparedQuery("UPDATE dishes SET " + assignments + ", updated_at = now()"
            + " WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND deleted_at IS NULL RETURNING id")
        .execute(parameters)
        .map(rows -> rows.size() == 1);
  }

  /** Adds the draft's new groups and choices and changes the kept ones, in the draft's order. */
  private Future<Void> writeOptions(SqlClient sql, UUID tenantId, UUID dishId, DishDraft draft) {
    List<Tuple> groups = new ArrayList<>();
    List<Tuple> choices = new ArrayList<>();
    for (int g = 0; g < draft.optionGroups().size(); g++) {
      DishDraft.GroupDraft group = draft.optionGroups().get(g);
      UUID groupId = group.id() != null ? group.id() : UUID.randomUUID();
      groups.add(Tuple.of(groupId, tenantId, dishId, group.name(), group.required(), group.minChoices(),
          group.maxChoices(), g));
      for (int c = 0; c < group.choices().size(); c++) {
        DishDraft.ChoiceDraft choice = group.choices().get(c);
        choices.add(Tuple.of(choice.id() != null ? choice.id() : UUID.randomUUID(), tenantId, groupId,
            choice.name(), choice.priceDeltaFen(), c));
      }
    }
    if (groups.isEmpty()) {
      return Future.succeededFuture();
    }
    return sql.preparedQuery("""
            INSERT INTO dish_option_groups (id, tenant_id, dish_id, name, required, min_choices, max_choices,
                                            sort_order)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE
               SET name = excluded.name, required = excluded.required, min_choices = excluded.min_choices,
                   max_choices = excluded.max_choices, sort_order = excluded.sort_order
             WHERE dish_option_groups.tenant_id = excluded.tenant_id
               AND dish_option_groups.dish_id = excluded.dish_id
            """)
        .executeBatch(groups)
        .compose(written -> sql.preparedQuery("""
                INSERT INTO dish_option_choices (id, tenant_id, group_id, name, price_delta_fen, sort_order)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE
                   SET name = excluded.name, price_delta_fen = excluded.price_delta_fen,
                       sort_order = excluded.sort_order
                 WHERE dish_option_choices.tenant_id = excluded.tenant_id
                   AND dish_option_choices.group_id = excluded.group_id
                """)
            .executeBatch(choices))
        .mapEmpty();
  }

  /**
   * The dish's live option groups, each with its live choices, in order, as a JSON column {@code option_groups}
   * (a group without live choices is left out); {@code dish} is the SQL naming the dish, {@code $1} the tenant.
   */
  private static String optionGroups(String dish) {
    return """
        (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'required', g.required,
                                                    'min_choices', g.min_choices, 'max_choices', g.max_choices,
                                                    'choices', c.choices)
                                  ORDER BY g.sort_order, g.created_at, g.id), '[]')
           FROM dish_option_groups g
           JOIN LATERAL (SELECT json_agg(json_build_object('id', c.id, 'name', c.name,
                                                           'price_delta_fen', c.price_delta_fen)
                                         ORDER BY c.sort_order, c.created_at, c.id) AS choices
                           FROM dish_option_choices c
                          WHERE c.tenant_id = $1 AND c.group_id = g.id AND c.deleted_at IS NULL) AS c
             ON c.choices IS NOT NULL
          WHERE g.tenant_id = $1 AND g.dish_id =\s""" + dish + " AND g.deleted_at IS NULL) AS option_groups";
  }

  private static List<OptionGroup> groups(Row row) {
    return ((JsonArray) row.getValue("option_groups")).stream().map(JsonObject.class::cast)
        .map(group -> new OptionGroup(UUID.fromString(group.getString("id")), group.getString("name"),
            group.getBoolean("required"), group.getInteger("min_choices"), group.getInteger("max_choices"),
            group.getJsonArray("choices").stream().map(JsonObject.class::cast)
                .map(choice -> new OptionChoice(UUID.fromString(choice.getString("id")), choice.getString("name"),
                    choice.getLong("price_delta_fen")))
                .toList()))
        .toList();
  }

  private static MenuItem item(Row row) {
    List<OptionGroup> groups = groups(row);
    Object windows = row.getValue("available_windows");
    Dish dish = new Dish(row.getUUID("id"), row.getUUID("store_id"), row.getString("name"), row.getLong("price_fen"),
        row.getLong("member_price_fen"), row.getBoolean("sold_out"), row.getInteger("stock_today"),
        row.getBoolean("active"), groups);
    return new MenuItem(dish, row.getUUID("category_id"), row.getString("description"), row.getString("image_url"),
        List.of(row.getArrayOfStrings("tags")), row.getInteger("sort_order"),
        MenuJson.windows(windows instanceof JsonArray array ? array : new JsonArray()),
        row.getInteger("daily_stock"));
  }

  private static MenuCategory category(Row row) {
    return new MenuCategory(row.getUUID("id"), row.getUUID("store_id"), row.getString("name"),
        row.getInteger("sort_order"));
  }
}
