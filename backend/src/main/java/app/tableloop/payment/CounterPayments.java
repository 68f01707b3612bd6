package app.tableloop.payment;

import app.tableloop.identity.Access;
import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.Orders;
import app.tableloop.ordering.PaidOrders;
import app.tableloop.ordering.Tabs;
import app.tableloop.platform.database.Database;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff taking payment at the counter (cash, card, other) for a pay-first order awaiting payment, or for the whole of
 * an eat-first tab's unpaid orders at the end of the meal. It is recorded like any payment, with who took it; the
 * order's (or tab's) unpaid WeChat payments are given up, and closed on WeChat Pay so that the diner cannot pay twice.
 */
public final class CounterPayments {
  private final Database database;
  private final Orders orders;
  private final Tabs tabs;
  private final PaidOrders paidOrders;
  private final Payments payments;
  private final PaymentConfirmation confirmation;
  private final WeChatGateway gateway;
  private final Clock clock;

  private record Taken(PaymentConfirmation.Recorded recorded, List<Payment> givenUp) {
  }

  /** A tab's payment taken at the counter and the orders it paid. */
  public record TabTaken(Payment payment, List<UUID> orderIds) {
  }

  public CounterPayments(Database database, Orders orders, Tabs tabs, PaidOrders paidOrders, Payments payments,
                         PaymentConfirmation confirmation,
                         WeChatGateway gateway, Clock clock) {
    this.database = database;
    this.orders = orders;
    this.tabs = tabs;
    this.paidOrders = paidOrders;
    this.payments = payments;
    this.confirmation = confirmation;
    this.gateway = gateway;
    this.clock = clock;
  }

  public Future<Order> take(Access access, UUID orderId, PaymentMethod method) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> orders.find(sql, tenantId, access.storeId(), orderId)
            .compose(order -> order.isEmpty() ? PaymentConfirmation.<Order>fail(PaymentProblems.ORDER_NOT_FOUND)
                : order.get().status() != OrderStatus.AWAITING_PAYMENT
                    ? PaymentConfirmation.<Order>fail(PaymentProblems.NOT_AWAITING_PAYMENT)
                    : Future.succeededFuture(order.get()))
            .compose(order -> payments.closePending(sql, tenantId, orderId, null)
                .compose(givenUp -> payments.insert(sql, tenantId, new Payments.NewPayment(order.storeId(), orderId,
                        OutTradeNo.next(), method, order.totalFen(), null, null, null, access.user().userId()))
                    .compose(payment -> confirmation.record(sql, tenantId, payment.orElseThrow(), null,
                        clock.instant()))
                    // Someone else placed it meanwhile (its WeChat payment arrived): nothing is taken here.
                    .compose(recorded -> recorded.appliedNow() ? Future.succeededFuture(new Taken(recorded, givenUp))
                        : PaymentConfirmation.<Taken>fail(PaymentProblems.NOT_AWAITING_PAYMENT)))))
        .onSuccess(taken -> {
          confirmation.announce(tenantId, taken.recorded());
          // Failures are logged by the gateway; an order WeChat Pay never saw has nothing to close.
          taken.givenUp().forEach(payment -> gateway.closeOrder(payment.outTradeNo()));
        })
        .map(taken -> taken.recorded().order());
  }

  /** The tab's unpaid orders, all paid at once; the tab is closed as paid. */
  public Future<TabTaken> takeForTab(Access access, UUID tabId, PaymentMethod method) {
    UUID tenantId = access.tenantId();
    UUID storeId = access.storeId();
    return database.inTenant(tenantId, sql -> tabs.find(sql, tenantId, storeId, tabId)
            .compose(tab -> tab.isEmpty() ? PaymentConfirmation.<Void>fail(PaymentProblems.TAB_NOT_FOUND)
                : !tab.get().open() ? PaymentConfirmation.<Void>fail(PaymentProblems.TAB_NOT_OPEN)
                : Future.<Void>succeededFuture())
            .compose(found -> payments.closePendingOfTab(sql, tenantId, tabId, null))
            .compose(givenUp -> paidOrders.unpaidOfTab(sql, tenantId, storeId, tabId)
                .compose(unpaid -> unpaid.isEmpty()
                    ? PaymentConfirmation.<TakenForTab>fail(PaymentProblems.NOTHING_TO_PAY)
                    : payments.insertForTab(sql, tenantId, tabId, new Payments.NewPayment(storeId, null,
                            OutTradeNo.next(), method, unpaid.stream().mapToLong(Order::totalFen).sum(), null, null,
                            null, access.user().userId()))
                        .map(Optional::orElseThrow)
                        .compose(payment -> payments.cover(sql, tenantId, payment.id(),
                                unpaid.stream().map(Order::id).toList())
                            .compose(covered -> confirmation.record(sql, tenantId, payment, null, clock.instant())))
                        // Someone else paid them meanwhile: nothing is taken here.
                        .compose(recorded -> recorded.appliedNow()
                            ? Future.succeededFuture(new Taken(recorded, givenUp))
                            : PaymentConfirmation.<Taken>fail(PaymentProblems.NOTHING_TO_PAY))
                        .map(taken -> new TakenForTab(taken, unpaid.stream().map(Order::id).toList())))))
        .onSuccess(taken -> {
          confirmation.announce(tenantId, taken.taken().recorded());
          taken.taken().givenUp().forEach(payment -> gateway.closeOrder(payment.outTradeNo()));
        })
        .map(taken -> new TabTaken(taken.taken().recorded().payment(), taken.orderIds()));
  }

  private record TakenForTab(Taken taken, List<UUID> orderIds) {
  }
}
