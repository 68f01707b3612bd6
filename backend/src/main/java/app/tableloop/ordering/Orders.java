package app.tableloop.ordering;

import app.tableloop.menu.OptionChoice;
import app.tableloop.menu.PricedLine;
import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders and their items. */
public final class Orders {
  /**
   * An order with its items (by id), as one JSON object: every reader maps this one shape. {@code $1} is the tenant,
   * {@code o} the order's row. It reads payment's tables too (the paying payment, the order's refunds, an open WeChat
   * payment), so that every answer and live message carrying an order says its payment state, with no second read.
   * Each of those reads goes by the order's own indexes (payments_by_order, payment_orders_by_order, refunds_by_order):
   * an OR across the two ways a payment names its order would let the planner scan every pending payment instead.
   */
  private static final String ORDER_JSON = """
      json_build_object('id', o.id, 'store_id', o.store_id, 'tab_id', o.tab_id, 'table_id', o.table_id,
          'number', o.number, 'status', o.status, 'head_count', o.head_count, 'notes', o.notes,
          'total_fen', o.total_fen, 'placed_by', o.placed_by, 'placed_at', o.placed_at, 'hurried_at', o.hurried_at,
          'end_reason', o.end_reason, 'discount_fen', o.discount_fen, 'adjustments', o.adjustments,
          'paid_by', (SELECT json_build_object('method', p.method, 'paid_at', p.paid_at)
                        FROM payments p WHERE p.tenant_id = $1 AND p.id = o.paid_by),
          'refunded_fen', (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r
                            WHERE r.tenant_id = $1 AND r.order_id = o.id AND r.cause = 'requested'
                              AND r.status = 'succeeded'),
          'wechat_pending', o.paid_by IS NULL AND o.status IN ('awaiting_payment', 'placed', 'accepted', 'served')
              AND (EXISTS (SELECT 1 FROM payments p
                            WHERE p.tenant_id = $1 AND p.order_id = o.id AND p.method = 'wechat'
                              AND p.status = 'pending')
                   OR EXISTS (SELECT 1 FROM payment_orders po
                                JOIN payments p ON p.tenant_id = po.tenant_id AND p.id = po.payment_id
                               WHERE po.tenant_id = $1 AND po.order_id = o.id AND p.method = 'wechat'
                                 AND p.status = 'pending')),
          'items', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'dish_id', i.dish_id,
                                                 'dish_name', i.dish_name, 'choices', i.choices,
                                                 'unit_price_fen', i.unit_price_fen, 'quantity', i.quantity,
                                                 'added_by', i.added_by, 'served_at', i.served_at)
                                             ORDER BY i.id), '[]')
                      FROM order_items i WHERE i.tenant_id = $1 AND i.order_id = o.id))""";
  /** The horizon of the statement's snapshot (SQL, as text): every transaction older than it had ended. */
  static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text";
  /**
   * Whether this very transaction changed one of the tab {@code %s}'s orders (SQL): what it reads then is not yet
   * committed, and may never be.
   */
  private static final String CHANGED_HERE = "EXISTS (SELECT 1 FROM order_changes c WHERE c.tenant_id = $1"
      + " AND c.tab_id = %s AND c.changed_in = pg_current_xact_id_if_assigned())";
  /** The order placed earlier in the store with the key {@code %s}; {@code $1} is the tenant, {@code $2} the store. */
  private static final String EARLIER = "SELECT e.id AS earlier_id, e.request_hash AS earlier_hash FROM orders e"
      + " WHERE e.tenant_id = $1 AND e.store_id = $2 AND e.idempotency_key = %s";
  /**
   * The short number the kitchen calls out and the diner watches for, from the day's count {@code n} of the store:
   * A001 to A999, then B001; past Z999 it is null, which the orders table refuses.
   */
  private static final String NUMBER = "CASE WHEN n.last_number <= 26 * 999"
      + " THEN chr(ascii('A') + (n.last_number - 1) / 999) || lpad(((n.last_number - 1) % 999 + 1)::text, 3, '0')"
      + " END";
  /** PostgreSQL orders uuids as unsigned bytes; items answered from memory come in the order a read gives them. */
  private static final Comparator<Order.Item> BY_ID = Comparator
      .comparing((Order.Item item) -> item.id().getMostSignificantBits(), Long::compareUnsigned)
      .thenComparing(item -> item.id().getLeastSignificantBits(), Long::compareUnsigned);

