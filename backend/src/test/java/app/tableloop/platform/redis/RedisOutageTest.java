package app.tableloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.embedded.EmbeddedRedis;
import app.tableloop.platform.http.Problems;
import app.tableloop.testing.RunningService;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stopped under a running service: what needs it (every signed-in request reads its session there, once the
 * few seconds an instance keeps a session it found have passed) is answered 503 with Retry-After, never 500, and the
 * public menu, which PostgreSQL can serve, still answers. The service stands on a Redis of its own here, so stopping
 * it disturbs no other test.
 */
class RedisOutageTest {

  @Test
  void aStoppedRedisIs503WithRetryAfter(@TempDir Path dataDir) {
    EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
    try (RunningService service = RunningService.start(RedisOutageTest.class, Map.of(
        "REDIS_URL", TestEnvironment.uri(redis.url()), "REDIS_KEY_PREFIX", "outage:"))) {
      String token = service.signIn("redis-outage-diner");
      assertThat(service.get("/api/v1/me", token).statusCode()).isEqualTo(200);

      redis.close();

      HttpResponse<Buffer> down = service.eventually(() -> service.get("/api/v1/me", token),
          answer -> answer.statusCode() != 200);
      assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(503);
      assertThat(down.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
      assertThat(down.bodyAsJsonObject().getString("code")).isEqualTo("service_unavailable");
      assertThat(down.getHeader("Retry-After")).matches("[1-9][0-9]?");
      assertThat(service.get("/health/ready", null).statusCode()).isEqualTo(503);
    } finally {
      redis.close();
    }
  }
}
