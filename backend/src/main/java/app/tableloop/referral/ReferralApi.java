package app.tableloop.referral;

import app.tableloop.identity.Callers;
import app.tableloop.membership.Member;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.http.Requests;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Optional;
import java.util.UUID;

/** 邀请有礼: the member's progress, share path and poster; the owner's settings; a scanned poster's code. */
public final class ReferralApi implements ApiModule {
  private static final int CODE_WIDTH = 430;

  private final ReferralProgram program;
  private final WeChatGateway wechat;
  private final Vertx vertx;

  public ReferralApi(ReferralProgram program, WeChatGateway wechat, Vertx vertx) {
    this.program = program;
    this.wechat = wechat;
    this.vertx = vertx;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getReferral").addHandler(this::progress);
    api.getRoute("getReferralPoster").addHandler(this::poster);
    api.getRoute("getReferralSettings").addHandler(rc -> program.settings(Callers.of(rc))
        .onSuccess(settings -> rc.json(json(settings))).onFailure(rc::fail));
    api.getRoute("updateReferralSettings").addHandler(this::updateSettings);
    api.getRoute("resolveReferralCode").addHandler(rc -> program.resolve(rc.pathParam("code"))
        .onSuccess(resolved -> rc.json(new JsonObject()
            .put("store_id", resolved.storeId().toString())
            .put("store_name", resolved.storeName())
            .put("referral_token", resolved.token())
            .put("share_path", ReferralProgram.sharePath(resolved.storeId(), resolved.token()))))
        .onFailure(rc::fail));
  }

  private void progress(RoutingContext rc) {
    program.progress(Callers.of(rc))
        .onSuccess(progress -> rc.json(new JsonObject()
            .put("token", progress.token())
            .put("share_path", progress.sharePath())
            .put("share_title", progress.shareTitle())
            .put("active", progress.settings().active())
            .put("needed", progress.settings().needed())
            .put("successful", progress.successful())
            .put("remaining", progress.remaining())
            .put("rewarded", progress.rewarded())
            .put("message", progress.rewarded() ? "邀请奖励已发放，请在卡包查看"
                : progress.remaining() == 0 ? "邀请奖励即将发放" : "还差 " + progress.remaining() + " 位好友")
            .put("friends", new JsonArray(progress.friends().stream().map(friend -> new JsonObject()
                .put("nickname", masked(friend.nickname()))
                .put("joined_at", friend.joinedAt().toInstant().toString())
                .put("paid", friend.paid())).toList()))))
        .onFailure(rc::fail);
  }

  /** The poster: the member's code as a mini-program code (asked of WeChat), drawn on a worker with the store name. */
  private void poster(RoutingContext rc) {
    program.posterCode(Callers.of(rc))
        .compose(code -> wechat.unlimitedCode(ReferralProgram.scene(code.code()), ReferralProgram.JOIN_PAGE,
                CODE_WIDTH)
            .recover(failure -> Refusals.refuse(ReferralRefusal.WECHAT_UNAVAILABLE))
            .compose(png -> vertx.executeBlocking(() -> ReferralPoster.render(code.storeName(), png), false)))
        .onSuccess(png -> rc.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)))
        .onFailure(rc::fail);
  }

  private void updateSettings(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    ReferralSettings settings = new ReferralSettings(body.getBoolean("active"), body.getInteger("needed"),
        body.getInteger("cap_per_sharer"), id(body, "friend_template_id"), id(body, "sharer_template_id"));
    program.updateSettings(Callers.of(rc), settings)
        .onSuccess(saved -> rc.json(json(saved)))
        .onFailure(rc::fail);
  }

  private static JsonObject json(ReferralSettings settings) {
    return new JsonObject()
        .put("active", settings.active())
        .put("needed", settings.needed())
        .put("cap_per_sharer", settings.capPerSharer())
        .put("friend_template_id", settings.friendTemplateId().map(UUID::toString).orElse(null))
        .put("sharer_template_id", settings.sharerTemplateId().map(UUID::toString).orElse(null));
  }

  /** A friend as the sharer sees them: the first character of the nickname, the rest hidden. */
  static String masked(String nickname) {
    return Member.maskedNickname(nickname).orElse("微信好友");
  }

  private static Optional<UUID> id(JsonObject body, String name) {
    return Optional.ofNullable(body.getString(name)).map(UUID::fromString);
  }
}