  /** An order placed earlier with the same idempotency key, and the hash of what was asked then. */
  public record Earlier(UUID orderId, byte[] requestHash) {
  }

  /** What placing an order writes; its id is chosen first, so that what the order uses up can name it. */
  public record NewOrder(UUID id, UUID storeId, UUID tabId, UUID tableId, LocalDate businessDate, OrderStatus status,
                         int headCount, String notes, UUID placedBy, String idempotencyKey, byte[] requestHash,
                         List<PricedLine> lines, List<UUID> addedBy, List<OrderAdjustment> adjustments) {
    long discountFen() {
      return adjustments.stream().mapToLong(OrderAdjustment::amountFen).sum();
    }

    long totalFen() {
      return lines.stream().mapToLong(PricedLine::totalFen).sum() - discountFen();
    }
  }

  /**
   * The tab's orders changed since the snapshot horizon {@code since} (all of them when it is NULL) by other
   * transactions than {@code included}, oldest first, as a JSON array; {@code tabId}, {@code since} (the horizon as
   * text) and {@code included} (text[]) are SQL, $1 the tenant. See {@link TabOrders}.
   * The orders are found by id, from the tab's notes or its orders: scanning a long tab's orders to keep the few
   * changed would cost what reading them all does.
   */
  static String ofTabJson(String tabId, String since, String included) {
    return "(SELECT coalesce(json_agg(" + ORDER_JSON + " ORDER BY o.placed_at), '[]') FROM orders o"
        + " WHERE o.tenant_id = $1 AND o.id = ANY (CASE WHEN " + since + "::text IS NULL"
        + " THEN ARRAY(SELECT a.id FROM orders a WHERE a.tenant_id = $1 AND a.tab_id = " + tabId + ")"
        + " ELSE ARRAY(SELECT c.order_id FROM order_changes c WHERE c.tenant_id = $1 AND c.tab_id = " + tabId
        + " AND c.changed_in >= " + since + "::text::xid8 AND c.changed_in <> ALL (" + included
        + "::text[]::xid8[])) END))";
  }

  /** Whether this transaction changed one of the tab's orders; {@code tabId} is the SQL naming the tab. */
  static String changedHere(String tabId) {
    return CHANGED_HERE.formatted(tabId);
  }

  /** The columns {@link #earlier(Row)} reads, for the key the SQL {@code key} names. */
  static String earlierJoin(String key) {
    return "LEFT JOIN (" + EARLIER.formatted(key) + ") AS earlier ON true";
  }

  public Future<Optional<Earlier>> byIdempotencyKey(SqlClient sql, UUID tenantId, UUID storeId, String key) {
    return sql.preparedQuery("SELECT earlier.* FROM (SELECT 1) AS one " + earlierJoin("$3"))
        .execute(Tuple.of(tenantId, storeId, key))
        .map(rows -> earlier(rows.iterator().next()));
  }

  /** An order as its placement wrote it, and the transaction that did (as text). */
  record Inserted(Order order, String transaction) {
  }

