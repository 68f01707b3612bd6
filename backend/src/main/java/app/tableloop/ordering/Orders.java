package app.tableloop.ordering;

import app.tableloop.menu.PricedLine;
import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Orders and their items. */
public final class Orders {
  private static final String COLUMNS = "id, store_id, tab_id, table_id, number, status, head_count, notes,"
      + " total_fen, placed_by, placed_at, hurried_at, end_reason";

  /** An order placed earlier with the same idempotency key, and the hash of what was asked then. */
  public record Earlier(UUID orderId, byte[] requestHash) {
  }

  /** What placing an order writes. */
  public record NewOrder(UUID storeId, UUID tabId, UUID tableId, LocalDate businessDate, OrderStatus status,
                         int headCount, String notes, UUID placedBy, String idempotencyKey, byte[] requestHash,
                         List<PricedLine> lines, List<UUID> addedBy) {
    long totalFen() {
      return lines.stream().mapToLong(PricedLine::totalFen).sum();
    }
  }

  public Future<Optional<Earlier>> byIdempotencyKey(SqlClient sql, UUID tenantId, UUID storeId, String key) {
    return sql.preparedQuery("SELECT id, request_hash FROM orders"
            + " WHERE tenant_id = $1 AND store_id = $2 AND idempotency_key = $3")
        .execute(Tuple.of(tenantId, storeId, key))
        .map(rows -> Rows.first(rows, row -> new Earlier(row.getUUID("id"), row.getBuffer("request_hash").getBytes())));
  }

  public Future<UUID> insert(SqlClient sql, UUID tenantId, NewOrder order) {
    return nextNumber(sql, tenantId, order.storeId(), order.businessDate())
        .compose(number -> sql.preparedQuery("""
                INSERT INTO orders (tenant_id, store_id, tab_id, table_id, number, business_date, status, head_count,
                                    notes, total_fen, placed_by, idempotency_key, request_hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                RETURNING id
                """)
            .execute(Tuple.from(List.of(tenantId, order.storeId(), order.tabId(), order.tableId(),
                OrderNumber.of(number), order.businessDate(), order.status().wireName(), order.headCount(),
                Optional.ofNullable(order.notes()).orElse(""), order.totalFen(), order.placedBy(),
                order.idempotencyKey(), Buffer.buffer(order.requestHash())))))
        .map(rows -> rows.iterator().next().getUUID("id"))
        .compose(orderId -> insertItems(sql, tenantId, orderId, order).map(orderId));
  }

  public Future<Optional<Order>> find(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE tenant_id = $1 AND store_id = $2 AND id = $3")
        .execute(Tuple.of(tenantId, storeId, orderId))
        .compose(rows -> withItems(sql, tenantId, rows))
        .map(orders -> orders.stream().findFirst());
  }

