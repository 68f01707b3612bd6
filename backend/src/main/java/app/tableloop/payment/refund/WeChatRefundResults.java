package app.tableloop.payment.refund;

import app.tableloop.payment.PaymentRefusal;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way what WeChat Pay says about a refund of ours is recorded, whoever brought it (its notification, or the
 * follow-up that asks): a success once, its money booked; a closed refund fails and its reservation is released; one
 * that disagrees with ours on the amount is refused.
 */
public final class WeChatRefundResults {
  private static final Logger LOG = LoggerFactory.getLogger(WeChatRefundResults.class);

  private final Database database;
  private final Refunds refunds;
  private final Refunding refunding;
  private final Clock clock;

  public WeChatRefundResults(Database database, Refunds refunds, Refunding refunding, Clock clock) {
    this.database = database;
    this.refunds = refunds;
    this.refunding = refunding;
    this.clock = clock;
  }

  /** Answers the refund's status here afterwards ({@code processing} while WeChat Pay has not decided). */
  Future<Refund.Status> record(UUID tenantId, WeChatRefund result) {
    return database.inTenant(tenantId, sql -> refunds.lock(sql, tenantId, result.outRefundNo())
        .compose(found -> {
          Refund refund = found.orElseThrow();
          if (refund.amountFen() != result.refundFen()) {
            LOG.warn("WeChat Pay refund {} disagrees with ours on the amount; not recorded", refund.outRefundNo());
            return Refusals.<Refund.Status>refuse(PaymentRefusal.REFUND_MISMATCH.at("amount"));
          }
          if ("SUCCESS".equals(result.status())) {
            return refunding.succeeded(sql, tenantId, refund, result.refundId(),
                    Optional.ofNullable(result.successTime()).orElseGet(clock::instant))
                .map(Refund.Status.SUCCEEDED);
          }
          if ("CLOSED".equals(result.status())) {
            return refunding.failed(sql, tenantId, refund, "CLOSED").map(Refund.Status.FAILED);
          }
          // ABNORMAL waits for the merchant to settle it on WeChat Pay's side; PROCESSING for WeChat Pay.
          LOG.warn("WeChat Pay reports refund {} as {}; it stays processing", refund.outRefundNo(), result.status());
          return Future.succeededFuture(refund.status());
        }));
  }
}