  /**
   * Numbers and writes the order with its items, in one statement that takes the store's day counter last: its row
   * lock, which every order of the store waits for, is held from here to the commit only. Answers the order as a
   * read would, without reading it, and the transaction's id.
   */
  Future<Inserted> insert(SqlClient sql, UUID tenantId, NewOrder order) {
    UUID orderId = order.id();
    List<Order.Item> items = new ArrayList<>();
    List<String> choices = new ArrayList<>();
    for (int i = 0; i < order.lines().size(); i++) {
      PricedLine line = order.lines().get(i);
      List<String> names = line.choices().stream().map(OptionChoice::name).toList();
      items.add(new Order.Item(UUID.randomUUID(), line.dish().id(), line.dish().name(), names, line.unitPriceFen(),
          line.quantity(), order.addedBy().get(i), null));
      choices.add(new JsonArray(names).encode());
    }
    String notes = Optional.ofNullable(order.notes()).orElse("");
    return sql.preparedQuery("""
            WITH n AS (
                INSERT INTO order_counters (tenant_id, store_id, business_date, last_number) VALUES ($1, $3, $6, 1)
                ON CONFLICT (store_id, business_date) DO UPDATE SET last_number = order_counters.last_number + 1
                RETURNING last_number
            ), placed AS (
                INSERT INTO orders (id, tenant_id, store_id, tab_id, table_id, number, business_date, status,
                                    head_count, notes, total_fen, placed_by, idempotency_key, request_hash,
                                    discount_fen, adjustments)
                SELECT $2::uuid, $1::uuid, $3::uuid, $4::uuid, $5::uuid,\s""" + NUMBER + """
                       , $6::date, $7::text, $8::integer, $9::text, $10::bigint, $11::uuid, $12::text, $13::bytea,
                       $21::bigint, $22::jsonb
                  FROM n
                RETURNING number, placed_at
            ), items AS (
                INSERT INTO order_items (id, tenant_id, order_id, dish_id, dish_name, choices, unit_price_fen,
                                         quantity, added_by)
                SELECT i.id, $1, $2, i.dish_id, i.dish_name, i.choices::jsonb, i.unit_price_fen, i.quantity,
                       i.added_by
                  FROM unnest($14::uuid[], $15::uuid[], $16::text[], $17::text[], $18::bigint[], $19::integer[],
                              $20::uuid[]) AS i (id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by)
            )
            SELECT number, placed_at, pg_current_xact_id()::text AS written_in FROM placed
            """)
        .execute(Tuple.from(List.of(tenantId, orderId, order.storeId(), order.tabId(), order.tableId(),
            order.businessDate(), order.status().wireName(), order.headCount(), notes, order.totalFen(),
            order.placedBy(), order.idempotencyKey(), Buffer.buffer(order.requestHash()),
            items.stream().map(Order.Item::id).toArray(UUID[]::new),
            items.stream().map(Order.Item::dishId).toArray(UUID[]::new),
            items.stream().map(Order.Item::dishName).toArray(String[]::new),
            choices.toArray(String[]::new),
            items.stream().map(Order.Item::unitPriceFen).toArray(Long[]::new),
            items.stream().map(Order.Item::quantity).toArray(Integer[]::new),
            items.stream().map(Order.Item::addedBy).toArray(UUID[]::new), order.discountFen(),
            adjustmentsJson(order.adjustments()))))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Inserted(new Order(orderId, order.storeId(), order.tabId(), order.tableId(),
              row.getString("number"), order.status(), order.headCount(), notes.isEmpty() ? null : notes,
              order.totalFen(), order.placedBy(), row.getOffsetDateTime("placed_at"), null, null,
              OrderPayment.unpaid(), items.stream().sorted(BY_ID).toList(), order.discountFen(), order.adjustments()),
              row.getString("written_in"));
        });
  }

  public Future<Optional<Order>> find(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId) {
    return select(sql, "o.tenant_id = $1 AND o.store_id = $2 AND o.id = $3", Tuple.of(tenantId, storeId, orderId))
        .map(orders -> orders.stream().findFirst());
  }

  public Future<List<Order>> ofTab(SqlClient sql, UUID tenantId, UUID tabId) {
    return select(sql, "o.tenant_id = $1 AND o.tab_id = $2 ORDER BY o.placed_at", Tuple.of(tenantId, tabId));
  }

  /** The tab's orders still to be paid: not paid, cancelled or rejected, nor awaiting a payment of their own. */
  public Future<List<Order>> unpaidOfTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId) {
    return select(sql, "o.tenant_id = $1 AND o.store_id = $2 AND o.tab_id = $3 AND o.paid_by IS NULL"
        + " AND o.status IN ('placed', 'accepted', 'served') ORDER BY o.placed_at", Tuple.of(tenantId, storeId, tabId));
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

  /**
   * An order awaiting payment, placed and marked paid by {@code paymentId} in one statement that answers it as it is
   * now (one new row version, one change noted, nothing read again); empty when it no longer awaited payment.
   */
  public Future<Optional<Order>> placePaid(SqlClient sql, UUID tenantId, UUID orderId, UUID paymentId) {
    return sql.preparedQuery("UPDATE orders o SET status = 'placed', paid_by = $3"
            + " WHERE o.tenant_id = $1 AND o.id = $2 AND o.status = 'awaiting_payment'"
            + " RETURNING " + ORDER_JSON + " AS order_json")
        .execute(Tuple.of(tenantId, orderId, paymentId))
        .map(rows -> Rows.first(rows, row -> order((JsonObject) row.getValue("order_json"))));
  }

  /**
   * The store's orders the kitchen works on (placed or accepted), oldest first: its feed. The statuses are written
   * as the partial index {@code orders_live_by_store} names them, so that a generic plan uses it too.
   */
  public Future<List<Order>> inKitchen(SqlClient sql, UUID tenantId, UUID storeId) {
    return select(sql, "o.tenant_id = $1 AND o.store_id = $2 AND o.status IN ('placed', 'accepted')"
        + " ORDER BY o.placed_at LIMIT 500", Tuple.of(tenantId, storeId));
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

  private Future<List<Order>> select(SqlClient sql, String condition, Tuple parameters) {
    return sql.preparedQuery("SELECT " + ORDER_JSON + " AS order_json FROM orders o WHERE " + condition)
        .execute(parameters)
        .map(rows -> rows.stream().map(row -> order((JsonObject) row.getValue("order_json"))).toList());
  }

  /** The orders of a JSON array made by {@link #ofTabJson}. */
  static List<Order> orders(JsonArray json) {
    return json.stream().map(JsonObject.class::cast).map(Orders::order).toList();
  }

  /** The earlier order of the columns {@link #earlierJoin} adds, if there was one. */
  static Optional<Earlier> earlier(Row row) {
    UUID id = row.getUUID("earlier_id");
    return id == null ? Optional.empty() : Optional.of(new Earlier(id, row.getBuffer("earlier_hash").getBytes()));
  }

  private static Order order(JsonObject json) {
    String notes = json.getString("notes");
    return new Order(uuid(json, "id"), uuid(json, "store_id"), uuid(json, "tab_id"), uuid(json, "table_id"),
        json.getString("number"), OrderStatus.fromWireName(json.getString("status")).orElseThrow(),
        json.getInteger("head_count"), notes == null || notes.isEmpty() ? null : notes, json.getLong("total_fen"),
        uuid(json, "placed_by"), time(json, "placed_at"), time(json, "hurried_at"), json.getString("end_reason"),
        payment(json),
        json.getJsonArray("items").stream().map(JsonObject.class::cast).map(Orders::item).toList(),
        json.getLong("discount_fen"), json.getJsonArray("adjustments").stream().map(JsonObject.class::cast)
            .map(Orders::adjustment).toList());
  }

  private static OrderPayment payment(JsonObject json) {
    JsonObject paidBy = json.getJsonObject("paid_by");
    return OrderPayment.of(paidBy == null ? null : paidBy.getString("method"),
        paidBy == null ? null : time(paidBy, "paid_at"), json.getLong("total_fen"), json.getLong("refunded_fen"),
        json.getBoolean("wechat_pending"));
  }

  /** The adjustments as the order's JSON (and its column) holds them. */
  public static JsonArray adjustmentsJson(List<OrderAdjustment> adjustments) {
    return new JsonArray(adjustments.stream().map(adjustment -> new JsonObject()
        .put("kind", adjustment.kind().wireName())
        .put("label", adjustment.label())
        .put("amount_fen", adjustment.amountFen())
        .put("coupon_id", adjustment.couponId() == null ? null : adjustment.couponId().toString())).toList());
  }

  private static OrderAdjustment adjustment(JsonObject json) {
    String coupon = json.getString("coupon_id");
    return new OrderAdjustment(OrderAdjustment.Kind.fromWireName(json.getString("kind")).orElseThrow(),
        json.getString("label"), json.getLong("amount_fen"), coupon == null ? null : UUID.fromString(coupon));
  }

  private static Order.Item item(JsonObject json) {
    return new Order.Item(uuid(json, "id"), uuid(json, "dish_id"), json.getString("dish_name"),
        json.getJsonArray("choices").stream().map(String::valueOf).toList(), json.getLong("unit_price_fen"),
        json.getInteger("quantity"), uuid(json, "added_by"), time(json, "served_at"));
  }

  private static UUID uuid(JsonObject json, String key) {
    return UUID.fromString(json.getString(key));
  }

  /** A time as the database writes it in JSON, in UTC like the times it answers in rows. */
  private static OffsetDateTime time(JsonObject json, String key) {
    String value = json.getString(key);
    return value == null ? null : OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
