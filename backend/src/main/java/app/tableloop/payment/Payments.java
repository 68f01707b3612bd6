package app.tableloop.payment;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Payments of orders and of tabs. */
public final class Payments {
  private static final String COLUMNS = "id, store_id, order_id, tab_id, out_trade_no, method, amount_fen, status,"
      + " payer_openid, description, prepay_id, transaction_id, paid_at, recorded_by, expires_at, top_up_id, hold_id";

  /** Where a payment lives, found by its out_trade_no before any tenant is known. */
  public record Location(UUID tenantId, UUID storeId) {
  }

  /** What a new payment is: WeChat Pay ones carry the payer and the expiry, counter ones who took them. */
  public record NewPayment(UUID storeId, UUID orderId, String outTradeNo, PaymentMethod method, long amountFen,
                           String payerOpenId, String description, Instant expiresAt, UUID recordedBy) {
  }

  /** The tenant and store of an out_trade_no, across tenants (a WeChat Pay notification names nothing else). */
  public Future<Optional<Location>> locate(SqlClient sql, String outTradeNo) {
    return sql.preparedQuery("SELECT tenant_id, store_id FROM payment_by_out_trade_no($1)")
        .execute(Tuple.of(outTradeNo))
        .map(rows -> Rows.first(rows, row -> new Location(row.getUUID("tenant_id"), row.getUUID("store_id"))));
  }

