package app.tableloop.insight.suggestion;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the menu suggests to a signed-in diner, beside the public menu (which stays as it is): "你常点", the dishes they
 * order most at the brand that this store's menu has now, once they have visited twice; and "常一起点", for each dish
 * of the menu, the dishes most often in the same paid order at this store (read from the pairs kept by
 * {@link DishPairs}).
 */
final class MenuSuggestions {
  /** "你常点" shows at most this many dishes. */
  static final int USUAL = 6;
  /** Visits (meals) before "你常点" says anything: one meal is no habit. */
  static final int USUAL_AFTER_VISITS = 2;
  /** Partners shown per dish. */
  static final int TOGETHER = 3;

  /** The store's dishes a diner can see now: active, not deleted, in a category that is not deleted. */
  private static final String MENU = """
      menu AS (
          SELECT d.id, d.name
            FROM dishes d
            JOIN menu_categories c ON c.tenant_id = d.tenant_id AND c.id = d.category_id AND c.deleted_at IS NULL
           WHERE d.tenant_id = $1 AND d.store_id = $2 AND d.active AND d.deleted_at IS NULL)
      """;

  private final Database database;

  MenuSuggestions(Database database) {
    this.database = database;
  }

  Future<JsonObject> of(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> usual(sql, tenantId, access.storeId(), access.user().userId())
        .compose(usual -> together(sql, tenantId, access.storeId())
            .map(together -> new JsonObject().put("usual", usual).put("together", together))));
  }

  /**
   * The diner's dishes at any of the brand's stores, matched to this store's menu by the dish itself or else by its
   * name (each store has dishes of its own), ranked by the visits they were ordered in, then portions.
   */
  private Future<JsonArray> usual(SqlClient sql, UUID tenantId, UUID storeId, UUID userId) {
    return sql.preparedQuery("WITH " + MENU + """
            , mine AS (
                SELECT coalesce(v.tab_id, v.payment_id) AS visit, e ->> 'dish_id' AS dish_id, e ->> 'name' AS name,
                       (e ->> 'quantity')::int AS quantity
                  FROM diner_visits v, jsonb_array_elements(v.dishes) e
                 WHERE v.tenant_id = $1 AND v.user_id = $3)
            SELECT m.id AS dish_id, count(DISTINCT mine.visit) AS times, sum(mine.quantity) AS portions
              FROM mine
              JOIN LATERAL (SELECT menu.id FROM menu WHERE menu.id::text = mine.dish_id OR menu.name = mine.name
                             ORDER BY menu.id::text = mine.dish_id DESC, menu.id LIMIT 1) m ON true
             WHERE (SELECT count(DISTINCT coalesce(v.tab_id, v.payment_id)) FROM diner_visits v
                     WHERE v.tenant_id = $1 AND v.user_id = $3) >= $4
             GROUP BY m.id
             ORDER BY times DESC, portions DESC, m.id LIMIT $5
            """)
        .execute(Tuple.of(tenantId, storeId, userId, USUAL_AFTER_VISITS, USUAL))
        .map(rows -> {
          List<JsonObject> usual = new ArrayList<>();
          rows.forEach(row -> usual.add(new JsonObject().put("dish_id", row.getUUID("dish_id").toString())
              .put("times", row.getLong("times"))));
          return new JsonArray(usual);
        });
  }

  private Future<JsonArray> together(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("WITH " + MENU + """
            SELECT dish_id, with_dish_id FROM (
                SELECT p.dish_id, p.with_dish_id,
                       row_number() OVER (PARTITION BY p.dish_id ORDER BY p.orders DESC, p.with_dish_id) AS n
                  FROM dish_pairs p
                  JOIN menu a ON a.id = p.dish_id
                  JOIN menu b ON b.id = p.with_dish_id
                 WHERE p.tenant_id = $1 AND p.store_id = $2) ranked
             WHERE n <= $3
             ORDER BY dish_id, n
            """)
        .execute(Tuple.of(tenantId, storeId, TOGETHER))
        .map(rows -> {
          Map<UUID, JsonArray> partners = new LinkedHashMap<>();
          rows.forEach(row -> partners.computeIfAbsent(row.getUUID("dish_id"), dish -> new JsonArray())
              .add(row.getUUID("with_dish_id").toString()));
          return new JsonArray(partners.entrySet().stream()
              .map(entry -> new JsonObject().put("dish_id", entry.getKey().toString()).put("with", entry.getValue()))
              .toList());
        });
  }
}
