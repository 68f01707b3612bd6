package app.tableloop.wechat.simulator;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Consumer;

/** Refunds and refund queries (API v3 /v3/refund/domestic/refunds). */
final class RefundEndpoints {
  private final PayLedger ledger;
  private final SignedReplies replies;
  private final Consumer<PayRefund> accepted;

  /** {@code accepted} is told of every refund answered as PROCESSING, to carry it on to SUCCESS. */
  RefundEndpoints(PayLedger ledger, SignedReplies replies, Consumer<PayRefund> accepted) {
    this.ledger = ledger;
    this.replies = replies;
    this.accepted = accepted;
  }

  void mount(Router router) {
    router.post("/v3/refund/domestic/refunds").handler(this::refund);
    router.get("/v3/refund/domestic/refunds/:out_refund_no").handler(this::query);
  }

  private void refund(RoutingContext rc) {
    Optional<RequestFields> body = RequestFields.of(rc.body().buffer());
    if (body.isEmpty()) {
      replies.reject(rc, RequestFields.notJson());
      return;
    }
    Outcome<RefundApplication> application = RefundApplication.parse(body.get());
    if (application instanceof Outcome.Rejected<RefundApplication> rejected) {
      replies.reject(rc, rejected.rejection());
      return;
    }
    Outcome<PayRefund> refund = ledger.refund(((Outcome.Accepted<RefundApplication>) application).value());
    replies.answer(rc, refund, PayJson::refund);
    if (refund instanceof Outcome.Accepted<PayRefund> made && made.value().status() == PayRefund.Status.PROCESSING) {
      accepted.accept(made.value());
    }
  }

  private void query(RoutingContext rc) {
    Optional<PayRefund> refund = ledger.refund(rc.pathParam("out_refund_no"));
    if (refund.isEmpty()) {
      replies.reject(rc, PayRejection.of(404, "RESOURCE_NOT_EXISTS", "退款单不存在"));
    } else {
      replies.json(rc, 200, PayJson.refund(refund.get()));
    }
  }
}
