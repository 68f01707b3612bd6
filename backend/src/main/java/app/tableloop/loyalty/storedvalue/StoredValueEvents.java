package app.tableloop.loyalty.storedvalue;

import app.tableloop.loyalty.storedvalue.StoredValueAccounts.Entry;
import app.tableloop.payment.PaymentConfirmation;
import app.tableloop.payment.PaymentMethod;
import app.tableloop.payment.StoredValueHolds;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Balances from payment's events: a paid top-up credits its price as principal and its bonus as bonus; a refund of a
 * stored-value payment returns to the balance in the proportions the payment took. The relay runs this once per event
 * in the transaction that records it handled; the top-up's credited mark and the entries' keys make a second delivery
 * change nothing besides.
 */
public final class StoredValueEvents implements EventHandler {
  static final String PAYMENT_REFUNDED = "payment.refunded";

  private final TopUps topUps;
  private final StoredValueAccounts accounts;

  StoredValueEvents(TopUps topUps, StoredValueAccounts accounts) {
    this.topUps = topUps;
    this.accounts = accounts;
  }

  @Override
  public String name() {
    return "loyalty-stored-value";
  }

  @Override
  public Set<String> topics() {
    return Set.of(PaymentConfirmation.TOP_UP_PAID, PAYMENT_REFUNDED, StoredValueHolds.STORED_VALUE_RELEASED);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    JsonObject payload = event.payload();
    return event.topic().equals(PaymentConfirmation.TOP_UP_PAID) ? credit(sql, event.tenantId(), payload)
        : event.topic().equals(StoredValueHolds.STORED_VALUE_RELEASED) ? release(sql, event.tenantId(), payload)
        : PaymentMethod.STORED_VALUE.wireName().equals(payload.getString("method"))
            ? giveBack(sql, event.tenantId(), payload) : Future.succeededFuture();
  }

  private Future<Void> credit(SqlClient sql, UUID tenantId, JsonObject paid) {
    UUID topUpId = UUID.fromString(paid.getString("top_up_id"));
    Instant paidAt = Instant.parse(paid.getString("paid_at"));
    return topUps.markCredited(sql, tenantId, topUpId, paidAt)
        .compose(credited -> credited.isEmpty() ? Future.succeededFuture()
            : accounts.book(sql, tenantId, credited.get().memberId(), new Entry("top_up:" + topUpId, "top_up",
                credited.get().storeId(), new StoredValueRules.Split(credited.get().priceFen(),
                    credited.get().bonusFen()), topUpId, credited.get().paymentId(), null, null, null, null, paidAt))
                .mapEmpty());
  }

  /** A held payment given up: all it took goes back, in the proportions it took. */
  private Future<Void> release(SqlClient sql, UUID tenantId, JsonObject released) {
    UUID paymentId = UUID.fromString(released.getString("payment_id"));
    return accounts.takenBy(sql, tenantId, paymentId)
        .compose(taken -> taken.isEmpty() ? Future.succeededFuture()
            : accounts.book(sql, tenantId, taken.get().memberId(), new Entry("release:" + paymentId, "reversal",
                taken.get().storeId(), taken.get().amount(), null, paymentId, taken.get().orderId(),
                taken.get().tabId(), null, null, Instant.parse(released.getString("released_at"))))
                .mapEmpty());
  }

  private Future<Void> giveBack(SqlClient sql, UUID tenantId, JsonObject refunded) {
    UUID paymentId = UUID.fromString(refunded.getString("payment_id"));
    long refundFen = refunded.getLong("amount_fen");
    return accounts.takenBy(sql, tenantId, paymentId)
        .compose(taken -> taken.isEmpty() ? Future.succeededFuture()
            : accounts.returnedOf(sql, tenantId, paymentId)
                .compose(returned -> accounts.book(sql, tenantId, taken.get().memberId(), new Entry(
                    "reversal:" + refunded.getString("refund_id"), "reversal", taken.get().storeId(),
                    StoredValueRules.giveBack(taken.get().amount(), returned, refundFen), null, paymentId,
                    taken.get().orderId(), taken.get().tabId(), null, null,
                    Instant.parse(refunded.getString("refunded_at")))))
                .mapEmpty());
  }
}
