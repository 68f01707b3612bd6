package app.tableloop.payment;

import app.tableloop.platform.http.Refusals;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Asking WeChat Pay about our pending payments instead of waiting for its notification (the diner's "I have paid",
 * the sweep over quiet and expired payments): a paid one is recorded exactly as its notification would be.
 */
public final class WeChatPaymentQueries {
  private final PaymentConfirmation confirmation;
  private final WeChatGateway gateway;

  public WeChatPaymentQueries(PaymentConfirmation confirmation, WeChatGateway gateway) {
    this.confirmation = confirmation;
    this.gateway = gateway;
  }

  /** Asks about each payment in turn; fails with {@code wechat_pay_unavailable} when WeChat Pay does not answer. */
  Future<Void> ask(UUID tenantId, List<String> outTradeNos) {
    Future<Void> chain = Future.succeededFuture();
    for (String outTradeNo : outTradeNos) {
      chain = chain.compose(previous -> gateway.queryOrder(outTradeNo)
          .map(result -> Optional.of(transaction(result)))
          .recover(failure -> unknownToWeChat(failure) ? Future.succeededFuture(Optional.empty())
              : Refusals.refuse(PaymentRefusal.WECHAT_PAY_UNAVAILABLE))
          .compose(transaction -> transaction.isPresent() && transaction.get().succeeded()
              ? confirmation.confirmWeChat(tenantId, transaction.get()) : Future.succeededFuture()));
    }
    return chain;
  }

  private static WeChatTransaction transaction(WxPayOrderQueryV3Result result) {
    return new WeChatTransaction(result.getAppid(), result.getMchid(), result.getOutTradeNo(),
        result.getTransactionId(), result.getTradeState(),
        result.getAmount() == null || result.getAmount().getTotal() == null ? -1 : result.getAmount().getTotal(),
        instant(result.getSuccessTime()));
  }

  /** A payment whose prepay never reached WeChat Pay: nobody can have paid it. */
  private static boolean unknownToWeChat(Throwable failure) {
    return failure instanceof WxPayException wechat && "ORDER_NOT_EXIST".equals(wechat.getErrCode());
  }

  /** WeChat Pay's RFC 3339 times; null or blank when it gives none. */
  public static Instant instant(String rfc3339) {
    return rfc3339 == null || rfc3339.isBlank() ? null : OffsetDateTime.parse(rfc3339).toInstant();
  }
}
