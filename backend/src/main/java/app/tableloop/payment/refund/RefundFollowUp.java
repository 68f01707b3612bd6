package app.tableloop.payment.refund;

import app.tableloop.payment.WeChatPaymentQueries;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.result.WxPayRefundQueryV3Result;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds WeChat Pay has not reported on: its notification was lost, or our request never got an answer. Every
 * minute, refunds processing for a while are looked up on WeChat Pay and recorded as its notification would have been;
 * one WeChat Pay never received is asked for again under the same out_refund_no, so it is made at most once.
 */
public final class RefundFollowUp {
  private static final Logger LOG = LoggerFactory.getLogger(RefundFollowUp.class);
  /** Event-bus address that runs a pass at once and replies with how many refunds it settled. */
  public static final String FOLLOW_UP_NOW = "payment.refund.follow-up";
  private static final Duration EVERY = Duration.ofMinutes(1);
  /** WeChat Pay's notification normally comes within this; only then is it worth asking. */
  private static final Duration QUIET_FOR = Duration.ofMinutes(2);
  /** WeChat Pay answers refund queries for a year; a refund still open after a week needs a person, not a poll. */
  private static final Duration GIVE_UP_AFTER = Duration.ofDays(7);
  private static final int BATCH = 100;

  private final Database database;
  private final Refunds refunds;
  private final Refunding refunding;
  private final WeChatRefundResults results;
  private final WeChatGateway gateway;
  private final Clock clock;

  public RefundFollowUp(Database database, Refunds refunds, Refunding refunding, WeChatRefundResults results,
                        WeChatGateway gateway, Clock clock) {
    this.database = database;
    this.refunds = refunds;
    this.refunding = refunding;
    this.results = results;
    this.gateway = gateway;
    this.clock = clock;
  }

  public PeriodicJob job() {
    return new PeriodicJob(FOLLOW_UP_NOW, EVERY, this::pass);
  }

  /** One pass; answers how many refunds it found decided (succeeded or failed). */
  public Future<Integer> pass() {
    Instant now = clock.instant();
    return database.inTransaction(sql -> refunds.awaitingWeChat(sql, now.minus(QUIET_FOR), now.minus(GIVE_UP_AFTER),
            BATCH))
        .compose(this::followUp);
  }

  private Future<Integer> followUp(List<Refunds.Awaiting> awaiting) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Refunds.Awaiting refund : awaiting) {
      chain = chain.compose(decided -> followUp(refund)
          .map(status -> status == Refund.Status.PROCESSING ? decided : decided + 1)
          .recover(failure -> {
            LOG.warn("Refund {} not followed up yet: {}", refund.outRefundNo(), failure.getMessage());
            return Future.succeededFuture(decided);
          }));
    }
    return chain;
  }

  private Future<Refund.Status> followUp(Refunds.Awaiting awaiting) {
    return gateway.queryRefund(awaiting.outRefundNo())
        .compose(answer -> results.record(awaiting.tenantId(), refund(answer)))
        .recover(failure -> failure instanceof WxPayException wechat
            && "RESOURCE_NOT_EXISTS".equals(wechat.getErrCode()) ? askAgain(awaiting) : Future.failedFuture(failure));
  }

  /** WeChat Pay never received the request: it is sent again, exactly as first sent. */
  private Future<Refund.Status> askAgain(Refunds.Awaiting awaiting) {
    UUID tenantId = awaiting.tenantId();
    LOG.info("WeChat Pay has no refund {}; asking for it again", awaiting.outRefundNo());
    return database.inTenant(tenantId, sql -> refunds.lock(sql, tenantId, awaiting.outRefundNo()))
        .compose(found -> refunding.askWeChat(tenantId, found.orElseThrow()))
        .map(Refund::status);
  }

  private static WeChatRefund refund(WxPayRefundQueryV3Result answer) {
    long fen = answer.getAmount() == null || answer.getAmount().getRefund() == null ? -1
        : answer.getAmount().getRefund();
    return new WeChatRefund(answer.getOutRefundNo(), answer.getRefundId(), answer.getStatus(), fen,
        WeChatPaymentQueries.instant(answer.getSuccessTime()));
  }
}
