package app.tableloop.payment.refund;

import app.tableloop.payment.Payment;
import app.tableloop.payment.PaymentMethod;
import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Refunds of payments. */
public final class Refunds {
  private static final String COLUMNS = "id, store_id, payment_id, order_id, tab_id, idempotency_key, out_refund_no,"
      + " method, amount_fen, reason, status, cause, wechat_refund_id, requested_by, created_at, succeeded_at";

  /** Where a refund lives, found by its out_refund_no before any tenant is known. */
  public record Location(UUID tenantId, UUID storeId) {
  }

  public Future<Optional<Location>> locate(SqlClient sql, String outRefundNo) {
    return sql.preparedQuery("SELECT tenant_id, store_id FROM refund_by_out_refund_no($1)")
        .execute(Tuple.of(outRefundNo))
        .map(rows -> Rows.first(rows, row -> new Location(row.getUUID("tenant_id"), row.getUUID("store_id"))));
  }

  public Future<Optional<Refund>> byKey(SqlClient sql, UUID tenantId, UUID storeId, String idempotencyKey) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM refunds WHERE tenant_id = $1 AND store_id = $2"
            + " AND idempotency_key = $3")
        .execute(Tuple.of(tenantId, storeId, idempotencyKey))
        .map(rows -> Rows.first(rows, Refunds::refund));
  }

  /**
   * Per payment, how much of the order is refunded or being refunded. Asked after the payments are locked, so that
   * the refunds committed while this transaction waited for the lock are counted.
   */
  public Future<Map<UUID, Long>> refundedOfOrder(SqlClient sql, UUID tenantId, UUID orderId) {
    return sql.preparedQuery("""
            SELECT payment_id, sum(amount_fen) AS refunded_fen
              FROM refunds
             WHERE tenant_id = $1 AND order_id = $2 AND status <> 'failed'
             GROUP BY payment_id
            """)
        .execute(Tuple.of(tenantId, orderId))
        .map(rows -> rows.stream().collect(Collectors.toMap(row -> row.getUUID("payment_id"),
            row -> row.getLong("refunded_fen"))));
  }

  /** A refund WeChat Pay has not reported on, found before any tenant is known. */
  public record Awaiting(UUID tenantId, String outRefundNo) {
  }

  /** WeChat refunds of any tenant processing since before {@code before} (and not before {@code since}), oldest first. */
  public Future<List<Awaiting>> awaitingWeChat(SqlClient sql, Instant before, Instant since, int limit) {
    return sql.preparedQuery("SELECT tenant_id, out_refund_no FROM refunds_awaiting_wechat($1, $2, $3)")
        .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), since.atOffset(ZoneOffset.UTC), limit))
        .map(rows -> rows.stream()
            .map(row -> new Awaiting(row.getUUID("tenant_id"), row.getString("out_refund_no"))).toList());
  }

  /** The refund, locked for the rest of the transaction (it succeeds once). */
  public Future<Optional<Refund>> lock(SqlClient sql, UUID tenantId, String outRefundNo) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM refunds WHERE tenant_id = $1 AND out_refund_no = $2"
            + " FOR UPDATE")
        .execute(Tuple.of(tenantId, outRefundNo))
        .map(rows -> Rows.first(rows, Refunds::refund));
  }

  /**
   * Inserts a refund, processing, or already succeeded when {@code succeededAt} is given (money handed back at the
   * counter); empty when the key was taken meanwhile.
   */
  public Future<Optional<Refund>> insert(SqlClient sql, UUID tenantId, Payment payment, UUID orderId,
                                         RefundRequest request, UUID requestedBy, Instant succeededAt) {
    return sql.preparedQuery("""
            INSERT INTO refunds (tenant_id, store_id, payment_id, order_id, idempotency_key, out_refund_no, method,
                                 amount_fen, reason, status, requested_by, succeeded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (store_id, idempotency_key) DO NOTHING
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, payment.storeId(), payment.id(), orderId,
            request.idempotencyKey(), request.outRefundNo(payment.storeId()), payment.method().wireName(),
            request.amountFen(), request.reason(),
            succeededAt == null ? "processing" : "succeeded", requestedBy,
            succeededAt == null ? null : succeededAt.atOffset(ZoneOffset.UTC))))
        .map(rows -> Rows.first(rows, Refunds::refund));
  }

  /**
   * Inserts the service's own refund of a whole WeChat payment that paid for something already paid, processing;
   * empty when this payment's duplicate refund exists already (its out_refund_no is taken).
   */
  public Future<Optional<Refund>> insertDuplicate(SqlClient sql, UUID tenantId, Payment payment,
                                                  DuplicatePayment duplicate) {
    return sql.preparedQuery("""
            INSERT INTO refunds (tenant_id, store_id, payment_id, order_id, tab_id, idempotency_key, out_refund_no,
                                 method, amount_fen, reason, status, cause)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'wechat', $8, $9, 'processing', 'duplicate_payment')
            ON CONFLICT DO NOTHING
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, payment.storeId(), payment.id(), payment.orderId(),
            payment.tabId(), duplicate.idempotencyKey(), duplicate.outRefundNo(), payment.amountFen(),
            DuplicatePayment.REASON)))
        .map(rows -> Rows.first(rows, Refunds::refund));
  }

  /** The store's duplicate payments paid in a stretch of time, with what became of their refunds. */
  public Future<List<Refund>> duplicatesPaidBetween(SqlClient sql, UUID tenantId, UUID storeId, Instant from,
                                                    Instant to) {
    return sql.preparedQuery("SELECT " + COLUMNS + """
             FROM refunds
            WHERE tenant_id = $1 AND store_id = $2 AND cause = 'duplicate_payment'
              AND payment_id IN (SELECT id FROM payments
                                  WHERE tenant_id = $1 AND store_id = $2 AND paid_at >= $3 AND paid_at < $4)
            ORDER BY created_at
            """)
        .execute(Tuple.of(tenantId, storeId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.stream().map(Refunds::refund).toList());
  }

  public Future<Void> recordWeChatRefundId(SqlClient sql, UUID tenantId, UUID refundId, String wechatRefundId) {
    return sql.preparedQuery("UPDATE refunds SET wechat_refund_id = coalesce(wechat_refund_id, $3)"
            + " WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, refundId, wechatRefundId))
        .mapEmpty();
  }

  /** Marks a processing refund succeeded, once: empty when it was not processing. */
  public Future<Optional<Refund>> markSucceeded(SqlClient sql, UUID tenantId, UUID refundId, String wechatRefundId,
                                                Instant at) {
    return sql.preparedQuery("UPDATE refunds SET status = 'succeeded', succeeded_at = $4,"
            + " wechat_refund_id = coalesce($3, wechat_refund_id)"
            + " WHERE tenant_id = $1 AND id = $2 AND status = 'processing' RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, refundId, wechatRefundId, at.atOffset(ZoneOffset.UTC)))
        .map(rows -> Rows.first(rows, Refunds::refund));
  }

  /** Marks a processing refund failed, once: empty when it was not processing. */
  public Future<Optional<Refund>> markFailed(SqlClient sql, UUID tenantId, UUID refundId, String failure) {
    return sql.preparedQuery("UPDATE refunds SET status = 'failed', failure = $3"
            + " WHERE tenant_id = $1 AND id = $2 AND status = 'processing' RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, refundId, failure))
        .map(rows -> Rows.first(rows, Refunds::refund));
  }

  private static Refund refund(Row row) {
    return new Refund(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("payment_id"), row.getUUID("order_id"),
        row.getUUID("tab_id"), row.getString("idempotency_key"), row.getString("out_refund_no"),
        PaymentMethod.fromWireName(row.getString("method")).orElseThrow(), row.getLong("amount_fen"),
        row.getString("reason"), Refund.Status.fromWireName(row.getString("status")),
        Refund.Cause.fromWireName(row.getString("cause")), row.getString("wechat_refund_id"),
        row.getUUID("requested_by"), instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("succeeded_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