  public Future<List<Order>> ofTab(SqlClient sql, UUID tenantId, UUID tabId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE tenant_id = $1 AND tab_id = $2"
            + " ORDER BY placed_at")
        .execute(Tuple.of(tenantId, tabId))
        .compose(rows -> withItems(sql, tenantId, rows));
  }

  /** The tab's orders still to be paid: not paid, cancelled or rejected, nor awaiting a payment of their own. */
  public Future<List<Order>> unpaidOfTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE tenant_id = $1 AND store_id = $2"
            + " AND tab_id = $3 AND paid_by IS NULL AND status IN ('placed', 'accepted', 'served') ORDER BY placed_at")
        .execute(Tuple.of(tenantId, storeId, tabId))
        .compose(rows -> withItems(sql, tenantId, rows));
  }

  /**
   * Marks all of {@code orderIds} paid by the payment, or none of them when one was paid otherwise, cancelled or
   * rejected meanwhile; answers whether they were marked.
   */
  public Future<Boolean> markPaid(SqlClient sql, UUID tenantId, List<UUID> orderIds, UUID paymentId) {
    return sql.preparedQuery("""
            UPDATE orders SET paid_by = $3
             WHERE tenant_id = $1 AND id = ANY($2) AND paid_by IS NULL
               AND (SELECT count(*) FROM orders
                     WHERE tenant_id = $1 AND id = ANY($2) AND paid_by IS NULL
                       AND status IN ('placed', 'accepted', 'served')) = cardinality($2)
            """)
        .execute(Tuple.tuple().addUUID(tenantId).addArrayOfUUID(orderIds.toArray(UUID[]::new)).addUUID(paymentId))
        .map(rows -> !orderIds.isEmpty() && rows.rowCount() == orderIds.size());
  }

  /** The store's orders in one of {@code statuses}, oldest first: the kitchen's feed. */
  public Future<List<Order>> ofStore(SqlClient sql, UUID tenantId, UUID storeId, Set<OrderStatus> statuses) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE tenant_id = $1 AND store_id = $2"
            + " AND status = ANY($3) ORDER BY placed_at LIMIT 500")
        .execute(Tuple.of(tenantId, storeId, statuses.stream().map(OrderStatus::wireName).toArray(String[]::new)))
        .compose(rows -> withItems(sql, tenantId, rows));
  }

  /** Moves an order from {@code from} to {@code to}, stamping the time; false when it was not in {@code from}. */
  public Future<Boolean> move(SqlClient sql, UUID tenantId, UUID orderId, OrderStatus from, OrderStatus to,
                              String reason) {
    return sql.preparedQuery("""
            UPDATE orders
               SET status = $4,
                   accepted_at = CASE WHEN $4 = 'accepted' THEN now() ELSE accepted_at END,
                   served_at = CASE WHEN $4 = 'served' THEN now() ELSE served_at END,
                   ended_at = CASE WHEN $4 IN ('rejected', 'cancelled') THEN now() ELSE ended_at END,
                   end_reason = coalesce($5, end_reason)
             WHERE tenant_id = $1 AND id = $2 AND status = $3
            """)
        .execute(Tuple.of(tenantId, orderId, from.wireName(), to.wireName(), reason))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Marks one item served; answers whether every item of the order is now served. */
  public Future<Optional<Boolean>> serveItem(SqlClient sql, UUID tenantId, UUID orderId, UUID itemId) {
    return sql.preparedQuery("""
            UPDATE order_items SET served_at = coalesce(served_at, now())
             WHERE tenant_id = $1 AND order_id = $2 AND id = $3
            """)
        .execute(Tuple.of(tenantId, orderId, itemId))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(Optional.<Boolean>empty())
            : sql.preparedQuery("SELECT bool_and(served_at IS NOT NULL) AS all_served FROM order_items"
                    + " WHERE tenant_id = $1 AND order_id = $2")
                .execute(Tuple.of(tenantId, orderId))
                .map(all -> Optional.of(all.iterator().next().getBoolean("all_served"))));
  }

  /** Records a hurry-up unless one came within {@code minutes}; false when it did. */
  public Future<Boolean> hurry(SqlClient sql, UUID tenantId, UUID orderId, int minutes) {
    return sql.preparedQuery("""
            UPDATE orders SET hurried_at = now()
             WHERE tenant_id = $1 AND id = $2 AND status IN ('placed', 'accepted')
               AND (hurried_at IS NULL OR hurried_at < now() - make_interval(mins => $3))
            """)
        .execute(Tuple.of(tenantId, orderId, minutes))
        .map(rows -> rows.rowCount() == 1);
  }

  private Future<Integer> nextNumber(SqlClient sql, UUID tenantId, UUID storeId, LocalDate businessDate) {
    return sql.preparedQuery("""
            INSERT INTO order_counters (tenant_id, store_id, business_date, last_number) VALUES ($1, $2, $3, 1)
            ON CONFLICT (store_id, business_date) DO UPDATE SET last_number = order_counters.last_number + 1
            RETURNING last_number
            """)
        .execute(Tuple.of(tenantId, storeId, businessDate))
        .map(rows -> rows.iterator().next().getInteger("last_number"));
  }

  private Future<Void> insertItems(SqlClient sql, UUID tenantId, UUID orderId, NewOrder order) {
    List<Tuple> items = new ArrayList<>();
    for (int i = 0; i < order.lines().size(); i++) {
      PricedLine line = order.lines().get(i);
      items.add(Tuple.of(tenantId, orderId, line.dish().id(), line.dish().name(),
          new JsonArray(line.choices().stream().map(choice -> choice.name()).toList()), line.unitPriceFen(),
          line.quantity(), order.addedBy().get(i)));
    }
    return sql.preparedQuery("""
            INSERT INTO order_items (tenant_id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity,
                                     added_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """)
        .executeBatch(items)
        .mapEmpty();
  }

  private Future<List<Order>> withItems(SqlClient sql, UUID tenantId, RowSet<Row> orderRows) {
    Map<UUID, Row> byId = new LinkedHashMap<>();
    orderRows.forEach(row -> byId.put(row.getUUID("id"), row));
    if (byId.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return sql.preparedQuery("""
            SELECT id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by, served_at
              FROM order_items WHERE tenant_id = $1 AND order_id = ANY($2) ORDER BY order_id, id
            """)
        .execute(Tuple.tuple().addUUID(tenantId).addArrayOfUUID(byId.keySet().toArray(UUID[]::new)))
        .map(itemRows -> {
          Map<UUID, List<Order.Item>> items = new LinkedHashMap<>();
          itemRows.forEach(row -> items.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>())
              .add(item(row)));
          return byId.values().stream().map(row -> order(row, items.getOrDefault(row.getUUID("id"), List.of())))
              .toList();
        });
  }

  private static Order order(Row row, Collection<Order.Item> items) {
    String notes = row.getString("notes");
    return new Order(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("tab_id"), row.getUUID("table_id"),
        row.getString("number"), OrderStatus.fromWireName(row.getString("status")).orElseThrow(),
        row.getInteger("head_count"), notes == null || notes.isEmpty() ? null : notes, row.getLong("total_fen"),
        row.getUUID("placed_by"), row.getOffsetDateTime("placed_at"), row.getOffsetDateTime("hurried_at"),
        row.getString("end_reason"), List.copyOf(items));
  }

  private static Order.Item item(Row row) {
    JsonArray choices = (JsonArray) row.getValue("choices");
    return new Order.Item(row.getUUID("id"), row.getUUID("dish_id"), row.getString("dish_name"),
        choices.stream().map(String::valueOf).toList(), row.getLong("unit_price_fen"), row.getInteger("quantity"),
        row.getUUID("added_by"), row.getOffsetDateTime("served_at"));
  }
}
