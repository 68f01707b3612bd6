package app.tableloop.ordering;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** The lines of tabs' shared carts. */
public final class Carts {
  /** The tab's lines, first added first, as a JSON array; {@code tabId} is the SQL naming the tab, $1 the tenant. */
  static String linesJson(String tabId) {
    return """
        (SELECT coalesce(json_agg(json_build_object('id', l.id, 'dish_id', l.dish_id, 'choice_ids', l.choice_ids,
                                                    'quantity', l.quantity, 'added_by', l.added_by)
                                  ORDER BY l.added_at, l.id), '[]')
           FROM cart_lines l WHERE l.tenant_id = $1 AND l.tab_id =\s""" + tabId + ")";
  }

  /** The dishes the tab's lines name (SQL); {@code tabId} is the SQL naming the tab, $1 the tenant. */
  static String dishIds(String tabId) {
    return "SELECT l.dish_id FROM cart_lines l WHERE l.tenant_id = $1 AND l.tab_id = " + tabId;
  }

  /** The lines of a JSON array made by {@link #linesJson}. */
  static List<CartLine> lines(JsonArray json) {
    return json.stream().map(JsonObject.class::cast).map(line -> new CartLine(UUID.fromString(line.getString("id")),
        UUID.fromString(line.getString("dish_id")),
        line.getJsonArray("choice_ids").stream().map(id -> UUID.fromString((String) id)).toList(),
        line.getInteger("quantity"), UUID.fromString(line.getString("added_by")))).toList();
  }

  /**
   * Adds the line. Its time is the moment of writing, not the transaction's start: changes of a cart queue on the
   * tab's lock, so the new line is the cart's last, as the answer built from memory shows it.
   */
  public Future<Void> add(SqlClient sql, UUID tenantId, UUID tabId, CartLine line) {
    return sql.preparedQuery("""
            INSERT INTO cart_lines (id, tenant_id, tab_id, dish_id, choice_ids, quantity, added_by, added_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())
            """)
        .execute(Tuple.of(line.id(), tenantId, tabId, line.dishId(), line.choiceIds().toArray(UUID[]::new),
            line.quantity(), line.addedBy()))
        .mapEmpty();
  }

  /** Sets a line's quantity; false when the tab has no such line. */
  public Future<Boolean> setQuantity(SqlClient sql, UUID tenantId, UUID tabId, UUID lineId, int quantity) {
    return sql.preparedQuery("UPDATE cart_lines SET quantity = $4 WHERE tenant_id = $1 AND tab_id = $2 AND id = $3")
        .execute(Tuple.of(tenantId, tabId, lineId, quantity))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> remove(SqlClient sql, UUID tenantId, UUID tabId, UUID lineId) {
    return sql.preparedQuery("DELETE FROM cart_lines WHERE tenant_id = $1 AND tab_id = $2 AND id = $3")
        .execute(Tuple.of(tenantId, tabId, lineId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Empties the cart (it became an order) and moves it to its next version, which it answers. */
  public Future<Long> empty(SqlClient sql, UUID tenantId, UUID tabId) {
    return sql.preparedQuery("""
            WITH emptied AS (DELETE FROM cart_lines WHERE tenant_id = $1 AND tab_id = $2)
            UPDATE tabs SET cart_version = cart_version + 1, last_activity_at = now()
             WHERE tenant_id = $1 AND id = $2
            RETURNING cart_version
            """)
        .execute(Tuple.of(tenantId, tabId))
        .map(rows -> rows.iterator().next().getLong("cart_version"));
  }
}
