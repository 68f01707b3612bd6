package app.tableloop.menu;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Today's portions of dishes with a daily stock, taken by orders and given back when an order is cancelled. Each
 * call is one statement, so that it is correct however many orders race for the last portions: the row lock
 * serialises them and each sees what the one before it left. A dish with no stock for the day starts from its daily
 * stock on the first take of the day.
 */
public final class DishStock {
  /**
   * Today's stock of the dish {@code d}: what is left on the business day $4, else the daily stock (null:
   * unlimited).
   */
  private static final String TODAY = "CASE WHEN d.stock_date = $4 THEN d.stock_left ELSE d.daily_stock END";
  /**
   * Takes the portions ($3) of the dishes ($2) in one statement. The dishes with a stock are locked first, in id
   * order, so that two orders of the same dishes never wait for each other in a cycle; a locked dish is then updated
   * with what the order before it left. Answers each dish, in id order: taken, or unlimited and on sale.
   */
  private static final String TAKE = """
      WITH wanted AS (
          SELECT w.id, w.quantity FROM unnest($2::uuid[], $3::integer[]) AS w (id, quantity)
      ), locked AS MATERIALIZED (
          SELECT d.id FROM dishes d
           WHERE d.tenant_id = $1 AND d.id = ANY($2) AND %1$s IS NOT NULL
           ORDER BY d.id
             FOR UPDATE
      ), taken AS (
          UPDATE dishes d
             SET stock_left = %1$s - w.quantity, stock_date = $4
            FROM locked l JOIN wanted w ON w.id = l.id
           WHERE d.tenant_id = $1 AND d.id = l.id AND d.active AND d.deleted_at IS NULL AND NOT d.sold_out
             AND (d.stock_date IS NULL OR d.stock_date <= $4)
             AND %1$s >= w.quantity
          RETURNING d.id, d.store_id, d.stock_left
      )
      SELECT w.id, taken.store_id, taken.stock_left,
             taken.id IS NOT NULL OR coalesce(d.active AND d.deleted_at IS NULL AND NOT d.sold_out
                 AND (d.stock_date IS NULL OR d.stock_date <= $4) AND %1$s IS NULL, false) AS taken
        FROM wanted w
        LEFT JOIN taken ON taken.id = w.id
        LEFT JOIN dishes d ON d.tenant_id = $1 AND d.id = w.id
       ORDER BY w.id
      """.formatted(TODAY);

  private final MenuCache cache;
  private final Database database;

  public DishStock(MenuCache cache, Database database) {
    this.cache = cache;
    this.database = database;
  }

  /**
   * Takes {@code quantity} portions of today's stock. True when they were taken or the dish is unlimited today;
   * false when fewer are left, or the dish is sold out, hidden or unknown. Run it in the order's transaction: a
   * rollback puts the portions back.
   */
  public Future<Boolean> take(SqlClient sql, UUID tenantId, UUID dishId, int quantity, LocalDate businessDay) {
    return take(sql, tenantId, Map.of(dishId, quantity), businessDay).map(Optional::isEmpty);
  }

  /**
   * Takes the portions of several dishes (dish → portions) as {@link #take(SqlClient, UUID, UUID, int, LocalDate)}
   * takes one, in one statement. Answers the first dish, in id order, whose portions could not be taken (the caller
   * rolls the transaction back), or empty when all were.
   */
  public Future<Optional<UUID>> take(SqlClient sql, UUID tenantId, Map<UUID, Integer> portions,
                                     LocalDate businessDay) {
    if (portions.values().stream().anyMatch(quantity -> quantity < 1)) {
      return Future.failedFuture(new IllegalArgumentException("quantities must be at least 1: " + portions));
    }
    List<UUID> dishes = List.copyOf(portions.keySet());
    return sql.preparedQuery(TAKE)
        .execute(Tuple.of(tenantId, dishes.toArray(UUID[]::new),
            dishes.stream().map(portions::get).toArray(Integer[]::new), businessDay))
        .compose(rows -> {
          Set<UUID> soldOutStores = new HashSet<>();
          for (Row row : rows) {
            if (!row.getBoolean("taken")) {
              return Future.succeededFuture(Optional.of(row.getUUID("id")));
            }
            if (Integer.valueOf(0).equals(row.getInteger("stock_left"))) {
              soldOutStores.add(row.getUUID("store_id"));
            }
          }
          return Future.all(soldOutStores.stream().map(store -> soldOutChanged(sql, store)).toList())
              .map(Optional.<UUID>empty());
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
    database.afterCommit(sql, () -> cache.changedAtUnknownVersion(storeId));
    return cache.changedAtUnknownVersion(storeId);
  }
}
