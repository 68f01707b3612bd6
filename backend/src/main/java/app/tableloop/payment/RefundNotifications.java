package app.tableloop.payment;

import app.tableloop.platform.database.Database;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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
  private final OrderRefunds orderRefunds;
  private final UnmatchedNotifications unmatched;
  private final WeChatGateway gateway;
  private final NotificationVerification verification;
  private final Clock clock;

  public RefundNotifications(Database database, Refunds refunds, OrderRefunds orderRefunds,
                             UnmatchedNotifications unmatched, WeChatGateway gateway, Clock clock) {
    this.database = database;
    this.refunds = refunds;
    this.orderRefunds = orderRefunds;
    this.unmatched = unmatched;
    this.gateway = gateway;
    this.verification = new NotificationVerification(clock);
    this.clock = clock;
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
          var tenantId = location.get().tenantId();
          return database.inTenant(tenantId, sql -> refunds.lock(sql, tenantId, result.getOutRefundNo())
              .compose(found -> {
                Refund refund = found.orElseThrow();
                Optional<String> mismatch = mismatch(refund, result);
                if (mismatch.isPresent()) {
                  LOG.warn("WeChat Pay refund {} disagrees with ours on {}; not recorded", refund.outRefundNo(),
                      mismatch.get());
                  return PaymentConfirmation.<Void>fail(PaymentProblems.REFUND_MISMATCH.atField(mismatch.get()));
                }
                if ("SUCCESS".equals(result.getRefundStatus())) {
                  Instant at = WeChatPayments.instant(result.getSuccessTime());
                  return orderRefunds.succeeded(sql, tenantId, refund, result.getRefundId(),
                      at == null ? clock.instant() : at).mapEmpty();
                }
                if ("CLOSED".equals(result.getRefundStatus())) {
                  return orderRefunds.failed(sql, tenantId, refund, "CLOSED");
                }
                LOG.warn("WeChat Pay reports refund {} as {}; it stays processing", refund.outRefundNo(),
                    result.getRefundStatus());
                return Future.<Void>succeededFuture();
              }));
        });
  }

  private Optional<String> mismatch(Refund refund, WxPayRefundNotifyV3Result.DecryptNotifyResult result) {
    if (!gateway.mchId().equals(result.getMchid())) {
      return Optional.of("mchid");
    }
    if (refund.amountFen() != refundFen(result)) {
      return Optional.of("amount");
    }
    return Optional.empty();
  }

  private static long refundFen(WxPayRefundNotifyV3Result.DecryptNotifyResult result) {
    return result.getAmount() == null || result.getAmount().getRefund() == null ? -1 : result.getAmount().getRefund();
  }
}
