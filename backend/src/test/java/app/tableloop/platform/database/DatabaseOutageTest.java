package app.tableloop.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.embedded.EmbeddedPostgres;
import app.tableloop.platform.http.Problems;
import app.tableloop.testing.RunningService;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under a running service, then started again: meanwhile every request that needs it is answered
 * 503 with Retry-After (never 500), and once it is back the service serves again without a restart of its own. The
 * service stands on a PostgreSQL of its own here, so stopping it disturbs no other test.
 */
class DatabaseOutageTest {

  @Test
  void aStoppedDatabaseIs503WithRetryAfterAndTheServiceRecoversWhenItIsBack(@TempDir Path dataDir) throws Exception {
    int port = freePort();
    EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port);
    try (RunningService service = RunningService.start(DatabaseOutageTest.class, Map.of(
        "DATABASE_URL", TestEnvironment.uri(postgres.ownerUrl()), "DATABASE_APP_PASSWORD", "outage-app-password"))) {
      String token = service.signIn("outage-diner");
      assertThat(service.get("/api/v1/me", token).statusCode()).isEqualTo(200);

      postgres.close();

      HttpResponse<Buffer> down = service.get("/api/v1/me", token);
      assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(503);
      assertThat(down.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
      assertThat(down.bodyAsJsonObject().getString("code")).isEqualTo("service_unavailable");
      assertThat(down.bodyAsJsonObject().getString("message")).isNotBlank();
      assertThat(down.getHeader("Retry-After")).matches("[1-9][0-9]?");
      assertThat(service.get("/health/ready", null).statusCode()).isEqualTo(503);

      postgres = EmbeddedPostgres.start(dataDir, port);

      assertThat(service.eventually(() -> service.get("/api/v1/me", token).statusCode(), status -> status == 200))
          .isEqualTo(200);
      assertThat(service.get("/health/ready", null).statusCode()).isEqualTo(200);
    } finally {
      postgres.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
