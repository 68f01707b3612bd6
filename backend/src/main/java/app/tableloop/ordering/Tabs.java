package app.tableloop.ordering;

import app.tableloop.platform.database.Rows;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
  // The statements a diner's every look and change runs, composed once: built on each call, the pool's statement
  // cache would hash and compare kilobytes of the same text every time.
  private static final String VIEW = viewStatement(false);
  private static final String VIEW_FOR_DINER = viewStatement(true);
  private static final String LOCK_FOR_DINER = "SELECT " + TAB_COLUMNS + ", (SELECT cart_version FROM tabs"
      + " WHERE tenant_id = $1 AND id = $3) AS seen_version, " + Stores.columns("s", STORE) + ", "
      + DiningTables.columns("d", TABLE) + ", " + contents("t.id", "$6", "$7") + ", earlier.* FROM tabs t "
      + dinerJoin("$4")
      + " JOIN stores s ON s.tenant_id = $1 AND s.id = t.store_id"
      + " JOIN dining_tables d ON d.tenant_id = $1 AND d.id = t.table_id " + Orders.earlierJoin("$5")
      + " WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3 FOR UPDATE OF t";
  private static final String CONTENTS_AGAIN = "SELECT " + contents("$3", "$5", "$6")
      + ", earlier.* FROM (SELECT 1) AS one " + Orders.earlierJoin("$4");
  private static final String BUMP_CART = """
      WITH seated AS (
          SELECT t.id, t.status = 'open' AS open FROM tabs t\s""" + dinerJoin("$4") + """

           WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3
      ), bumped AS (
          UPDATE tabs SET cart_version = cart_version + 1, last_activity_at = now()
           WHERE tenant_id = $1 AND id = (SELECT id FROM seated) AND status = 'open'
             AND ($5::bigint IS NULL OR cart_version = $5)
          RETURNING cart_version
      )
      SELECT seated.open, bumped.cart_version AS bumped_version,\s""" + TAB_COLUMNS + ", "
      + Stores.columns("s", STORE) + ", " + contents("t.id", "$6", "$7") + """

        FROM seated
        LEFT JOIN bumped ON true
        JOIN tabs t ON t.tenant_id = $1 AND t.id = seated.id
        JOIN stores s ON s.tenant_id = $1 AND s.id = t.store_id
      """;
  private static final String FIND_FOR_DINER = "SELECT " + TAB_COLUMNS + " FROM tabs t " + dinerJoin("$4")
      + " WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3";

  private final TabOrders tabOrders;

  /** A tab as its diners see it, with what that is made of: its store, its cart's lines and its orders. */
  record View(Tab tab, Store store, List<CartLine> lines, List<Order> orders) {
  }

  /**
   * A tab locked for placing an order, with its store and table, its cart lines and orders, and the order placed
   * earlier with the submit's key.
   */
  record Locked(Tab tab, Store store, DiningTable table, List<CartLine> lines, TabOrders.Known read,
                Optional<Orders.Earlier> earlier) {
    List<Order> orders() {
      return read.orders();
    }
  }

  /**
   * A diner's change of the cart: whether the tab was open and, unless the change was refused, the tab as the change
   * applies to it (at the cart's new version).
   */
  record Bump(boolean open, Optional<View> view) {
  }

  Tabs(TabOrders tabOrders) {
    this.tabOrders = tabOrders;
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
    TabOrders.Known known = tabOrders.known(tabId);
    return sql.preparedQuery(diner.isPresent() ? VIEW_FOR_DINER : VIEW)
        .execute(diner.isPresent()
            ? Tuple.of(tenantId, storeId, tabId, diner.get(), known.horizon(), known.includedArray())
            : Tuple.of(tenantId, storeId, tabId, known.horizon(), known.includedArray()))
        .map(rows -> Rows.first(rows, row -> new View(tab(row), Stores.store(row, STORE), lines(row),
            orders(tabId, known, row).orders())));
  }

  /**
   * The store's tab, if {@code userId} is one of its diners, locked for the rest of the transaction (placing an
   * order reads and empties its cart), with its store and table, its cart and orders, and the order of the store
   * placed earlier with {@code key}. What a statement reads besides the row it locks is as it was when the statement
   * began: when the tab changed while the lock was awaited (its cart's version moved; a submit's twin, say, placed
   * the order), its cart, orders and key are read again, so that the submit sees what the twin did.
   */
  Future<Optional<Locked>> lockForDiner(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId,
                                        String key) {
    TabOrders.Known known = tabOrders.known(tabId);
    return sql.preparedQuery(LOCK_FOR_DINER)
        .execute(Tuple.of(tenantId, storeId, tabId, userId, key, known.horizon(), known.includedArray()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row row = rows.iterator().next();
          Tab tab = tab(row);
          Store store = Stores.store(row, STORE);
          DiningTable table = DiningTables.table(row, TABLE);
          if (tab.cartVersion() == row.getLong("seen_version")) {
            return Future.succeededFuture(Optional.of(new Locked(tab, store, table, lines(row),
                orders(tabId, known, row), Orders.earlier(row))));
          }
          return sql.preparedQuery(CONTENTS_AGAIN)
              .execute(Tuple.of(tenantId, storeId, tabId, key, known.horizon(), known.includedArray()))
              .map(again -> {
                Row now = again.iterator().next();
                return Optional.of(new Locked(tab, store, table, lines(now), orders(tabId, known, now),
                    Orders.earlier(now)));
              });
        });
  }

  /**
   * A diner's change of the cart: moves the cart to its next version if it is still at {@code expected} (or at any
   * version when null) and the tab open, and reads the tab as the change applies to it. Empty when {@code userId}
   * is not one of the store's tab's diners. The update waits for the tab's lock, the reads are as they were when the
   * statement began: when another change came in between (the version moved by more than this one), the tab is read
   * again.
   */
  Future<Optional<Bump>> bumpCart(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId,
                                  Long expected) {
    TabOrders.Known known = tabOrders.known(tabId);
    return sql.preparedQuery(BUMP_CART)
        .execute(Tuple.of(tenantId, storeId, tabId, userId, expected, known.horizon(), known.includedArray()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row row = rows.iterator().next();
          boolean open = row.getBoolean("open");
          Long bumped = row.getLong("bumped_version");
          Tab seen = tab(row);
          if (bumped == null) {
            return Future.succeededFuture(Optional.of(new Bump(open, Optional.empty())));
          }
          if (bumped == seen.cartVersion() + 1) {
            return Future.succeededFuture(Optional.of(new Bump(open, Optional.of(new View(
                new Tab(seen.id(), seen.storeId(), seen.tableId(), true, bumped), Stores.store(row, STORE),
                lines(row), orders(tabId, known, row).orders())))));
          }
          return view(sql, tenantId, storeId, tabId, Optional.empty()).map(now -> Optional.of(new Bump(open, now)));
        });
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

  /** The store's open tabs, oldest first, each with its table, what it owes and its orders awaiting payment. */
  public Future<List<OpenTab>> open(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("""
            SELECT t.id, t.table_id, d.code AS table_code, d.name AS table_name, t.opened_at,
                   coalesce(sum(o.total_fen) FILTER (WHERE o.paid_by IS NULL
                                                       AND o.status IN ('placed', 'accepted', 'served')), 0) AS due_fen,
                   coalesce(json_agg(json_build_object('id', o.id, 'number', o.number, 'total_fen', o.total_fen)
                                     ORDER BY o.placed_at) FILTER (WHERE o.status = 'awaiting_payment'),
                            '[]') AS awaiting_payment
              FROM tabs t
              JOIN dining_tables d ON d.tenant_id = t.tenant_id AND d.id = t.table_id
              LEFT JOIN orders o ON o.tenant_id = t.tenant_id AND o.tab_id = t.id
             WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.status = 'open'
             GROUP BY t.id, d.code, d.name
             ORDER BY t.opened_at
            """)
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.stream().map(Tabs::openTab).toList());
  }

  private static OpenTab openTab(Row row) {
    JsonArray awaiting = (JsonArray) row.getValue("awaiting_payment");
    return new OpenTab(row.getUUID("id"), row.getUUID("table_id"), row.getString("table_code"),
        row.getString("table_name"), row.getOffsetDateTime("opened_at"), row.getLong("due_fen"),
        awaiting.stream().map(JsonObject.class::cast).map(order -> new OpenTab.AwaitingPayment(
            UUID.fromString(order.getString("id")), order.getString("number"), order.getLong("total_fen"))).toList());
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
    return sql.preparedQuery(FIND_FOR_DINER)
        .execute(Tuple.of(tenantId, storeId, tabId, userId))
        .map(rows -> Rows.first(rows, Tabs::tab));
  }

  /** The store's tab with its store, cart and orders; joined to the diner {@code $4} when {@code forDiner}. */
  private static String viewStatement(boolean forDiner) {
    return "SELECT " + TAB_COLUMNS + ", " + Stores.columns("s", STORE) + ", "
        + contents("t.id", forDiner ? "$5" : "$4", forDiner ? "$6" : "$5") + " FROM tabs t "
        + (forDiner ? dinerJoin("$4") : "")
        + " JOIN stores s ON s.tenant_id = $1 AND s.id = t.store_id"
        + " WHERE t.tenant_id = $1 AND t.store_id = $2 AND t.id = $3";
  }

  private static List<CartLine> lines(Row row) {
    return Carts.lines((JsonArray) row.getValue("lines"));
  }

  /**
   * The tab {@code tab}'s cart lines and its orders changed since the horizon {@code since} but by the transactions
   * {@code included} (SQL), as JSON, with this read's horizon; {@link #lines} and {@link #orders} read them.
   */
  private static String contents(String tab, String since, String included) {
    return Carts.linesJson(tab) + " AS lines, " + Orders.ofTabJson(tab, since, included) + " AS orders, "
        + Orders.HORIZON + " AS orders_horizon, " + Orders.changedHere(tab) + " AS orders_changed_here";
  }

  /**
   * The tab's orders are {@code orders} since this instance's transaction {@code transaction} committed, which
   * locked the tab as {@code locked} and changed them.
   */
  void committed(Locked locked, String transaction, List<Order> orders) {
    tabOrders.committed(locked.tab().id(), locked.read(), transaction, orders);
  }

  /** The tab's orders: those {@code known} before, with those the row read since. */
  private TabOrders.Known orders(UUID tabId, TabOrders.Known known, Row row) {
    return tabOrders.update(tabId, known, row.getString("orders_horizon"),
        Orders.orders((JsonArray) row.getValue("orders")), !row.getBoolean("orders_changed_here"));
  }

  private static Tab tab(Row row) {
    return new Tab(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("table_id"),
        "open".equals(row.getString("status")), row.getLong("cart_version"));
  }
}
