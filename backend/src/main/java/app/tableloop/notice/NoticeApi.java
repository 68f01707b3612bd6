package app.tableloop.notice;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The subscribe-message templates the mini-program may ask diners to accept, and what they answered. */
public final class NoticeApi implements ApiModule {
  private final SubscribeRequests requests;

  public NoticeApi(SubscribeRequests requests) {
    this.requests = requests;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getSubscribeTemplates").addHandler(rc -> rc.json(new JsonObject()
        .put("dishes_ready", requests.templates().dishesReady().orElse(null))
        .put("refund_done", requests.templates().refundDone().orElse(null))));
    api.getRoute("recordSubscriptions").addHandler(this::record);
  }

  private void record(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    Map<String, String> results = new LinkedHashMap<>();
    body.getJsonObject("results").forEach(result -> results.put(result.getKey(), String.valueOf(result.getValue())));
    requests.record(Callers.of(rc), results, Optional.ofNullable(body.getString("order_id")).map(UUID::fromString))
        .onSuccess(recorded -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }
}
