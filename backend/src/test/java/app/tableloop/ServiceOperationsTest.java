package app.tableloop;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The service as deployed, with the product's own contract and features, against real PostgreSQL and Redis. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceOperationsTest {
  static RunningService service;

  @BeforeAll
  static void start() {
    service = RunningService.start(ServiceOperationsTest.class);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  @Order(1)
  void livenessAnswersWithoutTouchingDependencies() {
    HttpResponse<Buffer> response = get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  @Order(2)
  void readinessChecksPostgresAndRedis() {
    HttpResponse<Buffer> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactlyInAnyOrder("postgresql", "redis");
  }

  @Test
  @Order(3)
  void metricsAreInPrometheusFormatAndCountRequests() {
    get("/health/live");

    HttpResponse<Buffer> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString())
        .contains("vertx_http_server_requests_total")
        .contains("jvm_memory_used_bytes")
        .contains("tableloop_outbox_lag_seconds", "tableloop_outbox_waiting", "tableloop_outbox_parked_total")
        .as("no event bus meters: their per-handler gauge made Micrometer warn at each start")
        .doesNotContain("vertx_eventbus_");
  }

  @Test
  @Order(4)
  void theContractIsServed() {
    HttpResponse<Buffer> response = get("/api/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).startsWith("openapi: 3.1.0").contains("operationId: getReadiness");
  }

  @Test
  @Order(5)
  void anUnknownRouteIsAProblem() {
    HttpResponse<Buffer> response = get("/api/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  @Test
  @Order(99)
  void readinessTurnsDownWhenTheDatabaseGoesAway() {
    service.env().close();

    HttpResponse<Buffer> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject postgres = response.bodyAsJsonObject().getJsonArray("checks").stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("id").equals("postgresql")).findFirst().orElseThrow();
    assertThat(postgres.getString("status")).isEqualTo("DOWN");
  }

  private static HttpResponse<Buffer> get(String uri) {
    return service.get(uri, null);
  }
}
