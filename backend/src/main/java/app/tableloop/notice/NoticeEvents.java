package app.tableloop.notice;

import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import app.tableloop.wechat.WeChatGateway;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import me.chanjar.weixin.common.error.WxErrorException;

/**
 * Sends the transactional messages diners asked for, from ordering's and payment's events: "your dishes are ready"
 * when an order's last dish is served ({@code order.served}), "refund done" when a refund succeeded
 * ({@code payment.refunded}). Each uses one acceptance. WeChat's 43101 (no acceptance left on its side) is recorded
 * and not tried again; any other failure fails the handler, so that the relay tries the event again later with the
 * acceptances untouched.
 */
public final class NoticeEvents implements EventHandler {
  static final String ORDER_SERVED = "order.served";
  static final String PAYMENT_REFUNDED = "payment.refunded";
  /** WeChat's errcode when the user has not (or no longer) accepted the template. */
  static final int NOT_SUBSCRIBED = 43101;

  private final Subscriptions subscriptions;
  private final WeChatGateway wechat;
  private final Clock clock;

  public NoticeEvents(Subscriptions subscriptions, WeChatGateway wechat, Clock clock) {
    this.subscriptions = subscriptions;
    this.wechat = wechat;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "notice";
  }

  @Override
  public Set<String> topics() {
    return Set.of(ORDER_SERVED, PAYMENT_REFUNDED);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    UUID tenantId = event.tenantId();
    JsonObject payload = event.payload();
    UUID storeId = UUID.fromString(payload.getString("store_id"));
    UUID orderId = payload.getString("order_id") == null ? null : UUID.fromString(payload.getString("order_id"));
    if (event.topic().equals(ORDER_SERVED)) {
      return subscriptions.placed(sql, tenantId, orderId)
          .compose(placed -> subscriptions.storeName(sql, tenantId, storeId)
              .compose(store -> notify(sql, tenantId, NoticeKind.DISHES_READY, orderId, placed.people(),
                  "dishes_ready:" + orderId, placed.tabId() == null ? null : page(storeId, placed.tabId().toString()),
                  List.of(
                      data("thing1", thing(store)), data("character_string2", payload.getString("number")),
                      data("thing3", "您点的菜已上齐，请慢用")))));
    }
    UUID paymentId = UUID.fromString(payload.getString("payment_id"));
    String tabPage = payload.getString("tab_id") == null ? null : page(storeId, payload.getString("tab_id"));
    return subscriptions.payerAndPlacer(sql, tenantId, paymentId, orderId)
        .compose(people -> subscriptions.storeName(sql, tenantId, storeId)
            .compose(store -> notify(sql, tenantId, NoticeKind.REFUND_DONE, orderId, people,
                "refund_done:" + payload.getString("refund_id"), tabPage, List.of(
                    data("amount1", yuan(payload.getLong("amount_fen"))), data("thing2", thing(store)),
                    data("thing3", "退款成功，款项将原路退回")))));
  }

  private Future<Void> notify(SqlClient sql, UUID tenantId, NoticeKind kind, UUID orderId, List<UUID> people,
                              String eventKey, String page, List<WxMaSubscribeMessage.MsgData> data) {
    Instant now = clock.instant();
    return subscriptions.claim(sql, tenantId, kind, orderId, people, now).compose(claimed -> {
      Future<Void> chain = Future.succeededFuture();
      for (Subscriptions.Claimed one : claimed) {
        WxMaSubscribeMessage message = WxMaSubscribeMessage.builder().toUser(one.openId())
            .templateId(one.templateId()).page(page).data(new ArrayList<>(data)).build();
        chain = chain.compose(done -> wechat.sendSubscribeMessage(message)
            .map((Integer) null)
            .recover(failure -> failure instanceof WxErrorException refused && refused.getError() != null
                && refused.getError().getErrorCode() == NOT_SUBSCRIBED
                ? Future.succeededFuture(NOT_SUBSCRIBED) : Future.failedFuture(failure))
            .compose(refusedWith -> subscriptions.sent(sql, tenantId, one, kind, eventKey, refusedWith, now)));
      }
      return chain;
    });
  }

  /** The mini-program page a message opens: the order status page of the diner's table. */
  private static String page(UUID storeId, String tabId) {
    return "pages/order/status/index?store=" + storeId + "&tab=" + tabId;
  }

  private static WxMaSubscribeMessage.MsgData data(String name, String value) {
    return new WxMaSubscribeMessage.MsgData(name, value);
  }

  /** A "thing" field holds at most 20 characters. */
  private static String thing(String value) {
    return value.codePointCount(0, value.length()) <= 20 ? value
        : value.substring(0, value.offsetByCodePoints(0, 20));
  }

  /** Fen as WeChat's amount field shows it: yuan with two decimals. */
  private static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString() + "元";
  }
}
