package app.tableloop.payment;

import app.tableloop.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The balance's part of a payment with WeChat Pay for the rest, held while the WeChat payment can be paid. When that
 * WeChat payment is given up (expired, replaced by another, or the order paid otherwise), its hold is closed in the
 * same transaction and {@link #STORED_VALUE_RELEASED} written, on which stored value gives the money back.
 */
public final class StoredValueHolds {
  /** A held stored-value payment was given up: its money goes back to the balance (payload: payment_id). */
  public static final String STORED_VALUE_RELEASED = "stored_value.released";

  private final Payments payments;
  private final Outbox outbox;
  private final Clock clock;

  StoredValueHolds(Payments payments, Outbox outbox, Clock clock) {
    this.payments = payments;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Releases the holds of these WeChat payments just given up, in the caller's transaction; once each. */
  Future<Void> release(SqlClient sql, UUID tenantId, List<Payment> givenUp) {
    Future<Void> chain = Future.succeededFuture();
    for (Payment payment : givenUp) {
      if (payment.holdId() != null) {
        chain = chain.compose(previous -> payments.close(sql, tenantId, payment.holdId()))
            .compose(closed -> !closed ? Future.succeededFuture()
                : outbox.append(sql, tenantId, STORED_VALUE_RELEASED, new JsonObject()
                    .put("payment_id", payment.holdId().toString())
                    .put("order_id", payment.orderId() == null ? null : payment.orderId().toString())
                    .put("store_id", payment.storeId().toString())
                    .put("released_at", clock.instant().toString())));
      }
    }
    return chain;
  }
}
