package app.tableloop.identity;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.ClientAddress;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/** WeChat sign-in, sign-out, and "who am I". */
public final class SignInApi implements ApiModule {
  private final WeChatSignIn signIns;

  public SignInApi(WeChatSignIn signIns) {
    this.signIns = signIns;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("signInWithWeChat").addHandler(this::signIn);
    api.getRoute("signOut").addHandler(this::signOut);
    api.getRoute("getMe").addHandler(this::me);
  }

  private void signIn(RoutingContext rc) {
    signIns.signIn(Requests.body(rc).getString("code"), ClientAddress.of(rc))
        .onSuccess(signedIn -> rc.json(new JsonObject()
            .put("token", signedIn.token())
            .put("expires_in", Sessions.LIFETIME.toSeconds())
            .put("user", new JsonObject().put("id", signedIn.user().userId().toString()))
            .put("roles", rolesJson(signedIn.roles()))))
        .onFailure(rc::fail);
  }

  private void signOut(RoutingContext rc) {
    Access access = Callers.of(rc);
    signIns.signOut(AccessGuard.bearerToken(rc).orElseThrow(), access.user().userId())
        .onSuccess(closed -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void me(RoutingContext rc) {
    Access access = Callers.of(rc);
    signIns.rolesOf(access.user().userId())
        .onSuccess(roles -> rc.json(new JsonObject()
            .put("user", new JsonObject().put("id", access.user().userId().toString()))
            .put("roles", rolesJson(roles))))
        .onFailure(rc::fail);
  }

  private static JsonArray rolesJson(List<RoleGrant> roles) {
    return new JsonArray(roles.stream().map(grant -> new JsonObject()
        .put("role", grant.role().wireName())
        .put("tenant_id", grant.tenantId().toString())
        .put("store_id", grant.storeId() == null ? null : grant.storeId().toString())).toList());
  }
}
