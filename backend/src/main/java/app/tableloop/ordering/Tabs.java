package app.tableloop.ordering;

import app.tableloop.platform.database.Rows;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tabs, the diners who joined them, and their carts' versions. */
public final class Tabs {
  private static final String COLUMNS = "id, store_id, table_id, status, cart_version";
  private static final String TAB_COLUMNS = "t.id, t.store_id, t.table_id, t.status, t.cart_version";
  private static final String STORE = "s_";
  private static final String TABLE = "d_";

  /** A tab as its diners see it, with what that is made of: its store, its cart's lines and its orders. */
  record View(Tab tab, Store store, List<CartLine> lines, List<Order> orders) {
  }

  /** A tab locked for placing an order, with its store and table. */
  record Locked(Tab tab, Store store, DiningTable table) {
  }

  /** A locked tab's cart lines and orders, and the order placed earlier with the submit's key. */
  record Contents(List<CartLine> lines, List<Order> orders, Optional<Orders.Earlier> earlier) {
  }

  /** A diner's change of the cart counted: the tab's state, and the cart's new version unless it was refused. */
  record Bump(boolean open, Optional<Long> version) {
  }

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

  /**
   * The store's tab with its store, cart lines and orders, in one statement; only if {@code diner} is one of its
   * diners, when given.
   */
  Future<Optional<View>> view(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, Optional<UUID> diner) {
    return sql.preparedQuery("SELECT " + TAB_COLUMNS + ", " + Stores.columns("s", STORE) + ", "
            + Carts.linesJson("t.id") + " AS lines, " + Orders.ofTabJson("t.id") + " AS orders FROM tabs t "
            + (diner.isPresent() ? dinerJoin("$4") : "")
            + " JOIN stores s ON s.tenant_id = $1 AND s.id = t.store_id"
            + " WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3")
        .execute(diner.isPresent() ? Tuple.of(tenantId, storeId, tabId, diner.get())
            : Tuple.of(tenantId, storeId, tabId))
        .map(rows -> Rows.first(rows, row -> new View(tab(row), Stores.store(row, STORE),
            Carts.lines((JsonArray) row.getValue("lines")), Orders.orders((JsonArray) row.getValue("orders")))));
  }

  /**
   * The store's tab, if {@code userId} is one of its diners, locked for the rest of the transaction (placing an
   * order reads and empties its cart), with its store and table.
   */
  Future<Optional<Locked>> lockForDiner(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId) {
    return sql.preparedQuery("SELECT " + TAB_COLUMNS + ", " + Stores.columns("s", STORE) + ", "
            + DiningTables.columns("d", TABLE) + " FROM tabs t " + dinerJoin("$4")
            + " JOIN stores s ON s.tenant_id = $1 AND s.id = t.store_id"
            + " JOIN dining_tables d ON d.tenant_id = $1 AND d.id = t.table_id"
            + " WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3 FOR UPDATE OF t")
        .execute(Tuple.of(tenantId, storeId, tabId, userId))
        .map(rows -> Rows.first(rows, row -> new Locked(tab(row), Stores.store(row, STORE),
            DiningTables.table(row, TABLE))));
  }

  /**
   * The cart lines and orders of a tab this transaction locked, and the order of the store placed earlier with
   * {@code key}. Read after the lock, so that a submit that waited for it sees what its twin did meanwhile.
   */
  Future<Contents> contents(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, String key) {
    return sql.preparedQuery("SELECT " + Carts.linesJson("$3") + " AS lines, " + Orders.ofTabJson("$3")
            + " AS orders, earlier.* FROM (SELECT 1) AS one " + Orders.earlierJoin("$4"))
        .execute(Tuple.of(tenantId, storeId, tabId, key))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Contents(Carts.lines((JsonArray) row.getValue("lines")),
              Orders.orders((JsonArray) row.getValue("orders")), Orders.earlier(row));
        });
  }

  /**
   * A diner's change of the cart: moves the cart to its next version if it is still at {@code expected} (or at any
   * version when null) and the tab open. Empty when {@code userId} is not one of the store's tab's diners.
   */
  Future<Optional<Bump>> bumpCart(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId,
                                  Long expected) {
    return sql.preparedQuery("""
            WITH seated AS (
                SELECT t.id, t.status = 'open' AS open FROM tabs t\s""" + dinerJoin("$4") + """

                 WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3
            ), bumped AS (
                UPDATE tabs SET cart_version = cart_version + 1, last_activity_at = now()
                 WHERE tenant_id = $1 AND id = (SELECT id FROM seated) AND status = 'open'
                   AND ($5::bigint IS NULL OR cart_version = $5)
                RETURNING cart_version
            )
            SELECT seated.open, bumped.cart_version FROM seated LEFT JOIN bumped ON true
            """)
        .execute(Tuple.of(tenantId, storeId, tabId, userId, expected))
        .map(rows -> Rows.first(rows, row -> new Bump(row.getBoolean("open"),
            Optional.ofNullable(row.getLong("cart_version")))));
  }

  /** Joins a tab {@code t} to its diner {@code userId} (SQL): the diner check, for statements that read more. */
  static String dinerJoin(String userId) {
    return "JOIN tab_diners td ON td.tenant_id = $1 AND td.tab_id = t.id AND td.user_id = " + userId;
  }

  public Future<Boolean> isDiner(SqlClient sql, UUID tenantId, UUID tabId, UUID userId) {
    return sql.preparedQuery("SELECT 1 FROM tab_diners WHERE tenant_id = $1 AND tab_id = $2 AND user_id = $3")
        .execute(Tuple.of(tenantId, tabId, userId))
        .map(rows -> rows.size() == 1);
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

  /** The store's tab, if {@code userId} is one of its diners. */
  Future<Optional<Tab>> findForDiner(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId) {
    return sql.preparedQuery("SELECT " + TAB_COLUMNS + " FROM tabs t " + dinerJoin("$4")
            + " WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3")
        .execute(Tuple.of(tenantId, storeId, tabId, userId))
        .map(rows -> Rows.first(rows, Tabs::tab));
  }

  private static Tab tab(Row row) {
    return new Tab(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("table_id"),
        "open".equals(row.getString("status")), row.getLong("cart_version"));
  }
}
