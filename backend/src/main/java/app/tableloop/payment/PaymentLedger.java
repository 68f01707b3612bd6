package app.tableloop.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The append-only book of money movements: one row per payment in, one per refund out, never changed. */
public final class PaymentLedger {

  /**
   * Books the money of a paid payment, as a duplicate when it paid for something already paid; booking the same
   * payment again changes nothing.
   */
  public Future<Void> paymentIn(SqlClient sql, UUID tenantId, Payment payment, Instant paidAt, boolean duplicate) {
    return sql.preparedQuery("""
            INSERT INTO payment_ledger (tenant_id, store_id, payment_id, order_id, tab_id, entry_key, kind, method,
                                        amount_fen, occurred_at, duplicate)
            VALUES ($1, $2, $3, $4, $9, $5, 'payment', $6, $7, $8, $10)
            ON CONFLICT (entry_key) DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, payment.storeId(), payment.id(), payment.orderId(),
            "payment:" + payment.id(), payment.method().wireName(), payment.amountFen(),
            paidAt.atOffset(ZoneOffset.UTC), payment.tabId(), duplicate)))
        .mapEmpty();
  }

  /**
   * Money given back from a payment, as the ledger books it.
   *
   * @param duplicate whether it gives back a payment that paid for nothing
   */
  public record Refunded(UUID storeId, UUID paymentId, UUID orderId, UUID tabId, String outRefundNo,
                         PaymentMethod method, long amountFen, Instant at, boolean duplicate) {
  }

  /** Books the money a refund gave back (a negative movement); booking the same refund again changes nothing. */
  public Future<Void> refundOut(SqlClient sql, UUID tenantId, Refunded refund) {
    return sql.preparedQuery("""
            INSERT INTO payment_ledger (tenant_id, store_id, payment_id, order_id, tab_id, entry_key, kind, method,
                                        amount_fen, occurred_at, duplicate)
            VALUES ($1, $2, $3, $4, $5, $6, 'refund', $7, $8, $9, $10)
            ON CONFLICT (entry_key) DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, refund.storeId(), refund.paymentId(), refund.orderId(),
            refund.tabId(), "refund:" + refund.outRefundNo(), refund.method().wireName(), -refund.amountFen(),
            refund.at().atOffset(ZoneOffset.UTC), refund.duplicate())))
        .mapEmpty();
  }

  /**
   * Money in and out of one method in a stretch of time: sales and refunds (both as positive fen), and apart from
   * them the duplicate payments taken and given back, so that no sale counts twice.
   */
  public record Totals(PaymentMethod method, long paymentsFen, long paymentCount, long refundsFen, long refundCount,
                       long duplicatesFen, long duplicateCount, long duplicatesRefundedFen) {

    public static Totals none(PaymentMethod method) {
      return new Totals(method, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  /** The store's booked movements from {@code from} (inclusive) to {@code to}, summed per method. */
  public Future<List<Totals>> totals(SqlClient sql, UUID tenantId, UUID storeId, Instant from, Instant to) {
    return sql.preparedQuery("""
            SELECT method,
                   coalesce(sum(amount_fen) FILTER (WHERE kind = 'payment' AND NOT duplicate), 0) AS payments_fen,
                   count(*) FILTER (WHERE kind = 'payment' AND NOT duplicate) AS payment_count,
                   coalesce(-sum(amount_fen) FILTER (WHERE kind = 'refund' AND NOT duplicate), 0) AS refunds_fen,
                   count(*) FILTER (WHERE kind = 'refund' AND NOT duplicate) AS refund_count,
                   coalesce(sum(amount_fen) FILTER (WHERE kind = 'payment' AND duplicate), 0) AS duplicates_fen,
                   count(*) FILTER (WHERE kind = 'payment' AND duplicate) AS duplicate_count,
                   coalesce(-sum(amount_fen) FILTER (WHERE kind = 'refund' AND duplicate), 0)
                       AS duplicates_refunded_fen
              FROM payment_ledger
             WHERE tenant_id = $1 AND store_id = $2 AND occurred_at >= $3 AND occurred_at < $4
             GROUP BY method
            """)
        .execute(Tuple.of(tenantId, storeId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.stream().map(row -> new Totals(
            PaymentMethod.fromWireName(row.getString("method")).orElseThrow(), row.getLong("payments_fen"),
            row.getLong("payment_count"), row.getLong("refunds_fen"), row.getLong("refund_count"),
            row.getLong("duplicates_fen"), row.getLong("duplicate_count"), row.getLong("duplicates_refunded_fen")))
            .toList());
  }

  /**
   * Stored value's money in a stretch. Top-ups sold are money in (WeChat payments of top-ups, in the sums above) and
   * principal handed back money out (cash refunds of top-up payments, likewise); payments from the balance and their
   * refunds back to it move money the restaurant already holds, so they are counted here and not as sales.
   */
  public record StoredValueTotals(long soldFen, long handedBackFen, long usedFen, long returnedFen) {
  }

  /** The store's stored-value movements from {@code from} (inclusive) to {@code to}. */
  public Future<StoredValueTotals> storedValueTotals(SqlClient sql, UUID tenantId, UUID storeId, Instant from,
                                                     Instant to) {
    return sql.preparedQuery("""
            SELECT coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'payment' AND p.top_up_id IS NOT NULL
                                                           AND NOT l.duplicate), 0) AS sold_fen,
                   coalesce(-sum(l.amount_fen) FILTER (WHERE l.kind = 'refund' AND p.top_up_id IS NOT NULL), 0)
                       AS handed_back_fen,
                   coalesce(sum(l.amount_fen) FILTER (WHERE l.kind = 'payment' AND l.method = 'stored_value'), 0)
                       AS used_fen,
                   coalesce(-sum(l.amount_fen) FILTER (WHERE l.kind = 'refund' AND l.method = 'stored_value'), 0)
                       AS returned_fen
              FROM payment_ledger l JOIN payments p ON p.id = l.payment_id AND p.tenant_id = l.tenant_id
             WHERE l.tenant_id = $1 AND l.store_id = $2 AND l.occurred_at >= $3 AND l.occurred_at < $4
            """)
        .execute(Tuple.of(tenantId, storeId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          var row = rows.iterator().next();
          return new StoredValueTotals(row.getLong("sold_fen"), row.getLong("handed_back_fen"),
              row.getLong("used_fen"), row.getLong("returned_fen"));
        });
  }

  /**
   * The store's WeChat payments and refunds that completed in the stretch, as our payment and refund records say
   * (what WeChat Pay's trade bill is held against).
   */
  public Future<List<WeChatMovement>> wechatMovements(SqlClient sql, UUID tenantId, UUID storeId, Instant from,
                                                      Instant to) {
    return sql.preparedQuery("""
            SELECT 'payment' AS kind, paid_at AS at, transaction_id, out_trade_no, NULL AS out_refund_no, amount_fen
              FROM payments
             WHERE tenant_id = $1 AND store_id = $2 AND method = 'wechat' AND status = 'paid'
               AND paid_at >= $3 AND paid_at < $4
            UNION ALL
            SELECT 'refund', r.succeeded_at, p.transaction_id, p.out_trade_no, r.out_refund_no, r.amount_fen
              FROM refunds r JOIN payments p ON p.id = r.payment_id AND p.tenant_id = r.tenant_id
             WHERE r.tenant_id = $1 AND r.store_id = $2 AND r.method = 'wechat' AND r.status = 'succeeded'
               AND r.succeeded_at >= $3 AND r.succeeded_at < $4
             ORDER BY at
            """)
        .execute(Tuple.of(tenantId, storeId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.stream().map(row -> new WeChatMovement(
            WeChatMovement.Kind.valueOf(row.getString("kind").toUpperCase()),
            row.getOffsetDateTime("at").toInstant(), row.getString("transaction_id"), row.getString("out_trade_no"),
            row.getString("out_refund_no"), row.getLong("amount_fen"))).toList());
  }

  /** Of these out_trade_nos, those of another store's payments (a merchant account may serve several stores). */
  public Future<Set<String>> otherStoresOutTradeNos(SqlClient sql, UUID storeId, List<String> outTradeNos) {
    return sql.preparedQuery("SELECT other.no AS out_trade_no"
            + " FROM out_trade_nos_of_other_stores($1, $2) AS other (no)")
        .execute(Tuple.tuple().addUUID(storeId).addArrayOfString(outTradeNos.toArray(String[]::new)))
        .map(rows -> rows.stream().map(row -> row.getString("out_trade_no")).collect(Collectors.toSet()));
  }
}
