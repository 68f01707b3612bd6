package app.tableloop.identity;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.ProblemException;
import app.tableloop.wechat.LoginCodeFormat;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Set;
import me.chanjar.weixin.common.error.WxErrorException;

/** WeChat sign-in, sign-out, and "who am I". */
public final class SignInApi implements ApiModule {
  /** WeChat's answers for a code that is unknown, used, expired, or from a blocked account. */
  private static final Set<Integer> BAD_CODE = Set.of(40029, 40163, 40226, 41008);

  private final WeChatGateway wechat;
  private final Users users;
  private final Sessions sessions;
  private final SignInLimits limits;

  public SignInApi(WeChatGateway wechat, Users users, Sessions sessions, SignInLimits limits) {
    this.wechat = wechat;
    this.users = users;
    this.sessions = sessions;
    this.limits = limits;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("signInWithWeChat").addHandler(this::signIn);
    api.getRoute("signOut").addHandler(this::signOut);
    api.getRoute("getMe").addHandler(this::me);
  }

  private void signIn(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    String code = request.getBody().getJsonObject().getString("code");
    // A malformed code is no code at all: answered like an unknown one, before it costs a rate-limit slot or a call.
    if (!LoginCodeFormat.isWellFormed(code)) {
      rc.fail(new ProblemException(IdentityProblems.INVALID_LOGIN_CODE));
      return;
    }
    limits.allow(rc.request().remoteAddress().hostAddress(), code)
        .compose(allowed -> allowed ? wechat.codeToSession(code).recover(SignInApi::explainWeChatFailure)
            : Future.failedFuture(new ProblemException(IdentityProblems.TOO_MANY_SIGN_INS)))
        .compose(session -> users.signedIn(session.getOpenid(), session.getUnionid()))
        .compose(user -> sessions.open(user).compose(token -> users.rolesOf(user.userId())
            .map(roles -> new JsonObject()
                .put("token", token)
                .put("expires_in", Sessions.LIFETIME.toSeconds())
                .put("user", new JsonObject().put("id", user.userId().toString()))
                .put("roles", rolesJson(roles)))))
        .onSuccess(rc::json)
        .onFailure(rc::fail);
  }

  private void signOut(RoutingContext rc) {
    Access access = Access.of(rc);
    sessions.close(AccessGuard.bearerToken(rc).orElseThrow(), access.user().userId())
        .onSuccess(closed -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void me(RoutingContext rc) {
    Access access = Access.of(rc);
    users.rolesOf(access.user().userId())
        .onSuccess(roles -> rc.json(new JsonObject()
            .put("user", new JsonObject().put("id", access.user().userId().toString()))
            .put("roles", rolesJson(roles))))
        .onFailure(rc::fail);
  }

  static JsonArray rolesJson(List<RoleGrant> roles) {
    return new JsonArray(roles.stream().map(grant -> new JsonObject()
        .put("role", grant.role().wireName())
        .put("tenant_id", grant.tenantId().toString())
        .put("store_id", grant.storeId() == null ? null : grant.storeId().toString())).toList());
  }

  private static <T> Future<T> explainWeChatFailure(Throwable failure) {
    if (failure instanceof WxErrorException wechat && BAD_CODE.contains(wechat.getError().getErrorCode())) {
      return Future.failedFuture(new ProblemException(IdentityProblems.INVALID_LOGIN_CODE));
    }
    return Future.failedFuture(new ProblemException(IdentityProblems.WECHAT_UNAVAILABLE));
  }
}
