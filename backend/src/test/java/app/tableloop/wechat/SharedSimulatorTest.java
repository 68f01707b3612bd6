package app.tableloop.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tableloop.Application;
import app.tableloop.platform.config.Config;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.TableScene;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.simulator.NotificationDelivery;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service on one PostgreSQL and Redis, as behind a reverse proxy, with one simulated WeChat: the
 * second starts no simulator of its own but uses the first's (WECHAT_SIMULATOR_URL). A diner signs in on the second
 * with a code the simulator minted and pays there, and WeChat Pay's notification reaches the second.
 */
class SharedSimulatorTest {
  private static final long PRICE_FEN = 1800;

  static RunningService first;
  static ARestaurant restaurant;
  static int secondPort;
  static Application second;
  static Vertx clientVertx;
  static WebClient toSecond;

  @BeforeAll
  static void start() throws IOException {
    first = RunningService.startReachable(SharedSimulatorTest.class);
    restaurant = ARestaurant.payFirst(first, "两店面馆", "A1-A4", PRICE_FEN);
    secondPort = freePort();
    Config config = first.env().config(Map.of("HTTP_PORT", Integer.toString(secondPort),
        "PUBLIC_BASE_URL", "http://127.0.0.1:" + secondPort, "WECHAT_SIMULATOR_PORT", "0"));
    second = Application.start(config, WeChatSettings.from(Map.of("WECHAT_SIMULATOR_URL",
        first.simulator().baseUrl())), HttpSettings.from(config), Application.FEATURES);
    clientVertx = VertxFactory.create().vertx();
    toSecond = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(secondPort));
  }

  @AfterAll
  static void stop() {
    toSecond.close();
    Await.result(clientVertx.close());
    second.close();
    first.close();
  }

  @Test
  void aDinerSignsInAndPaysOnTheInstanceThatUsesAnotherInstancesSimulator() {
    assertThat(second.simulator()).as("no simulator of its own").isEmpty();
    String code = first.simulator().miniProgram().loginCode("diner-on-the-second", false);
    HttpResponse<Buffer> signedIn = call(HttpMethod.POST, "/api/v1/auth/wechat", null,
        new JsonObject().put("code", code));
    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    String diner = signedIn.bodyAsJsonObject().getString("token");

    DiningTable table = restaurant.table("A2");
    String scene = new TableScene(restaurant.store().code(), table.code()).scene();
    String scanToken = ok(call(HttpMethod.GET, "/api/v1/scan?scene=" + URLEncoder.encode(scene,
        StandardCharsets.UTF_8), null, null)).getString("scan_token");
    String tab = ok(call(HttpMethod.POST, "/api/v1/stores/" + restaurant.store().id() + "/tables/" + table.id()
        + "/tab", diner, new JsonObject().put("scan_token", scanToken))).getString("id");
    ok(call(HttpMethod.POST, restaurant.path("/tabs/" + tab + "/cart"), diner,
        new JsonObject().put("dish_id", restaurant.dish()).put("quantity", 1)));
    JsonObject order = ok(call(HttpMethod.POST, restaurant.path("/tabs/" + tab + "/orders"), diner,
        new JsonObject().put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 1)));
    assertThat(order.getString("status")).isEqualTo("awaiting_payment");
    JsonObject payment = ok(call(HttpMethod.POST, restaurant.path("/tabs/" + tab + "/orders/"
        + order.getString("id") + "/wechat-payment"), diner, null));
    String outTradeNo = payment.getJsonObject("payment").getString("out_trade_no");

    String transactionId = first.simulator().pay().pay(outTradeNo);

    first.eventually(() -> first.env().count("SELECT count(*) FROM payments WHERE status = 'paid'"
        + " AND transaction_id = '" + transactionId + "'"), paid -> paid == 1);
    // The simulator notes a delivery once its answer is in, which may be just after the payment is recorded.
    String secondNotifyUrl = "http://127.0.0.1:" + secondPort + "/api/v1/payments/wechat/notify";
    first.eventually(() -> first.simulator().pay().notificationDeliveries().stream()
        .filter(delivery -> delivery.url().equals(secondNotifyUrl)).toList(), deliveries -> !deliveries.isEmpty());
    assertThat(first.simulator().pay().notificationDeliveries()).filteredOn(delivery -> delivery.url()
            .equals(secondNotifyUrl))
        .isNotEmpty().allMatch(NotificationDelivery::accepted);
  }

  @Test
  void anInstanceWhoseSimulatorDoesNotAnswerDoesNotStart() throws IOException {
    Config config = first.env().config(Map.of());
    String nowhere = "http://127.0.0.1:" + freePort();

    assertThatThrownBy(() -> Application.start(config, WeChatSettings.from(Map.of("WECHAT_SIMULATOR_URL", nowhere)),
        HttpSettings.from(config), Application.FEATURES))
        .hasMessageContaining("no WeChat simulator answers at " + nowhere);
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = toSecond.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
