package app.tableloop.identity;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import app.tableloop.platform.http.WireTime;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/** Inviting people to work at a store or run a tenant, accepting invites, and removing staff. */
public final class StaffApi implements ApiModule {
  private final StaffAdmin admin;
  private final String publicBaseUrl;

  public StaffApi(StaffAdmin admin, String publicBaseUrl) {
    this.admin = admin;
    this.publicBaseUrl = publicBaseUrl.replaceFirst("/+$", "");
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("inviteToStore").addHandler(rc -> invite(rc, Callers.of(rc).storeId()));
    api.getRoute("inviteToTenant").addHandler(rc -> invite(rc, storeOf(Requests.body(rc))));
    api.getRoute("getInviteCode").addHandler(this::inviteCode);
    api.getRoute("acceptInvite").addHandler(this::accept);
    api.getRoute("listStaff").addHandler(this::listStaff);
    api.getRoute("removeStaff").addHandler(this::removeStaff);
  }

  private void invite(RoutingContext rc, UUID storeId) {
    JsonObject body = Requests.body(rc);
    admin.invite(Callers.of(rc), storeId, Role.fromWireName(body.getString("role")).orElseThrow(),
            body.getInteger("valid_hours"))
        .onSuccess(invite -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(inviteJson(invite).encode()))
        .onFailure(rc::fail);
  }

  private void inviteCode(RoutingContext rc) {
    admin.inviteCode(Callers.of(rc), rc.pathParam("token"))
        .onSuccess(png -> rc.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)))
        .onFailure(rc::fail);
  }

  private void accept(RoutingContext rc) {
    admin.accept(Requests.body(rc).getString("token"), Callers.of(rc).user())
        .onSuccess(grant -> rc.json(new JsonObject()
            .put("role", grant.role().wireName())
            .put("tenant_id", grant.tenantId().toString())
            .put("store_id", grant.storeId() == null ? null : grant.storeId().toString())))
        .onFailure(rc::fail);
  }

  private void listStaff(RoutingContext rc) {
    admin.staffOf(Callers.of(rc))
        .onSuccess(members -> rc.json(new JsonObject().put("staff", new JsonArray(members.stream()
            .map(member -> new JsonObject()
                .put("user_id", member.userId().toString())
                .put("role", member.role().wireName())
                .put("since", member.since().toString()))
            .toList()))))
        .onFailure(rc::fail);
  }

  private void removeStaff(RoutingContext rc) {
    admin.remove(Callers.of(rc), Requests.id(rc, "user"))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private static UUID storeOf(JsonObject body) {
    String store = body.getString("store_id");
    return store == null ? null : UUID.fromString(store);
  }

  private JsonObject inviteJson(StaffInvites.Invite invite) {
    return new JsonObject()
        .put("id", invite.id().toString())
        .put("role", invite.role().wireName())
        .put("tenant_id", invite.tenantId().toString())
        .put("store_id", invite.storeId() == null ? null : invite.storeId().toString())
        .put("token", invite.token())
        .put("expires_at", WireTime.of(invite.expiresAt()))
        .put("link", publicBaseUrl + "/i/" + invite.token())
        .put("scene", invite.scene())
        .put("page", StaffAdmin.INVITE_PAGE);
  }
}
