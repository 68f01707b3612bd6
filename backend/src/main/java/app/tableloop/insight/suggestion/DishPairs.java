package app.tableloop.insight.suggestion;

import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps "常一起点" current: each paid order adds one to every pair of distinct dishes it held, at its store. An order
 * is counted once (its row in dish_pair_orders), however many payments paid it or however often their events come;
 * the relay runs this in the transaction that marks the event handled.
 */
public final class DishPairs implements EventHandler {
  static final String ORDER_PAID = "order.paid";
  static final String TAB_PAID = "tab.paid";

  @Override
  public String name() {
    return "insight-dish-pairs";
  }

  @Override
  public Set<String> topics() {
    return Set.of(ORDER_PAID, TAB_PAID);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    return count(sql, event.tenantId(), event.ids("order_id", "order_ids"));
  }

  /**
   * Counts these paid orders' pairs (those not counted before), in the caller's transaction: the handler's work, and
   * the demo's for the past meals it writes without events.
   */
  public static Future<Void> count(SqlClient sql, UUID tenantId, List<UUID> orderIds) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture();
    }
    // Pairs are written in key order, so that two payments counted at once lock their rows in the same order.
    return sql.preparedQuery("""
            WITH counted AS (
                INSERT INTO dish_pair_orders (order_id, tenant_id)
                SELECT o.id, o.tenant_id FROM orders o
                 WHERE o.tenant_id = $1 AND o.id = ANY($2) AND o.paid_by IS NOT NULL
                ON CONFLICT (order_id) DO NOTHING
                RETURNING order_id),
            items AS (
                SELECT DISTINCT o.store_id, i.order_id, i.dish_id
                  FROM counted c
                  JOIN orders o ON o.tenant_id = $1 AND o.id = c.order_id
                  JOIN order_items i ON i.tenant_id = $1 AND i.order_id = c.order_id)
            INSERT INTO dish_pairs (tenant_id, store_id, dish_id, with_dish_id, orders)
            SELECT $1, a.store_id, a.dish_id, b.dish_id, count(*)
              FROM items a JOIN items b ON b.order_id = a.order_id AND b.dish_id <> a.dish_id
             GROUP BY a.store_id, a.dish_id, b.dish_id
             ORDER BY a.store_id, a.dish_id, b.dish_id
            ON CONFLICT (store_id, dish_id, with_dish_id) DO UPDATE SET orders = dish_pairs.orders + excluded.orders
            """)
        .execute(Tuple.of(tenantId).addArrayOfUUID(orderIds.toArray(UUID[]::new)))
        .mapEmpty();
  }
}
