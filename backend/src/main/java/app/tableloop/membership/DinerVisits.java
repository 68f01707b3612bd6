package app.tableloop.membership;

import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.database.TransactionLocks;
import app.tableloop.platform.http.WireTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What each paid payment was to the diner behind it: who (the WeChat payer, else who placed the order), where, when,
 * how much, which dishes, and how much was refunded. Kept for every diner, members or not yet, so that a diner who
 * joins later has their earlier visits counted. Read from the payment and its orders as they were stored when paid.
 */
public final class DinerVisits {
  /** What staff's refunds of the payment {@code p} gave back so far, at most what it paid (SQL). */
  private static final String REFUNDED = "least(p.amount_fen, (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r"
      + " WHERE r.tenant_id = p.tenant_id AND r.payment_id = p.id AND r.cause = 'requested'"
      + " AND r.status = 'succeeded'))";
  /** The payment's visit, from the payment ($1, of the tenant $2) and its orders ($3). */
  private static final String RECORD = """
            INSERT INTO diner_visits (payment_id, tenant_id, user_id, tab_id, store_id, paid_at, amount_fen,
                                      refunded_fen, dishes)
            SELECT p.id, p.tenant_id,
                   coalesce((SELECT u.id FROM users u WHERE u.openid = p.payer_openid),
                            (SELECT o.placed_by FROM orders o WHERE o.tenant_id = $2 AND o.id = ANY($3)
                              ORDER BY o.placed_at LIMIT 1)),
                   (SELECT o.tab_id FROM orders o WHERE o.tenant_id = $2 AND o.id = ANY($3) LIMIT 1),
                   p.store_id, p.paid_at, p.amount_fen, {refunded},
                   coalesce((SELECT jsonb_agg(jsonb_build_object('dish_id', d.dish_id, 'name', d.name,
                                                                 'quantity', d.quantity) ORDER BY d.name)
                               FROM (SELECT i.dish_id, min(i.dish_name) AS name, sum(i.quantity) AS quantity
                                       FROM order_items i
                                      WHERE i.tenant_id = $2 AND i.order_id = ANY($3)
                                      GROUP BY i.dish_id) d), '[]'::jsonb)
              FROM payments p
             WHERE p.id = $1 AND p.tenant_id = $2 AND p.status = 'paid'
            ON CONFLICT (payment_id) DO NOTHING
            RETURNING user_id, amount_fen, refunded_fen, paid_at, tab_id
            """.replace("{refunded}", REFUNDED);
  /** The visit of the payment $2 (of the tenant $1), its refunds counted again; and what that took off. */
  private static final String REFUND = """
            WITH before AS (
                SELECT payment_id, refunded_fen FROM diner_visits WHERE tenant_id = $1 AND payment_id = $2 FOR UPDATE)
            UPDATE diner_visits v SET refunded_fen = {refunded}
              FROM before, payments p
             WHERE v.payment_id = before.payment_id AND p.tenant_id = $1 AND p.id = $2
            RETURNING v.user_id, v.refunded_fen - before.refunded_fen AS applied
            """.replace("{refunded}", REFUNDED);

  /**
   * A payment just recorded, of this diner (null when nobody could be named), at this tab: what it paid, and what of
   * that its refunds made so far gave back.
   */
  record Recorded(UUID userId, long amountFen, long refundedFen, OffsetDateTime paidAt, UUID tabId) {
  }

  /** Money given back on a visit of this diner: how much of it was still counted. */
  record Refunded(UUID userId, long fen) {
  }

