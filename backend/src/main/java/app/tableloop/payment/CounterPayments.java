package app.tableloop.payment;

import app.tableloop.identity.Access;
import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.Orders;
import app.tableloop.platform.database.Database;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Staff taking payment at the counter (cash, card, other) for a pay-first order awaiting payment. It is recorded
 * like any payment, with who took it; the order's unpaid WeChat payments are given up, and closed on WeChat Pay so
 * that the diner cannot pay twice.
 */
public final class CounterPayments {
  private final Database database;
  private final Orders orders;
  private final Payments payments;
  private final PaymentConfirmation confirmation;
  private final WeChatGateway gateway;
  private final Clock clock;

  private record Taken(PaymentConfirmation.Recorded recorded, List<Payment> givenUp) {
  }

  public CounterPayments(Database database, Orders orders, Payments payments, PaymentConfirmation confirmation,
                         WeChatGateway gateway, Clock clock) {
    this.database = database;
    this.orders = orders;
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
                    .compose(recorded -> recorded.placedNow() ? Future.succeededFuture(new Taken(recorded, givenUp))
                        : PaymentConfirmation.<Taken>fail(PaymentProblems.NOT_AWAITING_PAYMENT)))))
        .onSuccess(taken -> {
          confirmation.announce(tenantId, taken.recorded());
          // Failures are logged by the gateway; an order WeChat Pay never saw has nothing to close.
          taken.givenUp().forEach(payment -> gateway.closeOrder(payment.outTradeNo()));
        })
        .map(taken -> taken.recorded().order());
  }
}
