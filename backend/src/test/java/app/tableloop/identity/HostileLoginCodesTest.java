package app.tableloop.identity;

import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.Responses;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.simulator.MiniProgramSimulation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile client's sign-in codes: each is refused as an unknown code is, none reaches WeChat (nothing can be added
 * to the jscode2session query beside the AppSecret), and neither the AppSecret nor an access token reaches the log,
 * even with WxJava logging every request at DEBUG and WeChat answering errors.
 */
class HostileLoginCodesTest {
  private static final List<String> HOSTILE = List.of("a b", "x&appid=wxEVIL&secret=s",
      "abcdefghijklmnop\"q", "abcdefghijklmnop<script>", "abcdefghijklmnop\u0000", "abcdefghijklmnop%",
      "abcdefghijklmnop%00", "A".repeat(4000), "abcdefghijklmnop\uD83D\uDE00", "", "short",
      "abcdefghijklmnop/../x", "abcdefghijklmnop#x", "abcdefghijklmnop\nsecret=s");
  /** What WxJava sends to jscode2session: WeChat's four parameters, and the access token it adds to every URL. */
  private static final Set<String> JSCODE2SESSION_PARAMETERS = Set.of("appid", "secret", "js_code", "grant_type",
      "access_token");

  static CapturedLog log;
  static RunningService service;

  @BeforeAll
  static void start() {
    log = CapturedLog.withDebug(List.of("me.chanjar", "cn.binarywang", "com.github.binarywang"));
    service = RunningService.start(HostileLoginCodesTest.class);
  }

  @AfterAll
  static void stop() {
    service.close();
    log.close();
  }

  @Test
  void aMalformedCodeIsRefusedAsAnUnknownOneAndNeverSentToWeChat() {
    for (String code : HOSTILE) {
      HttpResponse<Buffer> refused = signIn(code);

      assertThat(refused.bodyAsJsonObject().getString("field")).as("code %s", code).isEqualTo("code");
      if (code.indexOf(0) >= 0) {
        // Text no database could store is refused at the edge for every field alike, before any handler.
        assertThat(problem(refused, 400)).as("code %s", code).isEqualTo("invalid_field");
      } else {
        assertThat(problem(refused, 401)).as("code %s", code).isEqualTo("invalid_login_code");
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("登录");
      }
    }
    String unknown = "wellFormedButUnknown_0123456789";
    assertThat(problem(signIn(unknown), 401)).isEqualTo("invalid_login_code");

    // Only the well-formed code was exchanged, with exactly the parameters WxJava sends, each once.
    List<Map<String, List<String>>> exchanges = miniProgram().codeExchanges();
    assertThat(exchanges).isNotEmpty().allSatisfy(query -> {
      assertThat(query.keySet()).isEqualTo(JSCODE2SESSION_PARAMETERS);
      assertThat(query.values()).allSatisfy(values -> assertThat(values).hasSize(1));
      assertThat(query.get("appid")).containsExactly(service.simulator().connection().appId());
      assertThat(HOSTILE).doesNotContain(query.get("js_code").get(0));
    });
    assertThat(exchanges).anySatisfy(query -> assertThat(query.get("js_code")).containsExactly(unknown));
    assertThat(log.text()).doesNotContain(service.simulator().connection().appSecret());
  }

  @Test
  void weChatsErrorsAndAnExpiredTokenLeaveNoCredentialInTheLog() {
    assertThat(problem(signIn("unknownButWellFormed_0123456789"), 401)).isEqualTo("invalid_login_code");
    String code = miniProgram().loginCode("owner-of-the-log", false);
    String session = Responses.ok(signIn(code)).getString("token");
    assertThat(problem(signIn(code), 401)).isEqualTo("invalid_login_code");
    // An access token WeChat has expired: WxJava is refused with 42001, fetches a new one and calls again.
    TenantBootstrap.Bootstrapped restaurant = service.aRestaurant("日志面馆", "A1-A3");
    String owner = service.signInAndAccept("owner-of-the-log", restaurant.ownerInvite().token());
    assertThat(service.get(tableCode(restaurant, 0), owner).statusCode()).isEqualTo(200);
    miniProgram().expireTokens();
    assertThat(service.get(tableCode(restaurant, 1), owner).statusCode()).isEqualTo(200);

    String printed = log.text();
    // WxJava did log its requests at DEBUG (masked), and the gateway logged WeChat's refusals by their codes.
    assertThat(printed).contains("jscode2session").contains("secret=***").contains("access_token=***")
        .contains("errcode 40029").contains("errcode 40163");
    assertThat(printed).doesNotContain(service.simulator().connection().appSecret())
        .doesNotContain(code).doesNotContain(session).doesNotContain(owner);
    assertThat(miniProgram().accessTokens()).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(token -> assertThat(printed).doesNotContain(token));
  }

  private static String tableCode(TenantBootstrap.Bootstrapped restaurant, int table) {
    return "/api/v1/stores/" + restaurant.store().id() + "/tables/" + restaurant.tables().get(table).id()
        + "/wechat-code.png";
  }

  private static MiniProgramSimulation miniProgram() {
    return service.simulator().miniProgram();
  }

  private static HttpResponse<Buffer> signIn(String code) {
    return service.call(HttpMethod.POST, "/api/v1/auth/wechat", null, new JsonObject().put("code", code));
  }
}
