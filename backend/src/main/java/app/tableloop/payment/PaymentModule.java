package app.tableloop.payment;

import app.tableloop.ordering.OrderingModule;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.payment.refund.DuplicateRefunds;
import app.tableloop.payment.refund.RefundFollowUp;
import app.tableloop.payment.refund.RefundNotifications;
import app.tableloop.payment.refund.Refunding;
import app.tableloop.payment.refund.Refunds;
import app.tableloop.payment.refund.WeChatRefundResults;
import app.tableloop.payment.settlement.DailySettlement;
import app.tableloop.payment.settlement.TopUpBonuses;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.outbox.Outbox;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.tenancy.Stores;
import app.tableloop.tenancy.TenancyModule;
import app.tableloop.wechat.WeChatGateway;
import java.time.Clock;
import java.util.List;

/**
 * WeChat Pay and counter payments, refunds, the ledger and the daily settlement. Of ordering it uses only its port,
 * {@link PayableOrders}.
 */
public final class PaymentModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;
  private final CounterCheckout counter;
  private final WeChatCheckout wechatCheckout;
  private final TopUpPayments topUps;

  /** {@code bonuses}: the port through which the settlement learns the bonus granted with top-ups. */
  public PaymentModule(Platform platform, WeChatGateway wechat, TenancyModule tenancy, OrderingModule ordering,
                       TopUpBonuses bonuses) {
    Database database = platform.database();
    // Paying for orders and recording the payments: a few short statements each, many times a second.
    Database paying = database.withGenericPlans();
    Clock clock = platform.clock();
    Stores stores = tenancy.stores();
    PayableOrders orders = ordering.payableOrders();
    String baseUrl = platform.publicBaseUrl().replaceFirst("/+$", "");
    Payments payments = new Payments();
    Refunds refunds = new Refunds();
    PaymentLedger ledger = new PaymentLedger();
    Outbox outbox = new Outbox();
    NotificationIntake intake = new NotificationIntake(database, new UnmatchedNotifications(), clock);

    Refunding refunding = new Refunding(database, stores, orders, payments, refunds, ledger, outbox, wechat,
        baseUrl + "/api/v1/payments/wechat/refund-notify", clock);
    WeChatRefundResults refundResults = new WeChatRefundResults(database, refunds, refunding, clock);
    StoredValueHolds holds = new StoredValueHolds(payments, outbox, clock);
    PaymentConfirmation confirmation = new PaymentConfirmation(paying, payments, ledger, outbox, orders,
        new DuplicateRefunds(payments, refunds, refunding), holds, wechat.mchId(), wechat.appId(), clock);
    WeChatPaymentQueries paymentQueries = new WeChatPaymentQueries(confirmation, wechat);
    WeChatPrepayClosing prepayClosing = new WeChatPrepayClosing(paymentQueries, wechat);

    this.jobs = List.of(
        new RefundFollowUp(database, refunds, refunding, refundResults, wechat, clock).job(),
        new PaymentFollowUp(database, orders, payments, paymentQueries, prepayClosing, holds, clock).job());
    this.wechatCheckout = new WeChatCheckout(paying, stores, orders, payments, holds, paymentQueries, wechat,
        baseUrl + "/api/v1/payments/wechat/notify", clock);
    this.counter = new CounterCheckout(paying, orders, payments, holds, confirmation, prepayClosing, clock);
    this.topUps = new TopUpPayments(database, payments, ledger, wechatCheckout, paymentQueries, clock);
    this.apis = List.of(new PaymentApi(
        wechatCheckout,
        counter,
        refunding,
        new DailySettlement(database, stores, ledger, refunds, wechat, bonuses, clock),
        intake,
        new PaymentNotifications(payments, confirmation, wechat),
        new RefundNotifications(refunds, refundResults, wechat),
        orders));
  }

  /** Payments taken at once, at the counter or (through {@link StoredValueBalance}) from a diner's stored value. */
  public CounterCheckout counterCheckout() {
    return counter;
  }

  /** The diner's WeChat payments, also of the rest of an order whose balance part is held. */
  public WeChatCheckout wechatCheckout() {
    return wechatCheckout;
  }

  /** The WeChat payments of stored-value top-ups. */
  public TopUpPayments topUpPayments() {
    return topUps;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<PeriodicJob> jobs() {
    return jobs;
  }
}
