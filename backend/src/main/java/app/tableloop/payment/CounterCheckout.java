package app.tableloop.payment;

import app.tableloop.platform.http.Refusals;
import app.tableloop.identity.Access;
import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff taking payment at the counter (cash, card, other) for a pay-first order awaiting payment, or for the whole of
 * an eat-first tab's unpaid orders at the end of the meal; and, the same way, a diner paying their order or tab from
 * their stored-value balance (taken in the transaction that records the payment). So that the diner is not charged
 * twice, the order's (or tab's) pending WeChat payments are first closed at WeChat Pay; if WeChat Pay says the diner
 * has just paid one, that payment is recorded and the counter takes nothing. Otherwise the money is recorded like any
 * payment, with who took it, and the pending WeChat payments are given up, with the balance any of them held (any made
 * meanwhile are closed after commit). If WeChat Pay cannot
 * be reached, the counter still takes the money: a WeChat payment that arrives anyway is given back automatically.
 */
public final class CounterCheckout {
  private static final Logger LOG = LoggerFactory.getLogger(CounterCheckout.class);
  private final Database database;
  private final PayableOrders orders;
  private final Payments payments;
  private final StoredValueHolds holds;
  private final PaymentConfirmation confirmation;
  private final WeChatPrepayClosing closing;
  private final Clock clock;

  private record Taken(PaymentConfirmation.Recorded recorded, List<Payment> givenUp) {
  }

  /** Who pays and how: the payment's method, the staff member taking it or the paying diner, and its money's source. */
  private record Taking(PaymentMethod method, UUID recordedBy, String payerOpenId, UUID payerUserId,
                        StoredValueBalance balance) {

    static Taking atCounter(Access access, PaymentMethod method) {
      return new Taking(method, access.user().userId(), null, null, null);
    }

    static Taking fromBalance(Access access, StoredValueBalance balance) {
      return new Taking(PaymentMethod.STORED_VALUE, null, access.user().openId(), access.user().userId(), balance);
    }
  }

  /** A payment from the balance takes its money in the transaction that records it; the counter's took it already. */
  private static Future<Void> take(SqlClient sql, UUID tenantId, Taking taking, Payment payment) {
    return taking.balance() == null ? Future.succeededFuture()
        : taking.balance().take(sql, tenantId, taking.payerUserId(), payment);
  }

  private static Future<Void> check(SqlClient sql, UUID tenantId, Taking taking, long amountFen) {
    return taking.balance() == null ? Future.succeededFuture()
        : taking.balance().check(sql, tenantId, taking.payerUserId(), amountFen);
  }

  /** A tab's payment taken at the counter and the orders it paid. */
  public record TabTaken(Payment payment, List<UUID> orderIds) {
  }

  public CounterCheckout(Database database, PayableOrders orders, Payments payments, StoredValueHolds holds,
                         PaymentConfirmation confirmation,
                         WeChatPrepayClosing closing, Clock clock) {
    this.database = database;
    this.orders = orders;
    this.payments = payments;
    this.holds = holds;
    this.confirmation = confirmation;
    this.closing = closing;
    this.clock = clock;
  }

  public Future<Order> take(Access access, UUID orderId, PaymentMethod method) {
    return takeForOrder(access, sql -> awaitingPayment(sql, access, orderId), Taking.atCounter(access, method))
        .map(PaymentConfirmation.Recorded::order);
  }

  /** The diner pays an order of their tab awaiting payment from their stored-value balance; answers the payment. */
  public Future<Payment> takeStoredValue(Access access, UUID tabId, UUID orderId, StoredValueBalance balance) {
    return takeForOrder(access, sql -> dinersAwaitingPayment(sql, access, tabId, orderId),
        Taking.fromBalance(access, balance)).map(recorded -> recorded.payment());
  }

  /** The diner pays everything their tab still owes from their stored-value balance. */
  public Future<TabTaken> takeTabStoredValue(Access access, UUID tabId, StoredValueBalance balance) {
    return takeForTab(access, tabId, sql -> dinersOpenTab(sql, access, tabId), Taking.fromBalance(access, balance));
  }

