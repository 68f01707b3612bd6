package app.tableloop.payment;

import app.tableloop.ordering.OrderingModule;
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

/** WeChat Pay and counter payments, refunds, the ledger and the daily settlement. */
public final class PaymentModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;

  public PaymentModule(Platform platform, WeChatGateway wechat, TenancyModule tenancy, OrderingModule ordering) {
    Database database = platform.database();
    Clock clock = platform.clock();
    Stores stores = tenancy.stores();
    String baseUrl = platform.publicBaseUrl().replaceFirst("/+$", "");
    Payments payments = new Payments();
    PaymentLedger ledger = new PaymentLedger();
    Outbox outbox = new Outbox();
    UnmatchedNotifications unmatched = new UnmatchedNotifications();
    Refunds refundRows = new Refunds();
    OrderRefunds refunds = new OrderRefunds(database, stores, ordering.payableOrders(), payments, refundRows, ledger, outbox,
        wechat, baseUrl + "/api/v1/payments/wechat/refund-notify", clock);
    PaymentConfirmation confirmation = new PaymentConfirmation(database, payments, ledger, outbox,
        ordering.payableOrders(), refundRows, refunds, wechat.mchId(), wechat.appId(), clock);
    WeChatRefundResults refundResults = new WeChatRefundResults(database, refundRows, refunds, clock);
    WeChatPaymentQueries paymentQueries = new WeChatPaymentQueries(confirmation, wechat);
    WeChatPrepayClosing prepayClosing = new WeChatPrepayClosing(paymentQueries, wechat);
    this.jobs = List.of(
        new RefundFollowUp(database, refundRows, refunds, refundResults, wechat, clock).job(),
        new PaymentFollowUp(database, ordering.payableOrders(), payments, paymentQueries, prepayClosing, clock).job());
    this.apis = List.of(new PaymentApi(
        new WeChatPayments(database, stores, ordering.payableOrders(), payments,
            paymentQueries, wechat, baseUrl + "/api/v1/payments/wechat/notify", clock),
        new WeChatNotifications(database, payments, unmatched, confirmation, wechat, clock),
        new CounterPayments(database, ordering.payableOrders(), payments,
            confirmation, prepayClosing, clock),
        refunds,
        new RefundNotifications(database, refundRows, refundResults, unmatched, wechat, clock),
        new DailySettlement(database, stores, ledger, refundRows, wechat), ordering.payableOrders()));
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
