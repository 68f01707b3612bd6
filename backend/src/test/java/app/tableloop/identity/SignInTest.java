package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WeChat sign-in through the simulator, our own sessions in Redis, and their limits. */
class SignInTest {
  static RunningService service;

  @BeforeAll
  static void start() {
    service = RunningService.start(SignInTest.class);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aFreshCodeGivesASessionAndTheSameCodeAgainIsRefused() {
    String code = service.simulator().miniProgram().loginCode("alice", false);

    HttpResponse<Buffer> first = signIn(code);
    HttpResponse<Buffer> again = signIn(code);

    assertThat(first.statusCode()).isEqualTo(200);
    String token = first.bodyAsJsonObject().getString("token");
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(service.get("/api/v1/me", token).statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("invalid_login_code");
    assertThat(again.bodyAsJsonObject().getString("message")).contains("登录");
  }

  @Test
  void theSameWeChatUserIsOneUserAcrossSignIns() {
    String first = service.signIn("bob");
    String second = service.signIn("bob");

    assertThat(first).isNotEqualTo(second);
    assertThat(userId(first)).isEqualTo(userId(second));
    assertThat(userId(service.signIn("carol"))).isNotEqualTo(userId(first));
  }

  @Test
  void unknownOrMissingCodesAreClearProblems() {
    HttpResponse<Buffer> unknown = signIn("no-such-code");
    HttpResponse<Buffer> missing = service.call(HttpMethod.POST, "/api/v1/auth/wechat", null, new JsonObject());
    HttpResponse<Buffer> notAString = service.call(HttpMethod.POST, "/api/v1/auth/wechat", null,
        new JsonObject().put("code", 42));

    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("invalid_login_code");
    assertThat(unknown.bodyAsJsonObject().getString("field")).isEqualTo("code");
    // A request without a code string is malformed (400); any string that is no code is an invalid code (401).
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsJsonObject().getString("field")).isEqualTo("code");
    assertThat(notAString.statusCode()).isEqualTo(400);
    assertThat(notAString.bodyAsJsonObject().getString("field")).isEqualTo("code");
  }

  @Test
  void oneCodeCannotBeTriedOverAndOver() {
    String code = "guessed-code-0001";
    for (int attempt = 0; attempt < SignInLimits.PER_CODE; attempt++) {
      assertThat(signIn(code).statusCode()).isEqualTo(401);
    }

    HttpResponse<Buffer> limited = signIn(code);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.bodyAsJsonObject().getString("code")).isEqualTo("too_many_sign_ins");
  }

  @Test
  void aBadOrMissingTokenIs401() {
    assertThat(service.get("/api/v1/me", null).statusCode()).isEqualTo(401);
    assertThat(service.get("/api/v1/me", "A".repeat(43)).statusCode()).isEqualTo(401);
    assertThat(service.get("/api/v1/me", "not a token").bodyAsJsonObject().getString("code"))
        .isEqualTo("unauthorized");
  }

  @Test
  void signingOutEndsOnlyThatSession() {
    String phone = service.signIn("dora");
    String tablet = service.signIn("dora");

    assertThat(service.call(HttpMethod.POST, "/api/v1/auth/sign-out", phone, null).statusCode()).isEqualTo(204);

    assertThat(service.get("/api/v1/me", phone).statusCode()).isEqualTo(401);
    assertThat(service.get("/api/v1/me", tablet).statusCode()).isEqualTo(200);
  }

  @Test
  void losingRedisSignsEveryoneOutWithinSecondsAndLosesNoUser() {
    String token = service.signIn("erin");
    String userId = userId(token);
    service.env().asOwner(sql -> {
      var rows = sql.executeQuery("SELECT count(*) FROM users WHERE id = '" + userId + "'");
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    });

    service.flushRedis();

    // The instance keeps a session it found open for a few seconds (nothing announced its end here).
    assertThat(service.eventually(() -> service.get("/api/v1/me", token).statusCode(), status -> status != 200))
        .isEqualTo(401);
    assertThat(userId(service.signIn("erin"))).isEqualTo(userId);
  }

  private static String userId(String token) {
    return service.get("/api/v1/me", token).bodyAsJsonObject().getJsonObject("user").getString("id");
  }

  private static HttpResponse<Buffer> signIn(String code) {
    return service.call(HttpMethod.POST, "/api/v1/auth/wechat", null, new JsonObject().put("code", code));
  }
}
