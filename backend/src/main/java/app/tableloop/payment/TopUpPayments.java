package app.tableloop.payment;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Payment's side of stored-value top-ups, for the feature that keeps balances: a top-up is paid with WeChat Pay like an
 * order (the same prepay, the same verified and idempotent notification, the same follow-up that asks WeChat Pay and
 * closes expired ones), and once paid, {@link PaymentConfirmation#TOP_UP_PAID} is written in the confirming
 * transaction. Unspent principal handed back is booked here as money out of the top-up payments.
 */
public final class TopUpPayments {
  private final Database database;
  private final Payments payments;
  private final PaymentLedger ledger;
  private final WeChatCheckout checkout;
  private final WeChatPaymentQueries queries;
  private final Clock clock;

  TopUpPayments(Database database, Payments payments, PaymentLedger ledger, WeChatCheckout checkout,
                WeChatPaymentQueries queries, Clock clock) {
    this.database = database;
    this.payments = payments;
    this.ledger = ledger;
    this.checkout = checkout;
    this.queries = queries;
    this.clock = clock;
  }

  /** The WeChat payment of a top-up just created, in the caller's transaction; not yet handed to WeChat Pay. */
  public Future<Payment> insert(SqlClient sql, UUID tenantId, UUID storeId, UUID topUpId, long amountFen,
                                String payerOpenId, String description) {
    Instant expiresAt = clock.instant().plus(WeChatCheckout.PAYABLE_FOR).truncatedTo(ChronoUnit.SECONDS);
    return payments.insertForTopUp(sql, tenantId, topUpId, new Payments.NewPayment(storeId, null, OutTradeNo.next(),
        PaymentMethod.WECHAT, amountFen, payerOpenId, description, expiresAt, null));
  }

  /** After commit: WeChat Pay's prepay of the payment, answered as the order payments answer theirs. */
  public Future<JsonObject> prepare(UUID tenantId, Payment payment) {
    return checkout.prepare(tenantId, payment).map(PaymentJson::prepared);
  }

  /** "I have paid": asks WeChat Pay about a pending top-up's payment, recording it as its notification would. */
  public Future<Void> check(UUID tenantId, UUID paymentId) {
    return database.inTenant(tenantId, sql -> payments.byId(sql, tenantId, paymentId))
        .compose(payment -> payment.status() != PaymentStatus.PENDING ? Future.<Void>succeededFuture()
            : queries.ask(tenantId, List.of(payment.outTradeNo())).mapEmpty());
  }

  /** A payment by id, in the caller's transaction. */
  public Future<Payment> payment(SqlClient sql, UUID tenantId, UUID paymentId) {
    return payments.byId(sql, tenantId, paymentId);
  }

  /**
   * Books {@code amountFen} handed back in cash at the store out of the paid top-up payments, newest first, in the
   * caller's transaction: reserved on each payment (whose CHECK refuses more than was paid) and booked in the ledger
   * as cash refunds, so the day's settlement counts the money that left the till. {@code key} names the hand-back,
   * so booking it again changes nothing. Fails when the top-ups do not hold that much.
   */
  public Future<Void> handBackInCash(SqlClient sql, UUID tenantId, UUID storeId, List<UUID> topUpIds,
                                     long amountFen, String key) {
    Instant now = clock.instant();
    return payments.lockPaidTopUps(sql, tenantId, topUpIds).compose(paid -> {
      Future<Void> chain = Future.succeededFuture();
      long left = amountFen;
      int part = 0;
      for (Payments.Locked locked : paid) {
        long share = Math.min(left, locked.payment().amountFen() - locked.refundedFen());
        if (share <= 0) {
          continue;
        }
        left -= share;
        Payment payment = locked.payment();
        String outRefundNo = "stored-value:" + key + ":" + part++;
        chain = chain.compose(previous -> payments.reserveRefund(sql, tenantId, payment.id(), share))
            .compose(reserved -> ledger.refundOut(sql, tenantId, new PaymentLedger.Refunded(storeId, payment.id(),
                null, null, outRefundNo, PaymentMethod.CASH, share, now, false)));
      }
      return left > 0
          ? Future.failedFuture(new IllegalStateException("top-ups hold less than the principal handed back"))
          : chain;
    });
  }
}
