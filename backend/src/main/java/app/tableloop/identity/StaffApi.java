package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.CommonProblems;
import app.tableloop.platform.http.Problem;
import app.tableloop.platform.http.ProblemException;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Inviting people to work at a store or run a tenant, accepting invites, and removing staff. */
public final class StaffApi implements ApiModule {
  public static final String INVITE_PAGE = "pages/staff/invite/index";
  private static final Problem NOT_ALLOWED_TO_INVITE = Problem.of(403, "role_not_allowed",
      "你不能邀请或移除这个角色", "You may not invite or remove someone in this role").atField("role");
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Database database;
  private final StaffInvites invites;
  private final StaffRoles staff;
  private final Sessions sessions;
  private final WeChatGateway wechat;
  private final String publicBaseUrl;

  public StaffApi(Database database, StaffInvites invites, StaffRoles staff, Sessions sessions, WeChatGateway wechat,
                  String publicBaseUrl) {
    this.database = database;
    this.invites = invites;
    this.staff = staff;
    this.sessions = sessions;
    this.wechat = wechat;
    this.publicBaseUrl = publicBaseUrl.replaceFirst("/+$", "");
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("inviteToStore").addHandler(this::inviteToStore);
    api.getRoute("inviteToTenant").addHandler(this::inviteToTenant);
    api.getRoute("getInviteCode").addHandler(this::inviteCode);
    api.getRoute("acceptInvite").addHandler(this::accept);
    api.getRoute("listStaff").addHandler(this::listStaff);
    api.getRoute("removeStaff").addHandler(this::removeStaff);
  }

  private void inviteToStore(RoutingContext rc) {
    Access access = Access.of(rc);
    JsonObject body = body(rc);
    invite(rc, access, access.storeId(), Role.fromWireName(body.getString("role")).orElseThrow(),
        body.getInteger("valid_hours"));
  }

  private void inviteToTenant(RoutingContext rc) {
    Access access = Access.of(rc);
    JsonObject body = body(rc);
    Role role = Role.fromWireName(body.getString("role")).orElseThrow();
    String store = body.getString("store_id");
    if ((role == Role.OPERATOR) != (store == null)) {
      rc.fail(new ProblemException(Problem.of(400, "invalid_field", "邀请店主或店员时须指定门店，邀请运营者时不可指定",
          "Owners and staff are invited to a store (store_id); operators to no store").atField("store_id")));
      return;
    }
    invite(rc, access, store == null ? null : UUID.fromString(store), role, body.getInteger("valid_hours"));
  }

  private void invite(RoutingContext rc, Access access, UUID storeId, Role role, Integer validHours) {
    if (!InvitePolicy.mayInvite(access.role(), role)) {
      rc.fail(new ProblemException(NOT_ALLOWED_TO_INVITE));
      return;
    }
    Duration validFor = validHours == null ? StaffInvites.DEFAULT_VALIDITY : Duration.ofHours(validHours);
    database.inTenant(access.tenantId(), sql -> invites.create(sql, access.tenantId(), storeId, role,
            access.user().userId(), validFor))
        .recover(failure -> failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new ProblemException(CommonProblems.NOT_FOUND.atField("store_id")))
            : Future.failedFuture(failure))
        .onSuccess(invite -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(inviteJson(invite).encode()))
        .onFailure(rc::fail);
  }

  private void inviteCode(RoutingContext rc) {
    Access access = Access.of(rc);
    String token = rc.pathParam("token");
    database.inTenant(access.tenantId(), sql -> invites.belongsTo(sql, access.tenantId(), access.storeId(), token))
        .compose(found -> found ? wechat.unlimitedCode("i=" + token, INVITE_PAGE, 430)
            : Future.failedFuture(new ProblemException(IdentityProblems.INVITE_NOT_FOUND)))
        .onSuccess(png -> rc.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)))
        .onFailure(rc::fail);
  }

  private void accept(RoutingContext rc) {
    Access access = Access.of(rc);
    invites.accept(body(rc).getString("token"), access.user())
        .onSuccess(outcome -> {
          if (outcome instanceof StaffInvites.Accepted accepted) {
            rc.json(new JsonObject()
                .put("role", accepted.grant().role().wireName())
                .put("tenant_id", accepted.grant().tenantId().toString())
                .put("store_id", accepted.grant().storeId() == null ? null : accepted.grant().storeId().toString()));
          } else if (outcome instanceof StaffInvites.AlreadyUsed) {
            rc.fail(new ProblemException(IdentityProblems.INVITE_USED));
          } else if (outcome instanceof StaffInvites.Expired) {
            rc.fail(new ProblemException(IdentityProblems.INVITE_EXPIRED));
          } else {
            rc.fail(new ProblemException(IdentityProblems.INVITE_NOT_FOUND));
          }
        })
        .onFailure(rc::fail);
  }

  private void listStaff(RoutingContext rc) {
    Access access = Access.of(rc);
    database.inTenant(access.tenantId(), sql -> staff.ofStore(sql, access.tenantId(), access.storeId()))
        .onSuccess(members -> rc.json(new JsonObject().put("staff", new JsonArray(members.stream()
            .map(member -> new JsonObject()
                .put("user_id", member.userId().toString())
                .put("role", member.role().wireName())
                .put("since", member.since().toString()))
            .toList()))))
        .onFailure(rc::fail);
  }

  /** Removing someone also signs them out everywhere, at once. */
  private void removeStaff(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID userId = UUID.fromString(rc.pathParam("user"));
    List<Role> removable = Arrays.stream(Role.values())
        .filter(role -> role != Role.OPERATOR && InvitePolicy.mayRemove(access.role(), role)).toList();
    database.inTenant(access.tenantId(), sql -> staff.remove(sql, access.tenantId(), access.storeId(), userId,
            removable))
        .compose(removed -> removed == 0
            ? Future.failedFuture(new ProblemException(CommonProblems.NOT_FOUND.atField("user")))
            : sessions.closeAll(userId))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private JsonObject inviteJson(StaffInvites.Invite invite) {
    return new JsonObject()
        .put("id", invite.id().toString())
        .put("role", invite.role().wireName())
        .put("tenant_id", invite.tenantId().toString())
        .put("store_id", invite.storeId() == null ? null : invite.storeId().toString())
        .put("token", invite.token())
        .put("expires_at", invite.expiresAt().toString())
        .put("link", publicBaseUrl + "/i/" + invite.token())
        .put("scene", invite.scene())
        .put("page", INVITE_PAGE);
  }

  private static JsonObject body(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return request.getBody().getJsonObject();
  }
}
