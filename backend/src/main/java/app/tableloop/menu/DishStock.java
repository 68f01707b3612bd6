package app.tableloop.menu;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Today's portions of dishes with a daily stock, taken by orders and given back when an order is cancelled. Each
 * call is one statement, so that it is correct however many orders race for the last portions: the row lock
 * serialises them and each sees what the one before it left. A dish with no stock for the day starts from its daily
 * stock on the first take of the day.
 */
public final class DishStock {
  /** Today's stock: what is left on the business day, else the daily stock (null: unlimited). */
  private static final String TODAY = "CASE WHEN stock_date = $4 THEN stock_left ELSE daily_stock END";
  private static final String TAKE = """
      WITH taken AS (
          UPDATE dishes
             SET stock_left = %1$s - $3, stock_date = $4
           WHERE tenant_id = $1 AND id = $2 AND active AND deleted_at IS NULL AND NOT sold_out
             AND (stock_date IS NULL OR stock_date <= $4)
             AND %1$s >= $3
          RETURNING store_id, stock_left
      )
      SELECT taken.store_id, taken.stock_left,
             (SELECT active AND deleted_at IS NULL AND NOT sold_out
                     AND (stock_date IS NULL OR stock_date <= $4) AND %1$s IS NULL
                FROM dishes WHERE tenant_id = $1 AND id = $2) AS unlimited
        FROM (SELECT 1) AS one LEFT JOIN taken ON true
      """.formatted(TODAY);

  private final MenuCache cache;

  public DishStock(MenuCache cache) {
    this.cache = cache;
  }

  /**
   * Takes {@code quantity} portions of today's stock. True when they were taken or the dish is unlimited today;
   * false when fewer are left, or the dish is sold out, hidden or unknown. Run it in the order's transaction: a
   * rollback puts the portions back.
   */
  public Future<Boolean> take(SqlClient sql, UUID tenantId, UUID dishId, int quantity, LocalDate businessDay) {
    if (quantity < 1) {
      return Future.failedFuture(new IllegalArgumentException("quantity must be at least 1, was " + quantity));
    }
    return sql.preparedQuery(TAKE)
        .execute(Tuple.of(tenantId, dishId, quantity, businessDay))
        .compose(rows -> {
          Row row = rows.iterator().next();
          UUID storeId = row.getUUID("store_id");
          if (storeId == null) {
            return Future.succeededFuture(Boolean.TRUE.equals(row.getBoolean("unlimited")));
          }
          return row.getInteger("stock_left") == 0 ? soldOutChanged(sql, storeId).map(true)
              : Future.succeededFuture(true);
        });
  }

  /**
   * Gives {@code quantity} portions back to the stock of {@code businessDay}; nothing happens for a dish unlimited
   * that day, or when that day is over (a new day starts from the daily stock anyway).
   */
  public Future<Void> giveBack(SqlClient sql, UUID tenantId, UUID dishId, int quantity, LocalDate businessDay) {
    if (quantity < 1) {
      return Future.failedFuture(new IllegalArgumentException("quantity must be at least 1, was " + quantity));
    }
    return sql.preparedQuery("""
            UPDATE dishes
               SET stock_left = stock_left + $3
             WHERE tenant_id = $1 AND id = $2 AND stock_date = $4 AND stock_left IS NOT NULL
            RETURNING store_id, stock_left
            """)
        .execute(Tuple.of(tenantId, dishId, quantity, businessDay))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          Row row = rows.iterator().next();
          return row.getInteger("stock_left") == quantity ? soldOutChanged(sql, row.getUUID("store_id"))
              : Future.succeededFuture();
        });
  }

  /**
   * The dish ran out or came back, so diners must see a new menu. The database bumps the store's menu version when
   * the transaction commits (a deferred trigger). Redis is told to forget its version now, and again once the
   * transaction commits, in case a reader put the old version back in between.
   */
  private Future<Void> soldOutChanged(SqlClient sql, UUID storeId) {
    if (sql instanceof SqlConnection connection && connection.transaction() != null) {
      connection.transaction().completion().onSuccess(committed -> cache.changedAtUnknownVersion(storeId));
    }
    return cache.changedAtUnknownVersion(storeId);
  }
}
