package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.QrScanner;
import app.tableloop.testing.Responses;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Owners hire staff with one-time, expiring invites; removing someone signs them out at once. */
class StaffInvitesTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(StaffInvitesTest.class);
    restaurant = service.aRestaurant("招聘面馆", "A1-A2");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void anInviteMakesItsScannerStaffOnceAndOnlyOnce() {
    JsonObject invite = invite("staff");

    String staff = service.signInAndAccept("waiter", invite.getString("token"));
    HttpResponse<Buffer> again = accept(service.signIn("someone-else"), invite.getString("token"));

    assertThat(invite.getString("scene")).isEqualTo("i=" + invite.getString("token")).hasSizeLessThanOrEqualTo(32);
    assertThat(invite.getString("link")).endsWith("/i/" + invite.getString("token"));
    assertThat(service.get(storePath("/tables"), staff).statusCode()).isEqualTo(200);
    assertThat(service.call(HttpMethod.PATCH, storePath(""), staff, new JsonObject().put("name", "x")).statusCode())
        .as("staff do not change store settings").isEqualTo(403);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("invite_used");
  }

  @Test
  void anExpiredOrUnknownInviteIsRefused() {
    String token = invite("staff").getString("token");
    service.env().asOwner(sql -> sql.execute(
        "UPDATE staff_invites SET expires_at = now() - interval '1 minute' WHERE accepted_at IS NULL"));

    HttpResponse<Buffer> expired = accept(service.signIn("late"), token);
    HttpResponse<Buffer> unknown = accept(service.signIn("guesser"), "AAAAAAAAAAAAAAAAAAAAAA");
    HttpResponse<Buffer> malformed = accept(service.signIn("guesser"), "short");

    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.bodyAsJsonObject().getString("code")).isEqualTo("invite_expired");
    assertThat(expired.bodyAsJsonObject().getString("field")).isEqualTo("token");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("invite_not_found");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.bodyAsJsonObject().getString("field")).isEqualTo("token");
  }

  @Test
  void anOwnerHiresStaffButNotOwners() {
    HttpResponse<Buffer> refused = service.call(HttpMethod.POST, storePath("/invites"), owner,
        new JsonObject().put("role", "owner"));
    HttpResponse<Buffer> notARole = service.call(HttpMethod.POST, storePath("/invites"), owner,
        new JsonObject().put("role", "operator"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("role_not_allowed");
    assertThat(notARole.statusCode()).isEqualTo(400);
    assertThat(notARole.bodyAsJsonObject().getString("field")).isEqualTo("role");
  }

  @Test
  void anInvitesMiniProgramCodeCarriesItsScene() {
    JsonObject invite = invite("staff");

    HttpResponse<Buffer> code = service.get(storePath("/invites/" + invite.getString("token") + "/wechat-code.png"),
        owner);

    assertThat(code.statusCode()).isEqualTo(200);
    assertThat(QrScanner.decode(code.body().getBytes())).isEqualTo(invite.getString("scene"));
  }

  @Test
  void removingStaffRevokesEverySessionAtOnce() {
    String token = invite("staff").getString("token");
    String onPhone = service.signInAndAccept("leaving", token);
    String onTablet = service.signIn("leaving");
    String userId = service.get("/api/v1/me", onPhone).bodyAsJsonObject().getJsonObject("user").getString("id");

    HttpResponse<Buffer> removed = service.call(HttpMethod.DELETE, storePath("/staff/" + userId), owner, null);

    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(service.get("/api/v1/me", onPhone).statusCode()).isEqualTo(401);
    assertThat(service.get("/api/v1/me", onTablet).statusCode()).isEqualTo(401);
    String again = service.signIn("leaving");
    assertThat(service.get(storePath("/tables"), again).statusCode()).as("no longer staff here").isEqualTo(404);
    HttpResponse<Buffer> gone = service.call(HttpMethod.DELETE, storePath("/staff/" + userId), owner, null);
    assertThat(problem(gone, 404)).isEqualTo("not_found@user");
  }

  @Test
  void anOperatorInvitesOwnersAndStaffToAStoreAndOperatorsToNone() {
    String operator = service.anOperatorOf(restaurant.tenantId(), "regional-manager");
    String tenantInvites = "/api/v1/tenants/" + restaurant.tenantId() + "/invites";

    HttpResponse<Buffer> ownerOfNoStore = service.call(HttpMethod.POST, tenantInvites, operator,
        new JsonObject().put("role", "owner"));
    HttpResponse<Buffer> operatorOfAStore = service.call(HttpMethod.POST, tenantInvites, operator,
        new JsonObject().put("role", "operator").put("store_id", restaurant.store().id().toString()));
    HttpResponse<Buffer> ownerOfAnUnknownStore = service.call(HttpMethod.POST, tenantInvites, operator,
        new JsonObject().put("role", "owner").put("store_id", UUID.randomUUID().toString()));
    HttpResponse<Buffer> ownerOfThisStore = service.call(HttpMethod.POST, tenantInvites, operator,
        new JsonObject().put("role", "owner").put("store_id", restaurant.store().id().toString()));

    assertThat(problem(ownerOfNoStore, 400)).isEqualTo("invalid_field@store_id");
    assertThat(problem(operatorOfAStore, 400)).isEqualTo("invalid_field@store_id");
    assertThat(problem(ownerOfAnUnknownStore, 404)).isEqualTo("not_found@store_id");
    assertThat(ownerOfThisStore.statusCode()).as(ownerOfThisStore.bodyAsString()).isEqualTo(201);
  }

  @Test
  void theStaffListShowsWhoWorksHere() {
    service.signInAndAccept("cook", invite("staff").getString("token"));

    HttpResponse<Buffer> list = service.get(storePath("/staff"), owner);

    assertThat(list.bodyAsJsonObject().getJsonArray("staff").stream().map(JsonObject.class::cast)
        .map(member -> member.getString("role"))).contains("owner", "staff");
  }

  private static JsonObject invite(String role) {
    HttpResponse<Buffer> response = service.call(HttpMethod.POST, storePath("/invites"), owner,
        new JsonObject().put("role", role));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static String problem(HttpResponse<Buffer> response, int status) {
    return Responses.problem(response, status) + "@" + response.bodyAsJsonObject().getString("field");
  }

  private static HttpResponse<Buffer> accept(String token, String inviteToken) {
    return service.call(HttpMethod.POST, "/api/v1/invites/accept", token, new JsonObject().put("token", inviteToken));
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }
}
