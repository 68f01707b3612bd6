package app.tableloop.loyalty.coupon;

import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Gives a coupon back to its wallet when the order that redeemed it came to nothing: cancelled, rejected, or
 * released when its payment closed ({@code order.ended}), or refunded in full ({@code payment.refunded}, once the
 * order's refunds reach what it cost; a partial refund keeps the coupon used). A coupon that expired meanwhile stays
 * used. The relay runs this once per event, and giving back twice would change nothing anyway.
 */
final class CouponReturns implements EventHandler {
  static final String ORDER_ENDED = "order.ended";
  static final String PAYMENT_REFUNDED = "payment.refunded";

  private final Coupons coupons;
  private final Clock clock;

  CouponReturns(Coupons coupons, Clock clock) {
    this.coupons = coupons;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "loyalty-coupon-returns";
  }

  @Override
  public Set<String> topics() {
    return Set.of(ORDER_ENDED, PAYMENT_REFUNDED);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    String order = event.payload().getString("order_id");
    if (order == null) {
      // A duplicate payment given back whole: no order of it redeemed anything.
      return Future.succeededFuture();
    }
    UUID orderId = UUID.fromString(order);
    return (event.topic().equals(ORDER_ENDED)
        ? coupons.giveBack(sql, event.tenantId(), orderId, clock.instant())
        : coupons.giveBackIfRefundedInFull(sql, event.tenantId(), orderId, clock.instant()))
        .mapEmpty();
  }
}
