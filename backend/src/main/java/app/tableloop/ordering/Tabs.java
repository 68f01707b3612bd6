package app.tableloop.ordering;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tabs, the diners who joined them, and their carts' versions. */
public final class Tabs {
  private static final String COLUMNS = "id, store_id, table_id, status, cart_version";

  /** The table's open tab, opened now if there is none, with {@code userId} among its diners. */
  public Future<Tab> openOrJoin(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId, UUID userId) {
    return sql.preparedQuery("""
            INSERT INTO tabs (tenant_id, store_id, table_id) VALUES ($1, $2, $3)
            ON CONFLICT (table_id) WHERE status = 'open' DO NOTHING
            """)
        .execute(Tuple.of(tenantId, storeId, tableId))
        .compose(ignored -> sql.preparedQuery("""
                UPDATE tabs SET last_activity_at = now()
                 WHERE tenant_id = $1 AND store_id = $2 AND table_id = $3 AND status = 'open'
                RETURNING\s""" + COLUMNS)
            .execute(Tuple.of(tenantId, storeId, tableId)))
        .map(rows -> tab(rows.iterator().next()))
        .compose(tab -> sql.preparedQuery("""
                INSERT INTO tab_diners (tab_id, user_id, tenant_id) VALUES ($1, $2, $3)
                ON CONFLICT DO NOTHING
                """)
            .execute(Tuple.of(tab.id(), userId, tenantId))
            .map(tab));
  }

  /** The table's open tab, if it has one. */
  public Future<Optional<Tab>> openAt(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM tabs"
            + " WHERE tenant_id = $1 AND store_id = $2 AND table_id = $3 AND status = 'open'")
        .execute(Tuple.of(tenantId, storeId, tableId))
        .map(rows -> Rows.first(rows, Tabs::tab));
  }

  public Future<Optional<Tab>> find(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM tabs WHERE tenant_id = $1 AND store_id = $2 AND id = $3")
        .execute(Tuple.of(tenantId, storeId, tabId))
        .map(rows -> Rows.first(rows, Tabs::tab));
  }

  /** The tab, locked for the rest of the transaction (placing an order reads and clears its cart). */
  public Future<Optional<Tab>> lock(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM tabs"
            + " WHERE tenant_id = $1 AND store_id = $2 AND id = $3 FOR UPDATE")
        .execute(Tuple.of(tenantId, storeId, tabId))
        .map(rows -> Rows.first(rows, Tabs::tab));
  }

  public Future<Boolean> isDiner(SqlClient sql, UUID tenantId, UUID tabId, UUID userId) {
    return sql.preparedQuery("SELECT 1 FROM tab_diners WHERE tenant_id = $1 AND tab_id = $2 AND user_id = $3")
        .execute(Tuple.of(tenantId, tabId, userId))
        .map(rows -> rows.size() == 1);
  }

  /**
   * Moves the cart to its next version if it is still at {@code expected} (or at any version when null) and the
   * tab is open; empty when someone changed it first or the tab closed.
   */
  public Future<Optional<Long>> bumpCart(SqlClient sql, UUID tenantId, UUID tabId, Long expected) {
    return sql.preparedQuery("""
            UPDATE tabs SET cart_version = cart_version + 1, last_activity_at = now()
             WHERE tenant_id = $1 AND id = $2 AND status = 'open' AND ($3::bigint IS NULL OR cart_version = $3)
            RETURNING cart_version
            """)
        .execute(Tuple.of(tenantId, tabId, expected))
        .map(rows -> Rows.first(rows, row -> row.getLong("cart_version")));
  }

  public Future<List<Tab>> open(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM tabs"
            + " WHERE tenant_id = $1 AND store_id = $2 AND status = 'open' ORDER BY opened_at")
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.stream().map(Tabs::tab).toList());
  }

  /** Closes an open tab; false when it was not open. */
  public Future<Boolean> close(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID closedBy,
                               String reason) {
    return sql.preparedQuery("""
            UPDATE tabs SET status = 'closed', closed_at = now(), closed_by = $4, close_reason = $5
             WHERE tenant_id = $1 AND store_id = $2 AND id = $3 AND status = 'open'
            """)
        .execute(Tuple.of(tenantId, storeId, tabId, closedBy, reason))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Tab tab(Row row) {
    return new Tab(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("table_id"),
        "open".equals(row.getString("status")), row.getLong("cart_version"));
  }
}
