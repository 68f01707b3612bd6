package app.tableloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Two deployments (or test classes) sharing one Redis never see each other's keys. */
class RedisKeyPrefixTest {
  static TestEnvironment env;
  static Vertx vertx;
  static Redis first;
  static Redis second;
  static Redis unprefixed;

  @BeforeAll
  static void setUp() {
    env = TestEnvironment.forClass(RedisKeyPrefixTest.class);
    vertx = VertxFactory.create().vertx();
    first = Await.result(Redis.connect(vertx, Optional.of(env.redisUrl()), Optional.empty(),
        env.redisKeyPrefix() + "first:"));
    second = Await.result(Redis.connect(vertx, Optional.of(env.redisUrl()), Optional.empty(),
        env.redisKeyPrefix() + "second:"));
    unprefixed = Await.result(Redis.connect(vertx, Optional.of(env.redisUrl()), Optional.empty(), ""));
  }

  @AfterAll
  static void tearDown() {
    unprefixed.client().getKeys().deleteByPattern(env.redisKeyPrefix() + "*");
    Await.result(first.close());
    Await.result(second.close());
    Await.result(unprefixed.close());
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void aKeyWrittenUnderOnePrefixIsInvisibleUnderAnother() {
    first.client().getBucket("session:abc").set("alice");

    assertThat(first.client().<String>getBucket("session:abc").get()).isEqualTo("alice");
    assertThat(second.client().getBucket("session:abc").isExists()).isFalse();
  }

  @Test
  void theKeyInRedisCarriesThePrefix() {
    RedissonClient redis = first.client();
    redis.getBucket("counter").set(7L);

    assertThat(unprefixed.client().getBucket(env.redisKeyPrefix() + "first:counter").isExists()).isTrue();
    assertThat(unprefixed.client().getBucket("counter").isExists()).isFalse();
  }

  @Test
  void pingAnswersFromTheServerAndFailsOnceTheConnectionIsGone() {
    Redis closing = Await.result(Redis.connect(vertx, Optional.of(env.redisUrl()), Optional.empty(),
        env.redisKeyPrefix() + "closing:"));
    assertThat(closing.ping().toCompletionStage().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5));

    Await.result(closing.close());

    assertThat(Await.failure(closing.ping())).as("the readiness check must see a Redis it cannot reach").isNotNull();
  }
}
