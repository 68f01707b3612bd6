package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.http.AccessLog;
import app.tableloop.testing.Await;
import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.RunningService;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-address sign-in limit behind a reverse proxy: the service trusts the proxy at 127.0.0.1, so the diners it
 * forwards are limited one by one; a caller at 127.0.0.2, trusted by no one, is limited by its own address whatever
 * X-Forwarded-For it sends. The access log names the same client the limit counts.
 */
class SignInBehindProxyTest {
  static RunningService service;
  static Vertx clientVertx;

  @BeforeAll
  static void start() {
    service = RunningService.start(SignInBehindProxyTest.class, Map.of("HTTP_TRUSTED_PROXIES", "127.0.0.1/32"));
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(clientVertx.close());
    service.close();
  }

  @Test
  void dinersForwardedByATrustedProxyDoNotShareOneLimit() {
    WebClient proxy = clientFrom("127.0.0.1");
    for (int attempt = 0; attempt < SignInLimits.PER_ADDRESS_PER_MINUTE; attempt++) {
      assertThat(signIn(proxy, "203.0.113.10", attempt).statusCode()).isEqualTo(401);
    }

    HttpResponse<Buffer> sameDiner = signIn(proxy, "203.0.113.10", -1);
    HttpResponse<Buffer> otherDiner = signIn(proxy, "203.0.113.20", -2);
    // The diner's own (forged) entry left of what the proxy appended changes nothing.
    HttpResponse<Buffer> sameDinerForging = signIn(proxy, "198.51.100.7, 203.0.113.10", -3);

    assertThat(sameDiner.statusCode()).isEqualTo(429);
    assertThat(sameDiner.bodyAsJsonObject().getString("code")).isEqualTo("too_many_sign_ins");
    assertThat(otherDiner.statusCode()).isEqualTo(401);
    assertThat(otherDiner.bodyAsJsonObject().getString("code")).isEqualTo("invalid_login_code");
    assertThat(sameDinerForging.statusCode()).isEqualTo(429);
  }

  @Test
  void anUntrustedCallerCannotEscapeItsLimitByForgingTheHeader() {
    WebClient stranger = clientFrom("127.0.0.2");
    for (int attempt = 0; attempt < SignInLimits.PER_ADDRESS_PER_MINUTE; attempt++) {
      assertThat(signIn(stranger, "192.0.2." + attempt, 100 + attempt).statusCode()).isEqualTo(401);
    }

    HttpResponse<Buffer> forged = signIn(stranger, "192.0.2.200", 200);

    assertThat(forged.statusCode()).isEqualTo(429);
    assertThat(forged.bodyAsJsonObject().getString("code")).isEqualTo("too_many_sign_ins");
  }

  @Test
  void theAccessLogNamesTheForwardedClientAndNeverAForgedOne() {
    List<String> lines;
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(get(clientFrom("127.0.0.1"), "/health/live", "203.0.113.77").statusCode()).isEqualTo(200);
      assertThat(get(clientFrom("127.0.0.2"), "/health/live", "203.0.113.78").statusCode()).isEqualTo(200);
      // Refused before its headers are read (its URI is over the server's limit): only the connection names it.
      assertThat(get(clientFrom("127.0.0.1"), "/health/live?pad=" + "p".repeat(20_000), "203.0.113.79").statusCode())
          .isEqualTo(414);
      lines = service.eventually(() -> log.events().stream()
          .filter(event -> event.getLoggerName().equals(AccessLog.class.getName()))
          .map(event -> event.getFormattedMessage()).toList(), logged -> logged.size() >= 3);
    }

    assertThat(lines).anyMatch(line -> line.startsWith("203.0.113.77 GET /health/live 200"))
        .anyMatch(line -> line.startsWith("127.0.0.2 GET /health/live 200"))
        .anyMatch(line -> line.startsWith("127.0.0.1 GET (unparsed) 414"))
        .noneMatch(line -> line.contains("203.0.113.78") || line.contains("203.0.113.79"));
  }

  private static HttpResponse<Buffer> get(WebClient client, String uri, String forwardedFor) {
    return Await.result(client.get(uri).putHeader("X-Forwarded-For", forwardedFor).send());
  }

  private static WebClient clientFrom(String localAddress) {
    return WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()).setLocalAddress(localAddress));
  }

  /** A sign-in with a well-formed code WeChat never issued (one per attempt, below the per-code limit). */
  private static HttpResponse<Buffer> signIn(WebClient client, String forwardedFor, int attempt) {
    return Await.result(client.post("/api/v1/auth/wechat")
        .putHeaders(MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", forwardedFor))
        .sendJsonObject(new JsonObject().put("code", "neverIssuedCode_" + (attempt + 1000))));
  }
}
