package app.tableloop.payment;

import app.tableloop.platform.http.Refusals;
import app.tableloop.ordering.Order;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a payment becomes paid, whoever reports it (WeChat Pay's notification, the diner's "I have paid" check,
 * staff at the counter): in the caller's tenant transaction the payment is marked paid once, its money booked in the
 * ledger, the order moved from awaiting payment to placed (a tab's payment: the orders it covers marked paid and the
 * tab closed once nothing is left to pay; a top-up's: nothing here, its event tells stored value to credit it; the
 * WeChat payment of the rest of a stored-value payment: the held part paid with it), and an outbox event written;
 * after commit the order goes to the kitchen's feed and the table, or the tab's new state to its diners. Money that arrives for something no longer waiting for it
 * is given back whole, automatically and once.
 */
public final class PaymentConfirmation {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentConfirmation.class);
  static final String ORDER_PAID = "order.paid";
  static final String TAB_PAID = "tab.paid";
  /** A stored-value top-up's money arrived: stored value credits the member (payload: the payment's, and top_up_id). */
  public static final String TOP_UP_PAID = "top_up.paid";
  /** Money arrived for an order or tab that no longer waited for it (paid otherwise, or cancelled): given back. */
  static final String PAYMENT_UNAPPLIED = "payment.unapplied";

  private final Database database;
  private final Payments payments;
  private final PaymentLedger ledger;
  private final Outbox outbox;
  private final PayableOrders orders;
  private final DuplicatePaymentRefunds duplicates;
  private final StoredValueHolds holds;
  private final String mchId;
  private final String appId;
  private final Clock clock;

  /**
   * What recording a payment did: the payment, its order as it is now (none for a tab's payment), whether this
   * payment was applied now (sent the order to the kitchen, or paid the tab's orders), and the refund that gives it
   * back when it paid for something already paid.
   */
  public record Recorded(Payment payment, Order order, boolean appliedNow, Optional<DuplicatePaymentRefunds.GiveBack> givenBack) {
  }

  public PaymentConfirmation(Database database, Payments payments, PaymentLedger ledger, Outbox outbox,
                             PayableOrders orders, DuplicatePaymentRefunds duplicates, StoredValueHolds holds,
                             String mchId, String appId, Clock clock) {
    this.database = database;
    this.payments = payments;
    this.ledger = ledger;
    this.outbox = outbox;
    this.orders = orders;
    this.duplicates = duplicates;
    this.holds = holds;
    this.mchId = mchId;
    this.appId = appId;
    this.clock = clock;
  }

  /**
   * WeChat Pay reports a transaction of one of our payments. A successful one that matches the payment is recorded
   * once; reported again, it changes nothing. One that disagrees with the payment is refused.
   */
  public Future<Void> confirmWeChat(UUID tenantId, WeChatTransaction transaction) {
    return database.inTenant(tenantId, sql -> payments.lock(sql, tenantId, transaction.outTradeNo())
            .compose(found -> {
              if (found.isEmpty()) {
                return Refusals.refuse(PaymentRefusal.ORDER_NOT_FOUND);
              }
              Payment payment = found.get();
              Optional<String> mismatch = TransactionMatch.mismatch(payment, transaction, mchId, appId);
              if (mismatch.isPresent()) {
                LOG.warn("WeChat Pay transaction {} for payment {} disagrees on {}; not recorded",
                    transaction.transactionId(), payment.outTradeNo(), mismatch.get());
                return Refusals.refuse(PaymentRefusal.PAYMENT_MISMATCH.at(mismatch.get()));
              }
              if ((!transaction.succeeded() || payment.status() == PaymentStatus.PAID) && payment.orderId() == null) {
                return Future.succeededFuture(new Recorded(payment, null, false, Optional.empty()));
              }
              if (!transaction.succeeded() || payment.status() == PaymentStatus.PAID) {
                return orders.order(sql, tenantId, payment.storeId(), payment.orderId())
                    .map(order -> new Recorded(payment, order.orElseThrow(), false, Optional.empty()));
              }
              return record(sql, tenantId, payment, transaction.transactionId(),
                  transaction.successTime() == null ? clock.instant() : transaction.successTime());
            }))
        .onSuccess(recorded -> announce(tenantId, recorded))
        .mapEmpty();
  }

  /**
   * Records {@code payment} as paid in the caller's transaction, which holds its lock; a payment already paid changes
   * nothing. It is the transaction's last work: when the payment is applied (Recorded.appliedNow), the commit goes
   * out behind its last statements, so the caller writes nothing after it; when it is not, the caller may still
   * refuse and roll back.
   */
  Future<Recorded> record(SqlClient sql, UUID tenantId, Payment payment, String transactionId, Instant paidAt) {
    if (payment.holdId() != null) {
      return recordWithHold(sql, tenantId, payment, transactionId, paidAt);
    }
    if (payment.tabId() != null) {
      return recordTab(sql, tenantId, payment, transactionId, paidAt);
    }
    if (payment.topUpId() != null) {
      return recordTopUp(sql, tenantId, payment, transactionId, paidAt);
    }
    // Callers hold the payment's lock and bring it unpaid, so marking it cannot miss: the order's placing goes out
    // with it, one round trip for both. Should it miss all the same, an order it placed is rolled back.
    Future<Boolean> marked = payments.markPaid(sql, tenantId, payment.id(), transactionId, paidAt);
    Future<Optional<Order>> placed = orders.placePaid(sql, tenantId, payment.orderId(), payment.id());
    return Pipelined.all(marked, placed)
        .compose(sent -> {
          if (!marked.result()) {
            return placed.result().isEmpty() ? Future.succeededFuture(new Placing(Applied.NOT_NOW, Optional.empty()))
                : Future.failedFuture(new IllegalStateException("payment " + payment.outTradeNo()
                    + " placed its order without being marked paid"));
          }
          return book(sql, tenantId, payment, transactionId, paidAt, placed.result().isPresent(), Then.COMMIT,
              ORDER_PAID, event(payment, transactionId, paidAt)).map(applied -> new Placing(applied, placed.result()));
        })
        // The order the payment placed is answered by the placing itself; any other is read as it is now.
        .compose(placing -> placing.placed().map(Future::succeededFuture)
            .orElseGet(() -> orders.order(sql, tenantId, payment.storeId(), payment.orderId())
                .map(Optional::orElseThrow))
            .map(order -> new Recorded(payment, order, placing.applied().now(), placing.applied().givenBack())));
  }

  /** What recording an order's payment did, and the order it placed, if it did. */
  private record Placing(Applied applied, Optional<Order> placed) {
  }

  private Future<Recorded> recordTab(SqlClient sql, UUID tenantId, Payment payment, String transactionId,
                                     Instant paidAt) {
    return payments.markPaid(sql, tenantId, payment.id(), transactionId, paidAt)
        .compose(marked -> !marked ? Future.succeededFuture(Applied.NOT_NOW)
            : payments.covered(sql, tenantId, payment.id())
                .compose(covered -> orders.settleTab(sql, tenantId, payment.storeId(), payment.tabId(), covered,
                        payment.id())
                    .compose(settled -> book(sql, tenantId, payment, transactionId, paidAt, settled, Then.COMMIT,
                        TAB_PAID, paidEvent(payment, transactionId, paidAt, covered)))))
        .map(applied -> new Recorded(payment, null, applied.now(), applied.givenBack()));
  }

  /**
   * The WeChat payment of the rest of an order or tab whose balance part is held: applied only with both, the hold
   * paid and booked beside it (each payment its own paid event). If the hold was given up meanwhile, or the order or
   * tab no longer awaits payment, the WeChat money is given back as a duplicate and the hold released.
   */
  private Future<Recorded> recordWithHold(SqlClient sql, UUID tenantId, Payment payment, String transactionId,
                                          Instant paidAt) {
    boolean ofTab = payment.tabId() != null;
    String topic = ofTab ? TAB_PAID : ORDER_PAID;
    return payments.lockById(sql, tenantId, payment.holdId())
        .compose(hold -> payments.markPaid(sql, tenantId, payment.id(), transactionId, paidAt)
            .compose(marked -> !marked ? Future.succeededFuture(Applied.NOT_NOW)
                : (ofTab ? payments.covered(sql, tenantId, payment.id()) : Future.succeededFuture(List.<UUID>of()))
                    .compose(covered -> (hold.status() != PaymentStatus.PENDING ? Future.succeededFuture(false)
                        : ofTab ? orders.settleTab(sql, tenantId, payment.storeId(), payment.tabId(), covered,
                            payment.id())
                        : orders.placePaid(sql, tenantId, payment.orderId(), payment.id()).map(Optional::isPresent))
                        .compose(applied -> !applied
                            ? holds.release(sql, tenantId, List.of(payment))
                                .compose(released -> book(sql, tenantId, payment, transactionId, paidAt, false,
                                    Then.MORE, topic, paidEvent(payment, transactionId, paidAt, covered)))
                            : payments.markPaid(sql, tenantId, hold.id(), null, paidAt)
                                .compose(holdPaid -> book(sql, tenantId, hold, null, paidAt, true, Then.MORE, topic,
                                    paidEvent(hold, null, paidAt, covered)))
                                .compose(holdBooked -> book(sql, tenantId, payment, transactionId, paidAt, true,
                                    Then.MORE, topic, paidEvent(payment, transactionId, paidAt, covered)
                                        .put("hold_id", hold.id().toString())))))))
        .compose(applied -> ofTab ? Future.succeededFuture(new Recorded(payment, null, applied.now(),
                applied.givenBack()))
            : orders.order(sql, tenantId, payment.storeId(), payment.orderId())
                .map(order -> new Recorded(payment, order.orElseThrow(), applied.now(), applied.givenBack())));
  }

  /** A top-up's money is always applied: it was paid for the balance, which always takes it. */
  private Future<Recorded> recordTopUp(SqlClient sql, UUID tenantId, Payment payment, String transactionId,
                                       Instant paidAt) {
    return payments.markPaid(sql, tenantId, payment.id(), transactionId, paidAt)
        .compose(marked -> !marked ? Future.succeededFuture(Applied.NOT_NOW)
            : book(sql, tenantId, payment, transactionId, paidAt, true, Then.COMMIT, TOP_UP_PAID,
                event(payment, transactionId, paidAt).put("top_up_id", payment.topUpId().toString())))
        .map(applied -> new Recorded(payment, null, applied.now(), applied.givenBack()));
  }

  /** What the transaction does once a payment is booked: commit, or more work (and so the commit waits for it). */
  private enum Then { COMMIT, MORE }

  /** Whether a payment just marked paid was applied, and the refund of it when it was not. */
  private record Applied(boolean now, Optional<DuplicatePaymentRefunds.GiveBack> givenBack) {
    static final Applied NOT_NOW = new Applied(false, Optional.empty());
  }

  /**
   * Books a payment just marked paid and writes its event. Money that paid for nothing (the order or tab was paid
   * otherwise, or is no longer payable) is booked as a duplicate and, if WeChat Pay took it, given back in the same
   * transaction: its refund is reserved now and asked of WeChat Pay after commit. Applied money booked as the
   * transaction's last work ({@link Then#COMMIT}) sends the commit behind the entry and the event: a round trip fewer
   * while the payment's lock is held.
   */
  private Future<Applied> book(SqlClient sql, UUID tenantId, Payment payment, String transactionId, Instant paidAt,
                               boolean applied, Then then, String topic, JsonObject event) {
    if (!applied) {
      LOG.warn("Payment {} arrived for {} {}, which no longer awaits it; giving it back", payment.outTradeNo(),
          payment.tabId() == null ? "order" : "tab", payment.tabId() == null ? payment.orderId() : payment.tabId());
    }
    // The entry and the event are sent together: neither needs the other's answer.
    Future<Void> written = Pipelined.all(ledger.paymentIn(sql, tenantId, payment, paidAt, !applied),
        outbox.append(sql, tenantId, applied ? topic : PAYMENT_UNAPPLIED, event));
    return (applied && then == Then.COMMIT ? database.committingWith(sql, written) : written)
        .compose(sent -> applied || payment.method() != PaymentMethod.WECHAT
            ? Future.succeededFuture(Optional.<DuplicatePaymentRefunds.GiveBack>empty())
            : duplicates.reserve(sql, tenantId, payment, transactionId))
        .map(givenBack -> new Applied(applied, givenBack));
  }

  /**
   * After commit: an order this payment placed goes to the kitchen and the table, a tab it paid to its diners, and
   * money it paid twice is asked back of WeChat Pay (if that fails, the refund follow-up asks again).
   */
  void announce(UUID tenantId, Recorded recorded) {
    if (recorded.appliedNow() && recorded.order() != null) {
      orders.announcePlaced(tenantId, recorded.order());
    } else if (recorded.appliedNow() && recorded.payment().tabId() != null) {
      Payment payment = recorded.payment();
      orders.announceTabPaid(tenantId, payment.storeId(), payment.tabId());
    }
    recorded.givenBack().ifPresent(refund -> refund.askWeChat(tenantId)
        .onFailure(failure -> LOG.warn("Duplicate payment {} not given back yet ({}); the follow-up asks again",
            recorded.payment().outTradeNo(), failure.getMessage())));
  }

  /** The paid event of a payment; a tab's names the orders it paid. */
  private static JsonObject paidEvent(Payment payment, String transactionId, Instant paidAt, List<UUID> covered) {
    JsonObject event = event(payment, transactionId, paidAt);
    return payment.tabId() == null ? event
        : event.put("order_ids", new JsonArray(covered.stream().map(UUID::toString).toList()));
  }

  private static JsonObject event(Payment payment, String transactionId, Instant paidAt) {
    return new JsonObject()
        .put("payment_id", payment.id().toString())
        .put("order_id", payment.orderId() == null ? null : payment.orderId().toString())
        .put("tab_id", payment.tabId() == null ? null : payment.tabId().toString())
        .put("store_id", payment.storeId().toString())
        .put("out_trade_no", payment.outTradeNo())
        .put("transaction_id", transactionId)
        .put("method", payment.method().wireName())
        .put("amount_fen", payment.amountFen())
        .put("paid_at", paidAt.toString());
  }
}
