package app.tableloop.payment.refund;

import app.tableloop.payment.DuplicatePaymentRefunds;
import app.tableloop.payment.Payment;
import app.tableloop.payment.Payments;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;

/** Refunds' side of {@link DuplicatePaymentRefunds}: the refund row and the payment's reservation, then WeChat Pay. */
public final class DuplicateRefunds implements DuplicatePaymentRefunds {
  private final Payments payments;
  private final Refunds refunds;
  private final Refunding refunding;

  public DuplicateRefunds(Payments payments, Refunds refunds, Refunding refunding) {
    this.payments = payments;
    this.refunds = refunds;
    this.refunding = refunding;
  }

  @Override
  public Future<Optional<GiveBack>> reserve(SqlClient sql, UUID tenantId, Payment payment, String transactionId) {
    return refunds.insertDuplicate(sql, tenantId, payment, new DuplicatePayment(transactionId))
        .compose(inserted -> inserted.isEmpty() ? Future.succeededFuture(Optional.<GiveBack>empty())
            : payments.reserveRefund(sql, tenantId, payment.id(), payment.amountFen())
                .map(reserved -> Optional.of(tenant -> refunding.askWeChat(tenant, inserted.get()).mapEmpty())));
  }
}
