package app.tableloop.loyalty.points;

import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Set;
import java.util.UUID;

/**
 * Points and levels from payment's events: a paid order or tab earns its member points and may lift their level; a
 * refund claws points back and may lower it. Registered after membership's handler, which records the visit (who paid,
 * how much) that this one reads. The relay runs it in the transaction that records the event as handled, so each
 * event counts once however often it comes.
 */
public final class PointsEarning implements EventHandler {
  static final String ORDER_PAID = "order.paid";
  static final String TAB_PAID = "tab.paid";
  static final String PAYMENT_REFUNDED = "payment.refunded";

  private final Points points;

  public PointsEarning(Points points) {
    this.points = points;
  }

  @Override
  public String name() {
    return "loyalty-points";
  }

  @Override
  public Set<String> topics() {
    return Set.of(ORDER_PAID, TAB_PAID, PAYMENT_REFUNDED);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    UUID paymentId = UUID.fromString(event.payload().getString("payment_id"));
    return event.topic().equals(PAYMENT_REFUNDED)
        ? points.refunded(sql, event.tenantId(), paymentId, UUID.fromString(event.payload().getString("refund_id")))
        : points.paid(sql, event.tenantId(), paymentId);
  }
}
