package app.tableloop.membership;

import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.Set;
import java.util.UUID;

/**
 * Members' visit statistics from payment's events. A paid order or tab is recorded for the diner (members or not, so
 * that joining later counts it) and, if the diner is a member, counted into their statistics: its money always, a
 * visit when it is a new meal (加菜 paid on its own is the same visit); a refund takes its money off, whichever of the
 * two events comes first (the visit counts the refunds made by then, a refund what the visit did not). The relay runs
 * this in the transaction that records the event as handled, so each event counts once however often it comes; the
 * diner's lock makes a visit paid while they join count once too.
 */
public final class VisitStatistics implements EventHandler {
  static final String ORDER_PAID = "order.paid";
  static final String TAB_PAID = "tab.paid";
  static final String PAYMENT_REFUNDED = "payment.refunded";

  private final Members members;
  private final DinerVisits visits;

  public VisitStatistics(Members members, DinerVisits visits) {
    this.members = members;
    this.visits = visits;
  }

  @Override
  public String name() {
    return "membership-visits";
  }

  @Override
  public Set<String> topics() {
    return Set.of(ORDER_PAID, TAB_PAID, PAYMENT_REFUNDED);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    UUID tenantId = event.tenantId();
    JsonObject payload = event.payload();
    UUID paymentId = UUID.fromString(payload.getString("payment_id"));
    if (event.topic().equals(PAYMENT_REFUNDED)) {
      return visits.refund(sql, tenantId, paymentId)
          .compose(refunded -> refunded.isEmpty() || refunded.get().userId() == null || refunded.get().fen() == 0
              ? Future.succeededFuture()
              : members.lockDiner(sql, tenantId, refunded.get().userId())
                  .compose(locked -> members.subtractSpend(sql, tenantId, refunded.get().userId(),
                      refunded.get().fen())));
    }
    return visits.record(sql, tenantId, paymentId, event.ids("order_id", "order_ids"))
        .compose(recorded -> recorded.isEmpty() || recorded.get().userId() == null ? Future.succeededFuture()
            : members.lockDiner(sql, tenantId, recorded.get().userId())
                .compose(locked -> visits.firstOfMeal(sql, tenantId, recorded.get().userId(), recorded.get().tabId()))
                .compose(newVisit -> members.addPayment(sql, tenantId, recorded.get().userId(),
                    recorded.get().amountFen() - recorded.get().refundedFen(), recorded.get().paidAt(), newVisit)));
  }
}
