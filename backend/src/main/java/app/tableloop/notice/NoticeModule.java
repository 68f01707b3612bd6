package app.tableloop.notice;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.wechat.WeChatGateway;
import java.util.List;

/**
 * Transactional subscribe messages (菜已上齐, 退款成功): diners' answers to wx.requestSubscribeMessage recorded, and the
 * messages sent from ordering's and payment's events, never marketing.
 */
public final class NoticeModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<EventHandler> handlers;

  public NoticeModule(Platform platform, WeChatGateway wechat) {
    Subscriptions subscriptions = new Subscriptions();
    this.apis = List.of(new NoticeApi(new SubscribeRequests(platform.database(), subscriptions,
        wechat.subscribeTemplates(), platform.clock())));
    this.handlers = List.of(new NoticeEvents(subscriptions, wechat, platform.clock()));
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<EventHandler> eventHandlers() {
    return handlers;
  }
}
