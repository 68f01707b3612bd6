package app.tableloop.wechat.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The simulator's own pay endpoints under {@code /sim/pay} (plain JSON, unsigned): what the diner's phone does
 * (pay) and the test knobs of {@link PaySimulation}, for tools and the mini-program's own tests.
 */
final class PayControlEndpoints {
  private final PaySimulation pay;
  private final PayLedger ledger;
  private final String mchId;

  PayControlEndpoints(PaySimulation pay, PayLedger ledger, String mchId) {
    this.pay = pay;
    this.ledger = ledger;
    this.mchId = mchId;
  }

  void mount(Router router) {
    router.post("/sim/pay/pay").handler(this::payOrder);
    router.get("/sim/pay/notifications").handler(rc -> rc.json(new JsonArray(pay.notificationDeliveries().stream()
        .map(PayControlEndpoints::json).toList())));
    router.get("/sim/pay/notifications/held").handler(rc -> pay.heldNotificationsOnceSigned()
        .onComplete(held -> rc.json(new JsonArray(held)), rc::fail));
    router.post("/sim/pay/notifications/hold").handler(rc -> {
      boolean hold = body(rc).getBoolean("hold", true);
      pay.holdNotifications(hold);
      rc.json(new JsonObject().put("holding", hold));
    });
    router.post("/sim/pay/notifications/release").handler(rc -> {
      boolean released = pay.releaseNotification(body(rc).getString("id", ""));
      rc.response().setStatusCode(released ? 200 : 404);
      rc.json(new JsonObject().put("released", released));
    });
    router.post("/sim/pay/notifications/repeat").handler(rc -> {
      pay.repeatNextNotification(Math.max(0, body(rc).getInteger("copies", 1)));
      rc.json(new JsonObject().put("ok", true));
    });
    router.post("/sim/pay/notifications/delay").handler(rc -> {
      pay.delayNextNotification(Duration.ofMillis(Math.max(0, body(rc).getLong("millis", 0L))));
      rc.json(new JsonObject().put("ok", true));
    });
    router.post("/sim/pay/refunds/processing-time").handler(rc -> {
      pay.refundProcessingTime(Duration.ofMillis(Math.max(0, body(rc).getLong("millis", 0L))));
      rc.json(new JsonObject().put("ok", true));
    });
    router.post("/sim/pay/fail-next-request").handler(rc -> {
      pay.failNextRequests(Math.max(1, body(rc).getInteger("count", 1)));
      rc.json(new JsonObject().put("ok", true));
    });
    router.post("/sim/pay/tamper-next-response").handler(rc -> {
      pay.tamperNextResponse();
      rc.json(new JsonObject().put("ok", true));
    });
  }

  /** {"prepay_id": ...} or {"out_trade_no": ...}; answers the paid transaction as an order query would. */
  private void payOrder(RoutingContext rc) {
    JsonObject body = body(rc);
    String prepayId = body.getString("prepay_id");
    Optional<String> outTradeNo = prepayId != null
        ? ledger.orderByPrepayId(prepayId).map(PayOrder::outTradeNo)
        : Optional.ofNullable(body.getString("out_trade_no"));
    if (outTradeNo.isEmpty()) {
      refuse(rc, prepayId != null
          ? PayRejection.of(404, "ORDER_NOT_EXIST", "prepay_id 不存在")
          : PayRejection.paramError("/out_trade_no", "prepay_id 或 out_trade_no 必填"));
      return;
    }
    Outcome<PayOrder> paid = pay.settle(outTradeNo.get());
    if (paid instanceof Outcome.Accepted<PayOrder> accepted) {
      rc.json(PayJson.transaction(accepted.value(), mchId));
    } else if (paid instanceof Outcome.Rejected<PayOrder> rejected) {
      refuse(rc, rejected.rejection());
    }
  }

  private static void refuse(RoutingContext rc, PayRejection rejection) {
    rc.response().setStatusCode(rejection.status());
    rc.json(rejection.toJson());
  }

  private static JsonObject json(NotificationDelivery delivery) {
    return new JsonObject().put("notification_id", delivery.notificationId()).put("event_type", delivery.eventType())
        .put("url", delivery.url()).put("copy", delivery.copy()).put("attempt", delivery.attempt())
        .put("status", delivery.status()).put("failure", delivery.failure()).put("at", delivery.at().toString());
  }

  private static JsonObject body(RoutingContext rc) {
    return JsonBodies.object(rc.body().buffer()).orElseGet(JsonObject::new);
  }
}
