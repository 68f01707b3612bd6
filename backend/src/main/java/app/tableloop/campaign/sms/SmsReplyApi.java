package app.tableloop.campaign.sms;

import app.tableloop.membership.MarketingOptOut;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Locale;
import java.util.Set;

/**
 * Replies to marketing SMS, as Tencent Cloud SMS calls them back: a reply of T (or TD, 退订) withdraws the number's
 * marketing consent. The callback is not signed by the provider, so all it can do is stop marketing to a number,
 * never start it.
 */
public final class SmsReplyApi implements ApiModule {
  private static final Set<String> STOP = Set.of("T", "TD", "退订");

  private final MarketingOptOut optOut;

  public SmsReplyApi(MarketingOptOut optOut) {
    this.optOut = optOut;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("receiveSmsReply").addHandler(rc -> {
      JsonObject reply = Requests.body(rc);
      boolean stop = "86".equals(reply.getString("nationcode"))
          && STOP.contains(reply.getString("text").strip().toUpperCase(Locale.ROOT));
      (stop ? optOut.withdraw(reply.getString("mobile")) : Future.succeededFuture(0))
          .onSuccess(withdrawn -> rc.json(new JsonObject().put("result", 0).put("errmsg", "OK")))
          .onFailure(rc::fail);
    });
  }
}
