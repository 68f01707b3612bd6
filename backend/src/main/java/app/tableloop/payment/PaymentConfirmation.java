package app.tableloop.payment;

import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.Orders;
import app.tableloop.ordering.PaidOrders;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Problem;
import app.tableloop.platform.http.ProblemException;
import app.tableloop.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a payment becomes paid, whoever reports it (WeChat Pay's notification, the diner's "I have paid" check,
 * staff at the counter): in the caller's tenant transaction the payment is marked paid once, its money booked in the
 * ledger, the order moved from awaiting payment to placed (a tab's payment: the orders it covers marked paid and the
 * tab closed once nothing is left to pay), and an outbox event written; after commit the order goes to the kitchen's
 * feed and the table, or the tab's new state to its diners.
 */
public final class PaymentConfirmation {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentConfirmation.class);
  static final String ORDER_PAID = "order.paid";
  static final String TAB_PAID = "tab.paid";
  /** Money arrived for an order that no longer waited for it (paid otherwise, or cancelled): to be refunded. */
  static final String PAYMENT_UNAPPLIED = "payment.unapplied";

  private final Database database;
  private final Payments payments;
  private final PaymentLedger ledger;
  private final Outbox outbox;
  private final Orders orders;
  private final PaidOrders paidOrders;
  private final String mchId;
  private final String appId;
  private final Clock clock;

  /**
   * What recording a payment did: the payment, its order as it is now (none for a tab's payment), and whether this
   * payment was applied now (sent the order to the kitchen, or paid the tab's orders).
   */
  public record Recorded(Payment payment, Order order, boolean appliedNow) {
  }

  public PaymentConfirmation(Database database, Payments payments, PaymentLedger ledger, Outbox outbox, Orders orders,
                             PaidOrders paidOrders, String mchId, String appId, Clock clock) {
    this.database = database;
    this.payments = payments;
    this.ledger = ledger;
    this.outbox = outbox;
    this.orders = orders;
    this.paidOrders = paidOrders;
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
                return fail(PaymentProblems.ORDER_NOT_FOUND);
              }
              Payment payment = found.get();
              Optional<String> mismatch = TransactionMatch.mismatch(payment, transaction, mchId, appId);
              if (mismatch.isPresent()) {
                LOG.warn("WeChat Pay transaction {} for payment {} disagrees on {}; not recorded",
                    transaction.transactionId(), payment.outTradeNo(), mismatch.get());
                return fail(PaymentProblems.PAYMENT_MISMATCH.atField(mismatch.get()));
              }
              if ((!transaction.succeeded() || payment.status() == PaymentStatus.PAID) && payment.tabId() != null) {
                return Future.succeededFuture(new Recorded(payment, null, false));
              }
              if (!transaction.succeeded() || payment.status() == PaymentStatus.PAID) {
                return orders.find(sql, tenantId, payment.storeId(), payment.orderId())
                    .map(order -> new Recorded(payment, order.orElseThrow(), false));
              }
              return record(sql, tenantId, payment, transaction.transactionId(),
                  transaction.successTime() == null ? clock.instant() : transaction.successTime());
            }))
        .onSuccess(recorded -> announce(tenantId, recorded))
        .mapEmpty();
  }

  /** Records {@code payment} as paid in the caller's transaction; a payment already paid changes nothing. */
  Future<Recorded> record(SqlClient sql, UUID tenantId, Payment payment, String transactionId, Instant paidAt) {
    if (payment.tabId() != null) {
      return recordTab(sql, tenantId, payment, transactionId, paidAt);
    }
    return payments.markPaid(sql, tenantId, payment.id(), transactionId, paidAt)
        .compose(marked -> !marked ? Future.succeededFuture(false)
            : ledger.paymentIn(sql, tenantId, payment, paidAt)
                .compose(booked -> orders.move(sql, tenantId, payment.orderId(), OrderStatus.AWAITING_PAYMENT,
                    OrderStatus.PLACED, null))
                .compose(placed -> {
                  if (placed) {
                    return paidOrders.markPaid(sql, tenantId, payment.orderId(), payment.id()).map(placed);
                  }
                  return Future.succeededFuture(placed);
                })
                .compose(placed -> {
                  if (!placed) {
                    LOG.warn("Payment {} arrived for order {}, which no longer awaits payment; to be refunded",
                        payment.outTradeNo(), payment.orderId());
                  }
                  return outbox.append(sql, tenantId, placed ? ORDER_PAID : PAYMENT_UNAPPLIED,
                      event(payment, transactionId, paidAt)).map(placed);
                }))
        .compose(placed -> orders.find(sql, tenantId, payment.storeId(), payment.orderId())
            .map(order -> new Recorded(payment, order.orElseThrow(), placed)));
  }

  private Future<Recorded> recordTab(SqlClient sql, UUID tenantId, Payment payment, String transactionId,
                                     Instant paidAt) {
    return payments.markPaid(sql, tenantId, payment.id(), transactionId, paidAt)
        .compose(marked -> !marked ? Future.succeededFuture(false)
            : ledger.paymentIn(sql, tenantId, payment, paidAt)
                .compose(booked -> payments.covered(sql, tenantId, payment.id()))
                .compose(covered -> paidOrders.settleTab(sql, tenantId, payment.storeId(), payment.tabId(), covered,
                        payment.id())
                    .compose(settled -> {
                      if (!settled) {
                        LOG.warn("Payment {} arrived for tab {}, whose orders were paid otherwise; to be refunded",
                            payment.outTradeNo(), payment.tabId());
                      }
                      return outbox.append(sql, tenantId, settled ? TAB_PAID : PAYMENT_UNAPPLIED,
                          event(payment, transactionId, paidAt).put("order_ids",
                              new JsonArray(covered.stream().map(UUID::toString).toList()))).map(settled);
                    })))
        .map(settled -> new Recorded(payment, null, settled));
  }

  /** After commit: an order this payment placed goes to the kitchen and the table. */
  void announce(UUID tenantId, Recorded recorded) {
    if (recorded.appliedNow() && recorded.order() != null) {
      paidOrders.announcePlaced(tenantId, recorded.order());
    } else if (recorded.appliedNow()) {
      Payment payment = recorded.payment();
      paidOrders.announceTabPaid(tenantId, payment.storeId(), payment.tabId());
    }
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

  static <T> Future<T> fail(Problem problem) {
    return Future.failedFuture(new ProblemException(problem));
  }
}
