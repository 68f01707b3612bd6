package app.tableloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.config.RedisUrl;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redisson's connections live on Vert.x's event loops, whatever transport a Redisson file asks for. */
class RedisEventLoopsTest {
  static TestEnvironment env;
  static Vertx vertx;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    env = TestEnvironment.forClass(RedisEventLoopsTest.class);
    vertx = VertxFactory.create().vertx();
  }

  @AfterAll
  static void tearDown() {
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void redisAnswersOnAnEventLoopOfVertx() {
    Redis redis = Await.result(Redis.connect(vertx, Optional.of(env.redisUrl()), Optional.empty(),
        env.redisKeyPrefix()));
    try {
      assertThat(answeredOn(redis)).startsWith("vert.x-eventloop-thread-");
    } finally {
      Await.result(redis.close());
    }
  }

  @Test
  void aFileAskingForAnotherTransportStillConnectsOnTheEventLoops() throws IOException {
    RedisUrl url = env.redisUrl();
    Path file = Files.writeString(dir.resolve("redisson.yaml"), "transportMode: \"EPOLL\"\n"
        + (url.password() == null ? "" : "password: \"" + url.password() + "\"\n")
        + "singleServerConfig:\n"
        + "  address: \"" + url.address() + "\"\n"
        + "  database: " + url.database() + "\n");
    Redis redis = Await.result(Redis.connect(vertx, Optional.empty(), Optional.of(file), env.redisKeyPrefix()));
    try {
      assertThat(answeredOn(redis)).startsWith("vert.x-eventloop-thread-");
    } finally {
      Await.result(redis.close());
    }
  }

  /**
   * The thread a command's answer arrives on. The command waits 200 ms in Redis (a poll of an empty queue), so that
   * the callback is in place before the answer comes: on an answer already there, it would run on the caller.
   */
  private static String answeredOn(Redis redis) {
    return Await.result(redis.future(redis.client().getBlockingQueue("event-loops:probe")
        .pollAsync(200, TimeUnit.MILLISECONDS)
        .thenApply(nothing -> Thread.currentThread().getName())));
  }
}
