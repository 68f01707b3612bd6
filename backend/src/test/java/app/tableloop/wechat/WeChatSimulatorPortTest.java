package app.tableloop.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With WECHAT_SIMULATOR_PORT set, the simulator listens where a mini-program in the developer tools expects it: a
 * phone-side client mints its login code there and signs in to the service with it.
 */
class WeChatSimulatorPortTest {
  static int simulatorPort;
  static RunningService service;

  @BeforeAll
  static void start() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      simulatorPort = probe.getLocalPort();
    }
    service = RunningService.start(WeChatSimulatorPortTest.class,
        Map.of("WECHAT_SIMULATOR_PORT", Integer.toString(simulatorPort)));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aLoginCodeMintedAtTheConfiguredPortSignsIn() throws Exception {
    assertThat(service.simulator().baseUrl()).isEqualTo("http://127.0.0.1:" + simulatorPort);

    HttpResponse<String> minted = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
            .uri(URI.create("http://127.0.0.1:" + simulatorPort + "/sim/login-code"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"port-diner\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(minted.statusCode()).isEqualTo(200);
    String code = new JsonObject(minted.body()).getString("code");

    var signedIn = service.call(HttpMethod.POST, "/api/v1/auth/wechat", null, new JsonObject().put("code", code));

    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.bodyAsJsonObject().getString("token")).isNotBlank();
  }
}
