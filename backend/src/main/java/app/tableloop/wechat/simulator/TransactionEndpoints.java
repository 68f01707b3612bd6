package app.tableloop.wechat.simulator;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** JSAPI ordering, order queries and closing (API v3 /v3/pay/transactions/...). */
final class TransactionEndpoints {
  private final SimulatedAccount account;
  private final PayLedger ledger;
  private final SignedReplies replies;

  TransactionEndpoints(SimulatedAccount account, PayLedger ledger, SignedReplies replies) {
    this.account = account;
    this.ledger = ledger;
    this.replies = replies;
  }

  void mount(Router router) {
    router.post("/v3/pay/transactions/jsapi").handler(this::placeJsapiOrder);
    router.get("/v3/pay/transactions/out-trade-no/:out_trade_no").handler(rc ->
        query(rc, ledger.order(rc.pathParam("out_trade_no"))));
    router.get("/v3/pay/transactions/id/:transaction_id").handler(rc ->
        query(rc, ledger.orderByTransactionId(rc.pathParam("transaction_id"))));
    router.post("/v3/pay/transactions/out-trade-no/:out_trade_no/close").handler(this::close);
  }

  private void placeJsapiOrder(RoutingContext rc) {
    Optional<RequestFields> body = RequestFields.of(rc.body().buffer());
    if (body.isEmpty()) {
      replies.reject(rc, RequestFields.notJson());
      return;
    }
    Outcome<JsapiOrder> terms = JsapiOrder.parse(body.get(), account);
    if (terms instanceof Outcome.Rejected<JsapiOrder> rejected) {
      replies.reject(rc, rejected.rejection());
      return;
    }
    JsapiOrder order = ((Outcome.Accepted<JsapiOrder>) terms).value();
    replies.answer(rc, ledger.placeJsapiOrder(order), placed -> new JsonObject().put("prepay_id", placed.prepayId()));
  }

  private void query(RoutingContext rc, Optional<PayOrder> order) {
    Optional<PayRejection> wrongMerchant = merchantOf(rc.queryParams().get("mchid"), "mchid");
    if (wrongMerchant.isPresent()) {
      replies.reject(rc, wrongMerchant.get());
    } else if (order.isEmpty()) {
      replies.reject(rc, PayRejection.of(404, "ORDER_NOT_EXIST", "订单不存在"));
    } else {
      replies.json(rc, 200, PayJson.transaction(order.get(), account.mchId));
    }
  }

  private void close(RoutingContext rc) {
    Optional<RequestFields> body = RequestFields.of(rc.body().buffer());
    if (body.isEmpty()) {
      replies.reject(rc, RequestFields.notJson());
      return;
    }
    RequestFields.Result<String> mchId = body.get().text("mchid", 32);
    Optional<PayRejection> refused = mchId.rejection() != null
        ? Optional.of(mchId.rejection())
        : merchantOf(mchId.value(), "/mchid");
    if (refused.isPresent()) {
      replies.reject(rc, refused.get());
      return;
    }
    Outcome<PayOrder> closed = ledger.close(rc.pathParam("out_trade_no"));
    if (closed instanceof Outcome.Rejected<PayOrder> rejected) {
      replies.reject(rc, rejected.rejection());
    } else {
      replies.noContent(rc);
    }
  }

  private Optional<PayRejection> merchantOf(String mchId, String field) {
    if (mchId == null || mchId.isEmpty()) {
      return Optional.of(PayRejection.paramError(field, "缺少商户号 mchid"));
    }
    return account.mchId.equals(mchId)
        ? Optional.empty()
        : Optional.of(PayRejection.of(400, "MCH_NOT_EXISTS", "商户号不存在"));
  }
}