  private Future<PaymentConfirmation.Recorded> takeForOrder(Access access,
                                                            Function<SqlClient, Future<Order>> awaiting,
                                                            Taking taking) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> awaiting.apply(sql)
            .compose(order -> check(sql, tenantId, taking, order.totalFen())
                .compose(covered -> payments.pendingWeChat(sql, tenantId, order.id()))))
        .compose(pending -> closeAtWeChat(tenantId, pending))
        .compose(closed -> database.inTenant(tenantId, sql -> awaiting.apply(sql)
            .compose(order -> payments.closePending(sql, tenantId, order.id(), null)
                .compose(givenUp -> holds.release(sql, tenantId, givenUp).map(givenUp))
                .compose(givenUp -> payments.insert(sql, tenantId, new Payments.NewPayment(order.storeId(),
                        order.id(), OutTradeNo.next(), taking.method(), order.totalFen(), taking.payerOpenId(), null,
                        null, taking.recordedBy()))
                    .map(Optional::orElseThrow)
                    .compose(payment -> take(sql, tenantId, taking, payment)
                        .compose(taken -> confirmation.record(sql, tenantId, payment, null, clock.instant())))
                    // Someone else placed it meanwhile (its WeChat payment arrived): nothing is taken here.
                    .compose(recorded -> recorded.appliedNow() ? Future.succeededFuture(new Taken(recorded, givenUp))
                        : Refusals.<Taken>refuse(PaymentRefusal.NOT_AWAITING_PAYMENT))))))
        .onSuccess(taken -> {
          confirmation.announce(tenantId, taken.recorded());
          closeGivenUp(tenantId, taken.givenUp());
        })
        .map(taken -> taken.recorded());
  }

  /** The tab's unpaid orders, all paid at once; the tab is closed as paid. */
  public Future<TabTaken> takeForTab(Access access, UUID tabId, PaymentMethod method) {
    return takeForTab(access, tabId, sql -> openTab(sql, access, tabId), Taking.atCounter(access, method));
  }

  private Future<TabTaken> takeForTab(Access access, UUID tabId, Function<SqlClient, Future<Void>> openTab,
                                      Taking taking) {
    UUID tenantId = access.tenantId();
    UUID storeId = access.storeId();
    return database.inTenant(tenantId, sql -> openTab.apply(sql)
            .compose(open -> orders.unpaidOfTab(sql, tenantId, storeId, tabId))
            .compose(unpaid -> check(sql, tenantId, taking, unpaid.stream().mapToLong(Order::totalFen).sum()))
            .compose(covered -> payments.pendingWeChatOfTab(sql, tenantId, tabId)))
        .compose(pending -> closeAtWeChat(tenantId, pending))
        .compose(closed -> database.inTenant(tenantId, sql -> openTab.apply(sql)
            .compose(open -> payments.closePendingOfTab(sql, tenantId, tabId, null))
            .compose(givenUp -> holds.release(sql, tenantId, givenUp).map(givenUp))
            .compose(givenUp -> orders.unpaidOfTab(sql, tenantId, storeId, tabId)
                .compose(unpaid -> unpaid.isEmpty()
                    ? Refusals.<TakenForTab>refuse(PaymentRefusal.NOTHING_TO_PAY)
                    : payments.insertForTab(sql, tenantId, tabId, new Payments.NewPayment(storeId, null,
                            OutTradeNo.next(), taking.method(), unpaid.stream().mapToLong(Order::totalFen).sum(),
                            taking.payerOpenId(), null, null, taking.recordedBy()))
                        .map(Optional::orElseThrow)
                        .compose(payment -> payments.cover(sql, tenantId, payment.id(),
                                unpaid.stream().map(Order::id).toList())
                            .compose(covered -> take(sql, tenantId, taking, payment))
                            .compose(taken -> confirmation.record(sql, tenantId, payment, null, clock.instant())))
                        // Someone else paid them meanwhile: nothing is taken here.
                        .compose(recorded -> recorded.appliedNow()
                            ? Future.succeededFuture(new Taken(recorded, givenUp))
                            : Refusals.<Taken>refuse(PaymentRefusal.NOTHING_TO_PAY))
                        .map(taken -> new TakenForTab(taken, unpaid.stream().map(Order::id).toList()))))))
        .onSuccess(taken -> {
          confirmation.announce(tenantId, taken.taken().recorded());
          closeGivenUp(tenantId, taken.taken().givenUp());
        })
        .map(taken -> new TabTaken(taken.taken().recorded().payment(), taken.orderIds()));
  }

  private record TakenForTab(Taken taken, List<UUID> orderIds) {
  }

  private Future<Order> awaitingPayment(SqlClient sql, Access access, UUID orderId) {
    return orders.order(sql, access.tenantId(), access.storeId(), orderId)
        .compose(order -> order.isEmpty() ? Refusals.<Order>refuse(PaymentRefusal.ORDER_NOT_FOUND)
            : order.get().status() != OrderStatus.AWAITING_PAYMENT
                ? Refusals.<Order>refuse(PaymentRefusal.NOT_AWAITING_PAYMENT)
                : Future.succeededFuture(order.get()));
  }

  private Future<Order> dinersAwaitingPayment(SqlClient sql, Access access, UUID tabId, UUID orderId) {
    return orders.dinersOrder(sql, access.tenantId(), access.storeId(), tabId, orderId, access.user().userId())
        .compose(order -> order.isEmpty() ? Refusals.<Order>refuse(PaymentRefusal.ORDER_NOT_FOUND)
            : order.get().status() != OrderStatus.AWAITING_PAYMENT
                ? Refusals.<Order>refuse(PaymentRefusal.NOT_AWAITING_PAYMENT)
                : Future.succeededFuture(order.get()));
  }

  private Future<Void> dinersOpenTab(SqlClient sql, Access access, UUID tabId) {
    return orders.dinersTab(sql, access.tenantId(), access.storeId(), tabId, access.user().userId())
        .compose(tab -> tab.isEmpty() ? Refusals.<Void>refuse(PaymentRefusal.TAB_NOT_FOUND)
            : !tab.get().open() ? Refusals.<Void>refuse(PaymentRefusal.TAB_NOT_OPEN)
            : Future.<Void>succeededFuture());
  }

  /**
   * After commit: the pending payments given up (closed at WeChat Pay before, or made meanwhile) are closed there; one
   * the diner managed to pay is recorded, and so given back as a duplicate.
   */
  private void closeGivenUp(UUID tenantId, List<Payment> givenUp) {
    givenUp.forEach(payment -> closing.close(tenantId, payment.outTradeNo()).onFailure(failure ->
        LOG.warn("Could not close given-up WeChat payment {}: {}", payment.outTradeNo(), failure.getMessage())));
  }

  private Future<Void> openTab(SqlClient sql, Access access, UUID tabId) {
    return orders.tab(sql, access.tenantId(), access.storeId(), tabId)
        .compose(tab -> tab.isEmpty() ? Refusals.<Void>refuse(PaymentRefusal.TAB_NOT_FOUND)
            : !tab.get().open() ? Refusals.<Void>refuse(PaymentRefusal.TAB_NOT_OPEN)
            : Future.<Void>succeededFuture());
  }

  /**
   * Closes the pending WeChat payments at WeChat Pay, one by one; fails with {@code paid_with_wechat} as soon as one
   * turns out paid (it is recorded by then). One WeChat Pay does not answer about is left to the safety net above.
   */
  private Future<Void> closeAtWeChat(UUID tenantId, List<Payment> pending) {
    Future<Void> chain = Future.succeededFuture();
    for (Payment payment : pending) {
      chain = chain.compose(previous -> closing.close(tenantId, payment.outTradeNo())
          .recover(failure -> {
            LOG.warn("Could not close WeChat payment {} before a counter payment: {}", payment.outTradeNo(),
                failure.getMessage());
            return Future.succeededFuture(WeChatPrepayClosing.Outcome.CLOSED);
          })
          .compose(outcome -> outcome == WeChatPrepayClosing.Outcome.PAID
              ? Refusals.<Void>refuse(PaymentRefusal.PAID_WITH_WECHAT) : Future.<Void>succeededFuture()));
    }
    return chain;
  }
}
