package app.tableloop.payment;

import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.database.Database;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay's refund notifications (REFUND.SUCCESS, .CLOSED, .ABNORMAL), believed on the same terms as payment
 * notifications. A success is recorded once however often it comes; a closed refund gives its reservation back.
 */
public final class RefundNotifications {
  private static final Logger LOG = LoggerFactory.getLogger(RefundNotifications.class);

  private final Database database;
  private final Refunds refunds;
  private final WeChatRefundResults results;
  private final UnmatchedNotifications unmatched;
  private final WeChatGateway gateway;
  private final NotificationVerification verification;

  public RefundNotifications(Database database, Refunds refunds, WeChatRefundResults results,
                             UnmatchedNotifications unmatched, WeChatGateway gateway, Clock clock) {
    this.database = database;
    this.refunds = refunds;
    this.results = results;
    this.unmatched = unmatched;
    this.gateway = gateway;
    this.verification = new NotificationVerification(clock);
  }

  /** Succeeds when WeChat Pay may consider the notification delivered; fails with a problem when it must retry. */
  public Future<Void> receive(String body, SignatureHeader header) {
    return verification.verify(body, header, gateway::parseRefundNotification).compose(this::apply);
  }

  private Future<Void> apply(WxPayRefundNotifyV3Result notification) {
    WxPayRefundNotifyV3Result.DecryptNotifyResult result = notification.getResult();
    return database.inTransaction(sql -> refunds.locate(sql, result.getOutRefundNo()))
        .compose(location -> {
          if (location.isEmpty()) {
            LOG.warn("WeChat Pay notified refund {} of out_trade_no {}, which is none of our refunds;"
                + " kept for reconciliation", result.getOutRefundNo(), result.getOutTradeNo());
            return database.inTransaction(sql -> unmatched.record(sql, notification.getRawData().getId(),
                notification.getRawData().getEventType(), new WeChatTransaction(null, result.getMchid(),
                    result.getOutTradeNo(), result.getTransactionId(), result.getRefundStatus(),
                    refundFen(result), null)));
          }
          if (!gateway.mchId().equals(result.getMchid())) {
            LOG.warn("WeChat Pay refund {} names another merchant; not recorded", result.getOutRefundNo());
            return Refusals.<Void>refuse(PaymentRefusal.REFUND_MISMATCH.at("mchid"));
          }
          return results.record(location.get().tenantId(), new WeChatRefund(result.getOutRefundNo(),
              result.getRefundId(), result.getRefundStatus(), refundFen(result),
              WeChatPaymentQueries.instant(result.getSuccessTime()))).mapEmpty();
        });
  }

  private static long refundFen(WxPayRefundNotifyV3Result.DecryptNotifyResult result) {
    return result.getAmount() == null || result.getAmount().getRefund() == null ? -1 : result.getAmount().getRefund();
  }
}
