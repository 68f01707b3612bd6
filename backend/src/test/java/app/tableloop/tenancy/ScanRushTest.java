package app.tableloop.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restaurant opening for the day: many diners scan at once, the first scans since the service started, while the
 * scan proofs' key is still to be read. Every one gets its proof; none waits for a connection another scan holds.
 */
class ScanRushTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(ScanRushTest.class);
    restaurant = service.aRestaurant("开门面馆", "A1-A12");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void twelveTablesScanningAtOnceOnAFreshStartAllGetTheirProof() {
    List<Future<HttpResponse<Buffer>>> scans = IntStream.range(0, 12)
        .mapToObj(i -> service.callAsync(HttpMethod.GET, "/api/v1/scan?scene=" + URLEncoder.encode(new TableScene(
            restaurant.store().code(), restaurant.tables().get(i).code()).scene(), StandardCharsets.UTF_8), null, null))
        .toList();

    List<HttpResponse<Buffer>> answers = Await.result(Future.all(scans).map(all -> all.<HttpResponse<Buffer>>list()));

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
      assertThat(answer.bodyAsJsonObject().getString("scan_token")).isNotBlank();
    });
  }
}
