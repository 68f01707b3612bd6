package app.tableloop.payment.refund;

import app.tableloop.payment.NotificationIntake;
import app.tableloop.payment.PaymentRefusal;
import app.tableloop.payment.WeChatPaymentQueries;
import app.tableloop.payment.WeChatTransaction;
import app.tableloop.platform.http.Refusals;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay's refund notifications (REFUND.SUCCESS, .CLOSED, .ABNORMAL), as the {@link NotificationIntake} takes them
 * in: located by out_refund_no, and only believed of our own merchant. A success is recorded once however often it
 * comes; a closed refund gives its reservation back.
 */
public final class RefundNotifications implements NotificationIntake.Subject<WxPayRefundNotifyV3Result> {
  private static final Logger LOG = LoggerFactory.getLogger(RefundNotifications.class);
  private final Refunds refunds;
  private final WeChatRefundResults results;
  private final WeChatGateway gateway;

  public RefundNotifications(Refunds refunds, WeChatRefundResults results, WeChatGateway gateway) {
    this.refunds = refunds;
    this.results = results;
    this.gateway = gateway;
  }

  @Override
  public Future<WxPayRefundNotifyV3Result> parse(String body, SignatureHeader header) {
    return gateway.parseRefundNotification(body, header);
  }

  @Override
  public NotificationIntake.Received received(WxPayRefundNotifyV3Result notification) {
    WxPayRefundNotifyV3Result.DecryptNotifyResult result = notification.getResult();
    return new NotificationIntake.Received(notification.getRawData().getId(),
        notification.getRawData().getEventType(), result.getOutRefundNo(), new WeChatTransaction(null,
            result.getMchid(), result.getOutTradeNo(), result.getTransactionId(), result.getRefundStatus(),
            refundFen(result), null));
  }

  @Override
  public Future<Optional<UUID>> locate(SqlClient sql, String outRefundNo) {
    return refunds.locate(sql, outRefundNo).map(location -> location.map(Refunds.Location::tenantId));
  }

  @Override
  public Future<Void> record(UUID tenantId, WxPayRefundNotifyV3Result notification) {
    WxPayRefundNotifyV3Result.DecryptNotifyResult result = notification.getResult();
    if (!gateway.mchId().equals(result.getMchid())) {
      LOG.warn("WeChat Pay refund {} names another merchant; not recorded", result.getOutRefundNo());
      return Refusals.refuse(PaymentRefusal.REFUND_MISMATCH.at("mchid"));
    }
    return results.record(tenantId, new WeChatRefund(result.getOutRefundNo(), result.getRefundId(),
        result.getRefundStatus(), refundFen(result), WeChatPaymentQueries.instant(result.getSuccessTime())))
        .mapEmpty();
  }

  private static long refundFen(WxPayRefundNotifyV3Result.DecryptNotifyResult result) {
    return result.getAmount() == null || result.getAmount().getRefund() == null ? -1 : result.getAmount().getRefund();
  }
}
