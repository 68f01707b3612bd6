package app.tableloop.ordering;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The lines of tabs' shared carts. */
public final class Carts {
  private static final String COLUMNS = "id, dish_id, choice_ids, quantity, added_by";

  public Future<List<CartLine>> lines(SqlClient sql, UUID tenantId, UUID tabId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM cart_lines WHERE tenant_id = $1 AND tab_id = $2"
            + " ORDER BY added_at, id")
        .execute(Tuple.of(tenantId, tabId))
        .map(rows -> rows.stream().map(Carts::line).toList());
  }

  public Future<Void> add(SqlClient sql, UUID tenantId, UUID tabId, UUID dishId, List<UUID> choiceIds, int quantity,
                          UUID addedBy) {
    return sql.preparedQuery("""
            INSERT INTO cart_lines (tenant_id, tab_id, dish_id, choice_ids, quantity, added_by)
            VALUES ($1, $2, $3, $4, $5, $6)
            """)
        .execute(Tuple.of(tenantId, tabId, dishId, choiceIds.toArray(UUID[]::new), quantity, addedBy))
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

  public Future<Void> clear(SqlClient sql, UUID tenantId, UUID tabId) {
    return sql.preparedQuery("DELETE FROM cart_lines WHERE tenant_id = $1 AND tab_id = $2")
        .execute(Tuple.of(tenantId, tabId))
        .mapEmpty();
  }

  private static CartLine line(Row row) {
    return new CartLine(row.getUUID("id"), row.getUUID("dish_id"),
        Arrays.asList(row.getArrayOfUUIDs("choice_ids")), row.getInteger("quantity"), row.getUUID("added_by"));
  }
}
