package app.tableloop.payment;

import app.tableloop.ordering.Order;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat payments WeChat Pay stays quiet about. Every minute, those handed out a while ago are looked up on WeChat Pay
 * and a paid one is recorded as its notification would have been; those whose time to pay has passed are given up:
 * closed on WeChat Pay first (so the diner cannot pay them any more), then here, and the order, if nothing else can
 * pay it now, is cancelled and its portions go back on sale (if WeChat Pay says the diner did pay, the payment is
 * recorded as paid instead).
 * Every instance runs the sweep; each step is guarded by a row lock and a status check, so two sweeps do no harm.
 */
public final class PaymentFollowUp {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentFollowUp.class);
  /** Event-bus address that runs a sweep at once and replies with how many orders it cancelled. */
  public static final String FOLLOW_UP_NOW = "payment.follow-up";
  private static final Duration EVERY = Duration.ofMinutes(1);
  private static final int BATCH = 100;
  /** WeChat Pay's notification normally follows payment within seconds; after this, it is worth asking. */
  private static final Duration QUIET_FOR = Duration.ofMinutes(1);
  static final String EXPIRED_REASON = "支付超时，订单已取消";

  private final Database database;
  private final PayableOrders orders;
  private final Payments payments;
  private final WeChatPaymentQueries queries;
  private final WeChatPrepayClosing closing;
  private final StoredValueHolds holds;
  private final Clock clock;

  public PaymentFollowUp(Database database, PayableOrders orders, Payments payments,
                         WeChatPaymentQueries queries, WeChatPrepayClosing closing, StoredValueHolds holds,
                         Clock clock) {
    this.holds = holds;
    this.database = database;
    this.orders = orders;
    this.payments = payments;
    this.queries = queries;
    this.closing = closing;
    this.clock = clock;
  }

  public PeriodicJob job() {
    return new PeriodicJob(FOLLOW_UP_NOW, EVERY, this::pass);
  }

  /**
   * One pass: payments handed out a while ago and not reported paid are looked up on WeChat Pay (its notification
   * may have been lost), then the expired ones are closed; answers how many orders it cancelled.
   */
  public Future<Integer> pass() {
    return askAboutQuietPayments().compose(asked -> closeExpired());
  }

  private Future<Void> askAboutQuietPayments() {
    Instant now = clock.instant();
    return database.inTransaction(sql -> payments.quiet(sql, now.minus(QUIET_FOR), now, BATCH))
        .compose(quiet -> {
          Future<Void> chain = Future.succeededFuture();
          for (Payments.Pending payment : quiet) {
            chain = chain.compose(previous -> queries.ask(payment.tenantId(), List.of(payment.outTradeNo()))
                .recover(failure -> {
                  LOG.warn("Could not ask WeChat Pay about payment {}: {}", payment.outTradeNo(),
                      failure.getMessage());
                  return Future.succeededFuture();
                }));
          }
          return chain;
        });
  }

  private Future<Integer> closeExpired() {
    return database.inTransaction(sql -> payments.expired(sql, clock.instant(), BATCH))
        .compose(expired -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Payments.Pending payment : expired) {
            chain = chain.compose(cancelled -> expire(payment).map(one -> one ? cancelled + 1 : cancelled));
          }
          return chain;
        })
        .onSuccess(cancelled -> {
          if (cancelled > 0) {
            LOG.info("Cancelled {} order(s) whose WeChat payment expired", cancelled);
          }
        });
  }

  /** True when the payment's order was cancelled; a payment WeChat Pay would not close is tried again next time. */
  private Future<Boolean> expire(Payments.Pending expired) {
    return closing.close(expired.tenantId(), expired.outTradeNo())
        .map(outcome -> outcome == WeChatPrepayClosing.Outcome.CLOSED)
        .compose(closedAtWeChat -> closedAtWeChat ? closeHere(expired) : Future.succeededFuture(false))
        .recover(failure -> {
          LOG.warn("Expired WeChat payment {} not closed yet: {}", expired.outTradeNo(), failure.getMessage());
          return Future.succeededFuture(false);
        });
  }

  private Future<Boolean> closeHere(Payments.Pending expired) {
    UUID tenantId = expired.tenantId();
    return database.inTenant(tenantId, sql -> payments.lock(sql, tenantId, expired.outTradeNo())
            .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<Order>empty())
                : payments.close(sql, tenantId, found.get().id())
                    .compose(closed -> !closed ? Future.succeededFuture(false)
                        : holds.release(sql, tenantId, List.of(found.get())).map(true))
                    // A tab's payment has no order of its own to cancel: the meal is still to be paid.
                    .compose(closed -> !closed || found.get().orderId() == null ? Future.succeededFuture(false)
                        : payments.hasPayablePending(sql, tenantId, found.get().orderId(), clock.instant())
                            .map(payable -> !payable))
                    .compose(cancel -> !cancel ? Future.succeededFuture(Optional.<Order>empty())
                        : orders.release(sql, tenantId, found.get().storeId(), found.get().orderId(),
                            EXPIRED_REASON))))
        .onSuccess(cancelled -> cancelled.ifPresent(order -> orders.announceChanged(tenantId, order)))
        .map(Optional::isPresent);
  }
}
