package app.tableloop.payment;

import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;

/**
 * WeChat Pay's payment notifications, as the {@link NotificationIntake} takes them in: located by out_trade_no and
 * recorded through {@link PaymentConfirmation}, once however often they come.
 */
public final class PaymentNotifications implements NotificationIntake.Subject<WxPayNotifyV3Result> {
  private final Payments payments;
  private final PaymentConfirmation confirmation;
  private final WeChatGateway gateway;

  public PaymentNotifications(Payments payments, PaymentConfirmation confirmation, WeChatGateway gateway) {
    this.payments = payments;
    this.confirmation = confirmation;
    this.gateway = gateway;
  }

  @Override
  public Future<WxPayNotifyV3Result> parse(String body, SignatureHeader header) {
    return gateway.parsePaymentNotification(body, header);
  }

  @Override
  public NotificationIntake.Received received(WxPayNotifyV3Result notification) {
    WeChatTransaction transaction = transaction(notification.getResult());
    return new NotificationIntake.Received(notification.getRawData().getId(),
        notification.getRawData().getEventType(), transaction.outTradeNo(), transaction);
  }

  @Override
  public Future<Optional<UUID>> locate(SqlClient sql, String outTradeNo) {
    return payments.locate(sql, outTradeNo).map(location -> location.map(Payments.Location::tenantId));
  }

  @Override
  public Future<Void> record(UUID tenantId, WxPayNotifyV3Result notification) {
    return confirmation.confirmWeChat(tenantId, transaction(notification.getResult()));
  }

  private static WeChatTransaction transaction(WxPayNotifyV3Result.DecryptNotifyResult result) {
    return new WeChatTransaction(result.getAppid(), result.getMchid(), result.getOutTradeNo(),
        result.getTransactionId(), result.getTradeState(),
        result.getAmount() == null || result.getAmount().getTotal() == null ? -1 : result.getAmount().getTotal(),
        WeChatPaymentQueries.instant(result.getSuccessTime()));
  }
}
