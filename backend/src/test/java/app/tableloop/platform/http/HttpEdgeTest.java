package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.RunningService;
import app.tableloop.tenancy.TenantBootstrap;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every response looks like at the edge: the security headers, no caching of what may be personal unless a
 * response means to be cached, an access log that shows no live secret, and a problem body with a request id even for
 * requests too broken for the router to see.
 */
class HttpEdgeTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;
  static String inviteToken;

  @BeforeAll
  static void start() {
    service = RunningService.start(HttpEdgeTest.class);
    restaurant = service.aRestaurant("边缘小馆", "A1-A2");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
    inviteToken = service.call(HttpMethod.POST, storePath("/invites"), owner, new JsonObject().put("role", "staff"))
        .bodyAsJsonObject().getString("token");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void everyResponseForbidsSniffingFramingAndReferrers() {
    for (HttpResponse<Buffer> response : List.of(service.get("/health/live", null), service.get("/api/v1/me", owner),
        service.get("/api/v1/me", null), service.get("/api/v1/nothing-here", null))) {
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
      assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }
  }

  @Test
  void personalAnswersAreNeverStoredButTheMenuAndTableCodesKeepTheirOwnCaching() {
    HttpResponse<Buffer> me = service.get("/api/v1/me", owner);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.getHeader("Cache-Control")).isEqualTo("no-store");
    HttpResponse<Buffer> invite = service.get(storePath("/invites/" + inviteToken + "/wechat-code.png"), owner);
    assertThat(invite.statusCode()).isEqualTo(200);
    assertThat(invite.getHeader("Cache-Control")).as("an invite's code carries its token").isEqualTo("no-store");
    assertThat(service.get("/api/v1/me", null).getHeader("Cache-Control")).as("a problem too").isEqualTo("no-store");

    HttpResponse<Buffer> menu = service.get(storePath("/menu"), null);
    assertThat(menu.statusCode()).isEqualTo(200);
    assertThat(menu.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(menu.getHeader("ETag")).isNotBlank();
    String table = restaurant.tables().get(0).id().toString();
    HttpResponse<Buffer> code = service.get(storePath("/tables/" + table + "/wechat-code.png"), owner);
    assertThat(code.statusCode()).isEqualTo(200);
    assertThat(code.getHeader("Cache-Control")).isEqualTo("private, max-age=3600");
  }

  @Test
  void theLinkPagesMayLoadNothingButTheirOwnStyle() {
    HttpResponse<Buffer> page = service.get("/i/" + inviteToken, null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Security-Policy"))
        .contains("default-src 'none'", "style-src 'unsafe-inline'", "frame-ancestors 'none'");
    assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void theAccessLogShowsNoInviteToken() {
    String encodedLink = URLEncoder.encode("https://order.example.com/i/" + inviteToken, StandardCharsets.UTF_8);
    List<ILoggingEvent> lines;
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(service.get("/i/" + inviteToken, null).statusCode()).isEqualTo(200);
      assertThat(service.get(storePath("/invites/" + inviteToken + "/wechat-code.png"), owner).statusCode())
          .isEqualTo(200);
      assertThat(service.get(storePath("/invites/" + inviteToken + "/wechat-code.png"), null).statusCode())
          .isEqualTo(401);
      assertThat(service.call(HttpMethod.DELETE, "/i/" + inviteToken, null, null).statusCode()).isEqualTo(405);
      service.get("/api/v1/scan?scene=" + URLEncoder.encode("i=" + inviteToken, StandardCharsets.UTF_8), owner);
      service.get("/api/v1/scan?q=" + encodedLink, owner);
      lines = service.eventually(log::events, logged -> accessLines(logged).size() >= 6);
    }

    assertThat(lines).noneMatch(line -> line.getFormattedMessage().contains(inviteToken));
    assertThat(accessLines(lines)).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("GET /i/*** 200"))
        .anyMatch(line -> line.contains("DELETE /i/*** 405"))
        .anyMatch(line -> line.contains("/invites/***/wechat-code.png 200"))
        .anyMatch(line -> line.contains("/invites/***/wechat-code.png 401"))
        .anyMatch(line -> line.contains("/api/v1/scan?scene=*** "))
        .anyMatch(line -> line.contains("/api/v1/scan?q=*** "))
        .anyMatch(line -> line.contains(storePath("/invites/")));
  }

  @Test
  void connectionsAreSpreadOverAnEventLoopPerCore() throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    List<ILoggingEvent> lines;
    try (CapturedLog log = CapturedLog.start()) {
      for (int i = 0; i < 2 * cores; i++) {
        assertThat(raw(closingRequest("/health/live", "edge-loop-id-" + i)).status()).isEqualTo(200);
      }
      lines = service.eventually(log::events, logged -> accessLines(logged).size() >= 2 * cores);
    }

    assertThat(accessLines(lines).stream().map(ILoggingEvent::getThreadName).distinct())
        .as("one event loop per core takes connections").hasSize(cores);
  }

  @Test
  void eachAccessLogLineIsPrintedWithItsRequestsId() throws IOException {
    String printed;
    try (CapturedLog log = CapturedLog.start()) {
      for (String id : List.of("edge-log-id-1", "edge-log-id-2")) {
        assertThat(raw(closingRequest("/api/v1/me", id)).status()).isEqualTo(401);
      }
      service.eventually(log::events, logged -> accessLines(logged).size() >= 2);
      printed = log.text();
    }

    assertThat(printed.lines().filter(line -> line.contains("GET /api/v1/me 401")))
        .anyMatch(line -> line.contains("[req:edge-log-id-1]"))
        .anyMatch(line -> line.contains("[req:edge-log-id-2]"));
  }

  @Test
  void aTwentyThousandCharacterUriIsA414ProblemWithARequestId() throws IOException {
    RawResponse response = raw("GET /api/v1/stores/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertThat(response.status()).isEqualTo(414);
    JsonObject problem = response.problem();
    assertThat(problem.getString("code")).isEqualTo("uri_too_long");
    assertThat(problem.getString("message")).isEqualTo("请求地址过长");
    assertThat(problem.getString("request_id")).isNotBlank();
    assertThat(response.head()).contains("X-Request-Id: " + problem.getString("request_id"))
        .contains("X-Content-Type-Options: nosniff");
  }

  @Test
  void hugeHeadersAreA431Problem() {
    HttpResponse<Buffer> response = service.postRaw("/api/v1/auth/wechat",
        MultiMap.caseInsensitiveMultiMap().add("X-Padding", "p".repeat(20_000)),
        "{}");

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo("headers_too_large");
    assertThat(problem.getString("message_en")).contains("headers");
    assertThat(problem.getString("request_id")).isEqualTo(response.getHeader("X-Request-Id")).isNotBlank();
  }

  @Test
  void aGarbledRequestLineIsA400Problem() throws IOException {
    RawResponse response = raw("HELLO THERE\r\n\r\n");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problem().getString("code")).isEqualTo("bad_request");
    assertThat(response.problem().getString("request_id")).isNotBlank();
  }

  @Test
  void aWellFormedRequestStillKeepsItsOwnRequestId() {
    HttpResponse<Buffer> response = service.postRaw("/api/v1/auth/wechat",
        MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "edge-test-ok-1").add("Content-Type",
            "application/json"), "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("X-Request-Id")).isEqualTo("edge-test-ok-1");
  }

  private static List<ILoggingEvent> accessLines(List<ILoggingEvent> lines) {
    return lines.stream().filter(line -> line.getLoggerName().equals(AccessLog.class.getName())).toList();
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }

  /** A GET on a connection of its own, which the server closes after answering. */
  private static String closingRequest(String path, String requestId) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: " + requestId
        + "\r\nConnection: close\r\n\r\n";
  }

  /** An HTTP exchange over a plain socket, for requests no HTTP client would send; the server closes after it. */
  private static RawResponse raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new RawResponse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private record RawResponse(String text) {
    int status() {
      return Integer.parseInt(text.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    String head() {
      return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    JsonObject problem() {
      assertThat(head()).containsIgnoringCase("content-type: " + Problems.CONTENT_TYPE);
      return new JsonObject(text.substring(text.indexOf("\r\n\r\n") + 4));
    }
  }
}
