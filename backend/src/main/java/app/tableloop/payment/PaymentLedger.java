package app.tableloop.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The append-only book of money movements: one row per payment in (refunds later), never changed. */
public final class PaymentLedger {

  /** Books the money of a paid payment; booking the same payment again changes nothing. */
  public Future<Void> paymentIn(SqlClient sql, UUID tenantId, Payment payment, Instant paidAt) {
    return sql.preparedQuery("""
            INSERT INTO payment_ledger (tenant_id, store_id, payment_id, order_id, entry_key, kind, method,
                                        amount_fen, occurred_at)
            VALUES ($1, $2, $3, $4, $5, 'payment', $6, $7, $8)
            ON CONFLICT (entry_key) DO NOTHING
            """)
        .execute(Tuple.from(List.of(tenantId, payment.storeId(), payment.id(), payment.orderId(),
            "payment:" + payment.id(), payment.method().wireName(), payment.amountFen(),
            paidAt.atOffset(ZoneOffset.UTC))))
        .mapEmpty();
  }
}
