package app.tableloop.payment;

import app.tableloop.platform.database.Database;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay's payment notifications. Only what verifies against WeChat Pay's key, over the exact bytes received,
 * and was signed within five minutes of our clock is believed; it is then recorded through
 * {@link PaymentConfirmation}, once however often it comes. A notification for an out_trade_no we do not know is
 * acknowledged and kept for reconciliation.
 */
public final class WeChatNotifications {
  private static final Logger LOG = LoggerFactory.getLogger(WeChatNotifications.class);

  private final Database database;
  private final Payments payments;
  private final UnmatchedNotifications unmatched;
  private final PaymentConfirmation confirmation;
  private final WeChatGateway gateway;
  private final NotificationVerification verification;

  public WeChatNotifications(Database database, Payments payments, UnmatchedNotifications unmatched,
                             PaymentConfirmation confirmation, WeChatGateway gateway, Clock clock) {
    this.database = database;
    this.payments = payments;
    this.unmatched = unmatched;
    this.confirmation = confirmation;
    this.gateway = gateway;
    this.verification = new NotificationVerification(clock);
  }

  /** Succeeds when WeChat Pay may consider the notification delivered; fails with a problem when it must retry. */
  public Future<Void> receive(String body, SignatureHeader header) {
    return verification.verify(body, header, gateway::parsePaymentNotification).compose(this::apply);
  }

  private Future<Void> apply(WxPayNotifyV3Result notification) {
    WeChatTransaction transaction = transaction(notification.getResult());
    return database.inTransaction(sql -> payments.locate(sql, transaction.outTradeNo()))
        .compose(location -> {
          if (location.isPresent()) {
            return confirmation.confirmWeChat(location.get().tenantId(), transaction).mapEmpty();
          }
          LOG.warn("WeChat Pay notified transaction {} for out_trade_no {}, which is none of our payments;"
              + " kept for reconciliation", transaction.transactionId(), transaction.outTradeNo());
          return database.inTransaction(sql -> unmatched.record(sql, notification.getRawData().getId(),
              notification.getRawData().getEventType(), transaction));
        });
  }

  private static WeChatTransaction transaction(WxPayNotifyV3Result.DecryptNotifyResult result) {
    return new WeChatTransaction(result.getAppid(), result.getMchid(), result.getOutTradeNo(),
        result.getTransactionId(), result.getTradeState(),
        result.getAmount() == null || result.getAmount().getTotal() == null ? -1 : result.getAmount().getTotal(),
        WeChatPaymentQueries.instant(result.getSuccessTime()));
  }
}