  /** Inserts a payment; empty when the payer already has a pending WeChat payment of the order. */
  public Future<Optional<Payment>> insert(SqlClient sql, UUID tenantId, NewPayment payment) {
    return sql.preparedQuery("""
            INSERT INTO payments (tenant_id, store_id, order_id, out_trade_no, method, amount_fen, payer_openid,
                                  description, expires_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (order_id, payer_openid) WHERE status = 'pending' AND method = 'wechat' DO NOTHING
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, payment.storeId(), payment.orderId(), payment.outTradeNo(),
            payment.method().wireName(), payment.amountFen(), payment.payerOpenId(), payment.description(),
            payment.expiresAt() == null ? null : payment.expiresAt().atOffset(ZoneOffset.UTC),
            payment.recordedBy())))
        .map(rows -> Rows.first(rows, Payments::payment));
  }

  /** Inserts a payment of the tab; empty when the payer already has a pending WeChat payment of it. */
  public Future<Optional<Payment>> insertForTab(SqlClient sql, UUID tenantId, UUID tabId, NewPayment payment) {
    return sql.preparedQuery("""
            INSERT INTO payments (tenant_id, store_id, tab_id, out_trade_no, method, amount_fen, payer_openid,
                                  description, expires_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (tab_id, payer_openid) WHERE status = 'pending' AND method = 'wechat' AND tab_id IS NOT NULL
            DO NOTHING
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, payment.storeId(), tabId, payment.outTradeNo(),
            payment.method().wireName(), payment.amountFen(), payment.payerOpenId(), payment.description(),
            payment.expiresAt() == null ? null : payment.expiresAt().atOffset(ZoneOffset.UTC),
            payment.recordedBy())))
        .map(rows -> Rows.first(rows, Payments::payment));
  }

  /** Inserts the WeChat payment of a stored-value top-up: one per top-up. */
  public Future<Payment> insertForTopUp(SqlClient sql, UUID tenantId, UUID topUpId, NewPayment payment) {
    return sql.preparedQuery("""
            INSERT INTO payments (tenant_id, store_id, top_up_id, out_trade_no, method, amount_fen, payer_openid,
                                  description, expires_at)
            VALUES ($1, $2, $3, $4, 'wechat', $5, $6, $7, $8)
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, payment.storeId(), topUpId, payment.outTradeNo(),
            payment.amountFen(), payment.payerOpenId(), payment.description(),
            payment.expiresAt().atOffset(ZoneOffset.UTC))))
        .map(rows -> Rows.first(rows, Payments::payment).orElseThrow());
  }

  /** The paid payments of these top-ups with what is refunded of each, newest first, locked. */
  public Future<List<Locked>> lockPaidTopUps(SqlClient sql, UUID tenantId, List<UUID> topUpIds) {
    return sql.preparedQuery("SELECT " + COLUMNS + ", refunded_fen FROM payments"
            + " WHERE tenant_id = $1 AND status = 'paid' AND top_up_id = ANY ($2)"
            + " ORDER BY paid_at DESC, id FOR UPDATE")
        .execute(Tuple.tuple().addUUID(tenantId).addArrayOfUUID(topUpIds.toArray(UUID[]::new)))
        .map(rows -> rows.stream().map(row -> new Locked(payment(row), row.getLong("refunded_fen"))).toList());
  }

  /** Names the stored-value payment held for the order that the WeChat payment of the rest completes. */
  public Future<Void> attachHold(SqlClient sql, UUID tenantId, UUID paymentId, UUID holdId) {
    return sql.preparedQuery("UPDATE payments SET hold_id = $3 WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, paymentId, holdId))
        .mapEmpty();
  }

  /** A payment by id, locked for the rest of the transaction. */
  public Future<Payment> lockById(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> Rows.first(rows, Payments::payment).orElseThrow());
  }

  /** Records which orders a tab payment covers: what the diner is asked to pay for. */
  public Future<Void> cover(SqlClient sql, UUID tenantId, UUID paymentId, List<UUID> orderIds) {
    return sql.preparedQuery("""
            INSERT INTO payment_orders (tenant_id, payment_id, order_id)
            SELECT $1, $2, unnest($3::uuid[])
            ON CONFLICT DO NOTHING
            """)
        .execute(Tuple.tuple().addUUID(tenantId).addUUID(paymentId).addArrayOfUUID(orderIds.toArray(UUID[]::new)))
        .mapEmpty();
  }

  /** The orders a tab payment covers. */
  public Future<List<UUID>> covered(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT order_id FROM payment_orders WHERE tenant_id = $1 AND payment_id = $2"
            + " ORDER BY order_id")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> rows.stream().map(row -> row.getUUID("order_id")).toList());
  }

  /** The payer's pending WeChat payment of the tab, locked for the rest of the transaction. */
  public Future<Optional<Payment>> lockPendingOfTab(SqlClient sql, UUID tenantId, UUID tabId, String payerOpenId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND tab_id = $2"
            + " AND payer_openid = $3 AND method = 'wechat' AND status = 'pending' FOR UPDATE")
        .execute(Tuple.of(tenantId, tabId, payerOpenId))
        .map(rows -> Rows.first(rows, Payments::payment));
  }

  /** Gives up the tab's pending WeChat payments (of one payer, or all when null); answers them. */
  public Future<List<Payment>> closePendingOfTab(SqlClient sql, UUID tenantId, UUID tabId, String payerOpenId) {
    return sql.preparedQuery("UPDATE payments SET status = 'closed' WHERE tenant_id = $1 AND tab_id = $2"
            + " AND method = 'wechat' AND status = 'pending' AND ($3::text IS NULL OR payer_openid = $3)"
            + " RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, tabId, payerOpenId))
        .map(rows -> rows.stream().map(Payments::payment).toList());
  }

  /** The payer's pending WeChat payment of the order, locked for the rest of the transaction. */
  public Future<Optional<Payment>> lockPending(SqlClient sql, UUID tenantId, UUID orderId, String payerOpenId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND order_id = $2"
            + " AND payer_openid = $3 AND method = 'wechat' AND status = 'pending' FOR UPDATE")
        .execute(Tuple.of(tenantId, orderId, payerOpenId))
        .map(rows -> Rows.first(rows, Payments::payment));
  }

  /** The payment, locked for the rest of the transaction (marking it paid happens once). */
  public Future<Optional<Payment>> lock(SqlClient sql, UUID tenantId, String outTradeNo) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND out_trade_no = $2"
            + " FOR UPDATE")
        .execute(Tuple.of(tenantId, outTradeNo))
        .map(rows -> Rows.first(rows, Payments::payment));
  }

  /** The order's WeChat payments still waiting for money, newest first. */
  public Future<List<Payment>> pendingWeChat(SqlClient sql, UUID tenantId, UUID orderId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND order_id = $2"
            + " AND method = 'wechat' AND status = 'pending' ORDER BY created_at DESC")
        .execute(Tuple.of(tenantId, orderId))
        .map(rows -> rows.stream().map(Payments::payment).toList());
  }

  /** The tab's WeChat payments still waiting for money, newest first. */
  public Future<List<Payment>> pendingWeChatOfTab(SqlClient sql, UUID tenantId, UUID tabId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND tab_id = $2"
            + " AND method = 'wechat' AND status = 'pending' ORDER BY created_at DESC")
        .execute(Tuple.of(tenantId, tabId))
        .map(rows -> rows.stream().map(Payments::payment).toList());
  }

  public Future<Void> recordPrepay(SqlClient sql, UUID tenantId, UUID paymentId, String prepayId) {
    return sql.preparedQuery("UPDATE payments SET prepay_id = $3 WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, paymentId, prepayId))
        .mapEmpty();
  }

  /**
   * Marks a payment paid, once: false when it already was. A closed one can still become paid: the money arrived,
   * and what to do with it is then the refund's business.
   */
  public Future<Boolean> markPaid(SqlClient sql, UUID tenantId, UUID paymentId, String transactionId,
                                  Instant paidAt) {
    return sql.preparedQuery("""
            UPDATE payments SET status = 'paid', transaction_id = $3, paid_at = $4
             WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'closed')
            """)
        .execute(Tuple.of(tenantId, paymentId, transactionId, paidAt.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Gives up the order's pending WeChat payments (it was paid otherwise, or they expired); answers them. */
  public Future<List<Payment>> closePending(SqlClient sql, UUID tenantId, UUID orderId, String payerOpenId) {
    return sql.preparedQuery("UPDATE payments SET status = 'closed' WHERE tenant_id = $1 AND order_id = $2"
            + " AND method = 'wechat' AND status = 'pending' AND ($3::text IS NULL OR payer_openid = $3)"
            + " RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, orderId, payerOpenId))
        .map(rows -> rows.stream().map(Payments::payment).toList());
  }

  /**
   * The paid payments of the order (its own, and the tab payments covering it) with what is refunded or reserved of
   * each, locked: refunds of them queue here.
   */
  public Future<List<Locked>> lockPaid(SqlClient sql, UUID tenantId, UUID orderId) {
    return sql.preparedQuery("SELECT " + COLUMNS + ", refunded_fen FROM payments"
            + " WHERE tenant_id = $1 AND status = 'paid' AND (order_id = $2"
            + " OR id IN (SELECT payment_id FROM payment_orders WHERE tenant_id = $1 AND order_id = $2))"
            + " ORDER BY id FOR UPDATE")
        .execute(Tuple.of(tenantId, orderId))
        .map(rows -> rows.stream().map(row -> new Locked(payment(row), row.getLong("refunded_fen"))).toList());
  }

  /** A paid payment, locked, and how much of it is refunded or reserved for refunds in progress. */
  public record Locked(Payment payment, long refundedFen) {
  }

  /** A payment by id. */
  public Future<Payment> byId(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM payments WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> Rows.first(rows, Payments::payment).orElseThrow());
  }

  /** Sets aside {@code fen} of the payment for a refund (negative: gives it back); the table refuses over-refunds. */
  public Future<Void> reserveRefund(SqlClient sql, UUID tenantId, UUID paymentId, long fen) {
    return sql.preparedQuery("UPDATE payments SET refunded_fen = refunded_fen + $3 WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, paymentId, fen))
        .mapEmpty();
  }

  /** Up to {@code limit} pending WeChat payments of any tenant whose expiry has passed, oldest first. */
  public Future<List<Pending>> expired(SqlClient sql, Instant now, int limit) {
    return sql.preparedQuery("SELECT tenant_id, out_trade_no FROM expired_wechat_payments($1, $2)")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
        .map(Payments::pending);
  }

  /**
   * Up to {@code limit} pending WeChat payments of any tenant, handed to the diner before {@code before} and still
   * payable at {@code now}, oldest first.
   */
  public Future<List<Pending>> quiet(SqlClient sql, Instant before, Instant now, int limit) {
    return sql.preparedQuery("SELECT tenant_id, out_trade_no FROM quiet_wechat_payments($1, $2, $3)")
        .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC), limit))
        .map(Payments::pending);
  }

  /** A pending WeChat payment, found before any tenant is known. */
  public record Pending(UUID tenantId, String outTradeNo) {
  }

  private static List<Pending> pending(RowSet<Row> rows) {
    return rows.stream().map(row -> new Pending(row.getUUID("tenant_id"), row.getString("out_trade_no"))).toList();
  }

  /** Gives up one pending payment; false when it was no longer pending. */
  public Future<Boolean> close(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("UPDATE payments SET status = 'closed' WHERE tenant_id = $1 AND id = $2"
            + " AND status = 'pending'")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Whether the order still has a WeChat payment the diner can pay. */
  public Future<Boolean> hasPayablePending(SqlClient sql, UUID tenantId, UUID orderId, Instant now) {
    return sql.preparedQuery("SELECT EXISTS (SELECT 1 FROM payments WHERE tenant_id = $1 AND order_id = $2"
            + " AND method = 'wechat' AND status = 'pending' AND expires_at >= $3) AS payable")
        .execute(Tuple.of(tenantId, orderId, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getBoolean("payable"));
  }

  private static Payment payment(Row row) {
    return new Payment(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("order_id"), row.getUUID("tab_id"),
        row.getString("out_trade_no"), PaymentMethod.fromWireName(row.getString("method")).orElseThrow(),
        row.getLong("amount_fen"), PaymentStatus.fromWireName(row.getString("status")).orElseThrow(),
        row.getString("payer_openid"), row.getString("description"), row.getString("prepay_id"),
        row.getString("transaction_id"),
        instant(row.getOffsetDateTime("paid_at")), row.getUUID("recorded_by"),
        instant(row.getOffsetDateTime("expires_at")), row.getUUID("top_up_id"), row.getUUID("hold_id"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
