package app.tableloop.membership;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Staff join codes, the recruits of the day, the owner's view of recruiters, and resolving a scanned code. */
public final class RecruitmentApi implements ApiModule {
  private final Recruitment recruitment;

  public RecruitmentApi(Recruitment recruitment) {
    this.recruitment = recruitment;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getMyJoinCode").addHandler(rc -> recruitment.myCode(Callers.of(rc))
        .onSuccess(code -> rc.json(new JsonObject().put("code", code).put("scene", Recruitment.scene(code))
            .put("page", Recruitment.JOIN_PAGE).put("path", Recruitment.JOIN_PAGE + "?j=" + code)))
        .onFailure(rc::fail));
    api.getRoute("getMyJoinCodeImage").addHandler(rc -> recruitment.myCodeImage(Callers.of(rc))
        .onSuccess(png -> rc.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)))
        .onFailure(rc::fail));
    api.getRoute("getMyRecruitsToday").addHandler(rc -> recruitment.recruitedToday(Callers.of(rc))
        .onSuccess(recruits -> rc.json(new JsonObject()
            .put("count", recruits.size())
            .put("message", "你今天招募了 " + recruits.size() + " 位新会员")
            .put("message_en", "You recruited " + recruits.size() + " new member" + (recruits.size() == 1 ? "" : "s")
                + " today")
            .put("recruits", new JsonArray(recruits))))
        .onFailure(rc::fail));
    api.getRoute("listRecruiters").addHandler(rc -> recruitment.recruiters(Callers.of(rc))
        .onSuccess(recruiters -> rc.json(new JsonObject().put("recruiters", new JsonArray(recruiters))))
        .onFailure(rc::fail));
    api.getRoute("resolveJoinCode").addHandler(rc -> recruitment.resolve(rc.pathParam("code"))
        .onSuccess(rc::json).onFailure(rc::fail));
  }
}
