package app.tableloop.campaign.inbox;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The HTTP side of the diner's message box. */
public final class MessageBoxApi implements ApiModule {
  private final MessageBox box;

  public MessageBoxApi(MessageBox box) {
    this.box = box;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listMessages").addHandler(rc -> box.box(Callers.of(rc))
        .onSuccess(found -> rc.json(new JsonObject()
            .put("items", new JsonArray(found.items().stream().map(MessageBoxApi::message).toList()))
            .put("unread", found.unread())))
        .onFailure(rc::fail));
    api.getRoute("readMessage").addHandler(rc -> box.read(Callers.of(rc), Requests.id(rc, "message"))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail));
    api.getRoute("getMessageBanner").addHandler(rc -> box.banner(Callers.of(rc))
        .onSuccess(found -> {
          if (found.isPresent()) {
            rc.json(new JsonObject().put("message", message(found.get())));
          } else {
            rc.response().setStatusCode(204).end();
          }
        })
        .onFailure(rc::fail));
  }

  private static JsonObject message(Messages.Message message) {
    return new JsonObject().put("id", message.id().toString()).put("title", message.title())
        .put("body", message.body())
        .put("coupon_id", message.couponId() == null ? null : message.couponId().toString())
        .put("campaign_id", message.campaignId() == null ? null : message.campaignId().toString())
        .put("created_at", message.createdAt().toString()).put("read", message.read());
  }
}