  /**
   * Records the payment's visit once, with what its refunds made so far gave back: a refund whose event came first
   * (relays of several instances, or the payment's event tried again later) found no visit to take it off. Empty when
   * it was recorded before.
   */
  Future<Optional<Recorded>> record(SqlClient sql, UUID tenantId, UUID paymentId, List<UUID> orderIds) {
    Future<Void> locked = lockVisit(sql, tenantId, paymentId);
    Future<Optional<Recorded>> recorded = sql.preparedQuery(RECORD)
        .execute(Tuple.of(paymentId, tenantId, orderIds.toArray(UUID[]::new)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(recorded(rows.iterator().next())));
    return Pipelined.all(locked, recorded).map(sent -> recorded.result());
  }

  /**
   * Whether the diner's payment at this tab is their first there: a new meal, where more payments of the same tab
   * (加菜 paid on its own) are the same visit. Asked under the diner's lock, so two payments of one meal recorded at
   * once count one visit. Two of their payments there are enough to know: a long tab's others are not counted.
   */
  Future<Boolean> firstOfMeal(SqlClient sql, UUID tenantId, UUID userId, UUID tabId) {
    return tabId == null ? Future.succeededFuture(true)
        : sql.preparedQuery("SELECT count(*) AS payments FROM (SELECT FROM diner_visits WHERE tenant_id = $1"
                + " AND user_id = $2 AND tab_id = $3 LIMIT 2) AS up_to_two")
            .execute(Tuple.of(tenantId, userId, tabId))
            .map(rows -> rows.iterator().next().getLong("payments") == 1);
  }

  /**
   * Brings the payment's visit up to date with its refunds, never below nothing: what its refunds gave back is read
   * from them, not added up event by event, so a refund already counted when the visit was recorded is not taken off
   * again. Empty when the payment was no visit (yet: its recording counts the refund then).
   */
  Future<Optional<Refunded>> refund(SqlClient sql, UUID tenantId, UUID paymentId) {
    Future<Void> locked = lockVisit(sql, tenantId, paymentId);
    Future<Optional<Refunded>> refunded = sql.preparedQuery(REFUND)
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Refunded(
            rows.iterator().next().getUUID("user_id"), rows.iterator().next().getLong("applied"))));
    return Pipelined.all(locked, refunded).map(sent -> refunded.result());
  }

  /**
   * Serialises the recording of a payment's visit and the counting of its refunds: each reads the refunds as they are
   * once the other has committed, and neither misses the other's row (sent in the same write as the statement).
   */
  private static Future<Void> lockVisit(SqlClient sql, UUID tenantId, UUID paymentId) {
    return TransactionLocks.exclusive(sql, "visit:" + tenantId + ":" + paymentId);
  }

  /** The diner's visits, newest first, with the store's name. */
  Future<List<JsonObject>> of(SqlClient sql, UUID tenantId, UUID userId, int limit) {
    return list(sql, """
            SELECT v.payment_id, v.store_id, s.name AS store_name, v.paid_at, v.amount_fen, v.refunded_fen, v.dishes
              FROM diner_visits v JOIN stores s ON s.id = v.store_id
             WHERE v.tenant_id = $1 AND v.user_id = $2
             ORDER BY v.paid_at DESC LIMIT $3
            """, Tuple.of(tenantId, userId, limit), row -> new JsonObject()
        .put("store_id", row.getUUID("store_id").toString())
        .put("store_name", row.getString("store_name"))
        .put("paid_at", WireTime.of(row.getOffsetDateTime("paid_at")))
        .put("amount_fen", row.getLong("amount_fen"))
        .put("refunded_fen", row.getLong("refunded_fen"))
        .put("dishes", dishes(row.getValue("dishes"))));
  }

  /** Every order the diner placed at the tenant, with its items: part of what is held about them. */
  Future<List<JsonObject>> ordersOf(SqlClient sql, UUID tenantId, UUID userId) {
    return list(sql, """
            SELECT o.id, o.store_id, o.number, o.status, o.total_fen, o.notes, o.placed_at,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('dish', i.dish_name, 'choices', i.choices,
                                                                 'quantity', i.quantity,
                                                                 'unit_price_fen', i.unit_price_fen) ORDER BY i.id)
                               FROM order_items i WHERE i.order_id = o.id), '[]'::jsonb) AS items
              FROM orders o
             WHERE o.tenant_id = $1 AND o.placed_by = $2
             ORDER BY o.placed_at
            """, Tuple.of(tenantId, userId), row -> new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("store_id", row.getUUID("store_id").toString())
        .put("number", row.getString("number"))
        .put("status", row.getString("status"))
        .put("total_fen", row.getLong("total_fen"))
        .put("notes", row.getString("notes"))
        .put("placed_at", WireTime.of(row.getOffsetDateTime("placed_at")))
        .put("items", dishes(row.getValue("items"))));
  }

  /** The dishes the diner ordered most, by portions. */
  Future<List<Member.FavouriteDish>> favouriteDishes(SqlClient sql, UUID tenantId, UUID userId, int limit) {
    return list(sql, """
            SELECT d ->> 'dish_id' AS dish_id, min(d ->> 'name') AS name, sum((d ->> 'quantity')::int) AS quantity
              FROM diner_visits v, jsonb_array_elements(v.dishes) d
             WHERE v.tenant_id = $1 AND v.user_id = $2
             GROUP BY d ->> 'dish_id'
             ORDER BY quantity DESC, name LIMIT $3
            """, Tuple.of(tenantId, userId, limit), row -> new Member.FavouriteDish(row.getString("dish_id"),
        row.getString("name"), row.getLong("quantity")));
  }

  /** The brand's stores the diner visited, with how often. */
  Future<List<Member.StoreVisited>> storesVisited(SqlClient sql, UUID tenantId, UUID userId) {
    return list(sql, """
            SELECT v.store_id, s.name, count(DISTINCT coalesce(v.tab_id, v.payment_id)) AS visits
              FROM diner_visits v JOIN stores s ON s.id = v.store_id
             WHERE v.tenant_id = $1 AND v.user_id = $2
             GROUP BY v.store_id, s.name
             ORDER BY visits DESC, s.name
            """, Tuple.of(tenantId, userId), row -> new Member.StoreVisited(row.getUUID("store_id"),
        row.getString("name"), row.getLong("visits")));
  }

  /** The visits stay (they are the restaurant's accounting); who made them is forgotten. */
  Future<Void> forget(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("UPDATE diner_visits SET user_id = NULL WHERE tenant_id = $1 AND user_id = $2")
        .execute(Tuple.of(tenantId, userId)).mapEmpty();
  }

  private static <T> Future<List<T>> list(SqlClient sql, String query, Tuple arguments, Function<Row, T> mapper) {
    return sql.preparedQuery(query).execute(arguments).map(rows -> {
      List<T> found = new ArrayList<>();
      rows.forEach(row -> found.add(mapper.apply(row)));
      return found;
    });
  }

  private static JsonArray dishes(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
  }

  private static Recorded recorded(Row row) {
    return new Recorded(row.getUUID("user_id"), row.getLong("amount_fen"), row.getLong("refunded_fen"),
        row.getOffsetDateTime("paid_at"), row.getUUID("tab_id"));
  }
}
