package app.tableloop.payment;

import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * Closes a diner's pending WeChat payment at WeChat Pay, so that it can no longer be paid, before it is given up here
 * (it expired, or the cashier is about to take the money otherwise). If WeChat Pay says the diner has paid it, the
 * payment is recorded as paid instead, exactly as its notification would be.
 */
public final class WeChatPrepayClosing {
  /** What became of the payment at WeChat Pay. */
  enum Outcome {
    /** WeChat Pay will take no money for it (closed now or before, or it never reached WeChat Pay). */
    CLOSED,
    /** The diner had paid it: it is now recorded as paid. */
    PAID
  }

  private final WeChatPaymentQueries queries;
  private final WeChatGateway gateway;

  public WeChatPrepayClosing(WeChatPaymentQueries queries, WeChatGateway gateway) {
    this.queries = queries;
    this.gateway = gateway;
  }

  /** Fails when WeChat Pay does not answer or refuses for another reason: nothing is known then. */
  Future<Outcome> close(UUID tenantId, String outTradeNo) {
    return gateway.closeOrder(outTradeNo)
        .map(Outcome.CLOSED)
        .recover(failure -> {
          String code = failure instanceof WxPayException wechat ? wechat.getErrCode() : null;
          if ("ORDER_NOT_EXIST".equals(code)) {
            return Future.succeededFuture(Outcome.CLOSED);
          }
          if ("ORDERPAID".equals(code)) {
            return queries.ask(tenantId, List.of(outTradeNo)).map(Outcome.PAID);
          }
          return Future.failedFuture(failure);
        });
  }
}
