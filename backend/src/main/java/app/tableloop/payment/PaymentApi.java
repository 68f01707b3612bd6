package app.tableloop.payment;

import static app.tableloop.platform.http.Requests.body;
import static app.tableloop.platform.http.Requests.id;

import app.tableloop.identity.Callers;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.payment.refund.RefundNotifications;
import app.tableloop.payment.refund.RefundRequest;
import app.tableloop.payment.refund.Refunding;
import app.tableloop.payment.settlement.DailySettlement;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.CommonProblems;
import app.tableloop.platform.http.Problem;
import app.tableloop.platform.http.ProblemException;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.refusal.Refused;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of payments: the diner's WeChat Pay, WeChat Pay's notifications, counter payments, refunds and the
 * daily settlement.
 */
public final class PaymentApi implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentApi.class);

  private final WeChatCheckout wechatCheckout;
  private final CounterCheckout counter;
  private final Refunding refunds;
  private final DailySettlement settlement;
  private final NotificationIntake intake;
  private final PaymentNotifications paymentNotifications;
  private final RefundNotifications refundNotifications;
  private final PayableOrders orders;

  public PaymentApi(WeChatCheckout wechatCheckout, CounterCheckout counter, Refunding refunds,
                    DailySettlement settlement, NotificationIntake intake, PaymentNotifications paymentNotifications,
                    RefundNotifications refundNotifications, PayableOrders orders) {
    this.wechatCheckout = wechatCheckout;
    this.counter = counter;
    this.refunds = refunds;
    this.settlement = settlement;
    this.intake = intake;
    this.paymentNotifications = paymentNotifications;
    this.refundNotifications = refundNotifications;
    this.orders = orders;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("requestWeChatPayment").addHandler(rc -> wechatCheckout.request(Callers.of(rc), id(rc, "tab"),
            id(rc, "order"))
        .onSuccess(prepared -> rc.json(PaymentJson.prepared(prepared)))
        .onFailure(rc::fail));
    api.getRoute("checkPayment").addHandler(rc -> wechatCheckout.check(Callers.of(rc), id(rc, "tab"), id(rc, "order"))
        .onSuccess(order -> rc.json(orders.json(order)))
        .onFailure(rc::fail));
    api.getRoute("checkTabPayment").addHandler(rc -> wechatCheckout.checkTab(Callers.of(rc), id(rc, "tab"))
        .onSuccess(rc::json)
        .onFailure(rc::fail));
    api.getRoute("takeCounterPayment").addHandler(rc -> counter.take(Callers.of(rc), id(rc, "order"),
            PaymentMethod.fromWireName(body(rc).getString("method")).orElseThrow())
        .onSuccess(order -> rc.json(orders.json(order)))
        .onFailure(rc::fail));
    api.getRoute("requestTabWeChatPayment").addHandler(rc -> wechatCheckout.requestForTab(Callers.of(rc),
            id(rc, "tab"))
        .onSuccess(prepared -> rc.json(PaymentJson.prepared(prepared)))
        .onFailure(rc::fail));
    api.getRoute("takeTabCounterPayment").addHandler(rc -> counter.takeForTab(Callers.of(rc), id(rc, "tab"),
            PaymentMethod.fromWireName(body(rc).getString("method")).orElseThrow())
        .onSuccess(taken -> rc.json(PaymentJson.tabPayment(taken)))
        .onFailure(rc::fail));
    api.getRoute("refundOrder").addHandler(rc -> {
      JsonObject body = body(rc);
      refunds.refund(Callers.of(rc), id(rc, "order"), new RefundRequest(body.getLong("amount_fen"),
              body.getString("reason"), body.getString("idempotency_key")))
          .onSuccess(refund -> rc.json(PaymentJson.refund(refund)))
          .onFailure(rc::fail);
    });
    api.getRoute("getSettlement").addHandler(rc -> {
      LocalDate day;
      try {
        day = LocalDate.parse(rc.pathParam("date"));
      } catch (DateTimeParseException e) {
        rc.fail(new ProblemException(CommonProblems.invalidField("date", "not a date (yyyy-MM-dd)")));
        return;
      }
      settlement.settle(Callers.of(rc), day)
          .onSuccess(report -> rc.json(PaymentJson.settlement(report)))
          .onFailure(rc::fail);
    });
    api.getRoute("receiveWeChatPayNotification").addHandler(rc -> notification(rc,
        intake.receive(rawBody(rc), WeChatGateway.signatureHeader(rc.request().headers()), paymentNotifications)));
    api.getRoute("receiveWeChatRefundNotification").addHandler(rc -> notification(rc,
        intake.receive(rawBody(rc), WeChatGateway.signatureHeader(rc.request().headers()), refundNotifications)));
  }

  /**
   * WeChat Pay takes any 2xx as delivered; anything else it retries, and wants {@code {"code":"FAIL","message":…}}.
   * The signature covers the body exactly as it came, so it is passed on unparsed.
   */
  private static void notification(RoutingContext rc, Future<Void> receiving) {
    receiving
        .onSuccess(received -> rc.response().setStatusCode(200).end())
        .onFailure(failure -> {
          int status = 500;
          String message = "处理失败，请重试";
          Problem problem = failure instanceof Refused refused ? Refusals.problem(refused.refusal())
              : failure instanceof ProblemException known ? known.problem() : null;
          if (problem != null) {
            status = problem.status();
            message = problem.message();
          } else {
            LOG.warn("A WeChat Pay notification could not be recorded; WeChat Pay will retry", failure);
          }
          rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("code", "FAIL").put("message", message).encode());
        });
  }

  private static String rawBody(RoutingContext rc) {
    return rc.body().buffer() == null ? "" : rc.body().asString("UTF-8");
  }
}
