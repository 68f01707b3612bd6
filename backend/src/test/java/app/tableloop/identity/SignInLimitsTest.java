package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** The sign-in counters in Redis: exact when attempts race, and never left without the end of their window. */
class SignInLimitsTest {
  static TestEnvironment env;
  static Vertx vertx;
  static Redis redis;
  static SignInLimits limits;

  @BeforeAll
  static void setUp() {
    env = TestEnvironment.forClass(SignInLimitsTest.class);
    vertx = VertxFactory.create().vertx();
    redis = env.redis(vertx);
    limits = new SignInLimits(redis);
  }

  @AfterAll
  static void tearDown() {
    Await.result(redis.close());
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void racingAttemptsFromOneAddressLetExactlyItsLimitIn() {
    List<Future<Boolean>> attempts = IntStream.range(0, 3 * SignInLimits.PER_ADDRESS_PER_MINUTE)
        .mapToObj(i -> limits.allow("198.51.100.1", "racing-code-" + i))
        .toList();

    List<Boolean> answers = Await.result(Future.all(attempts)).list();

    assertThat(answers.stream().filter(Boolean::booleanValue)).hasSize(SignInLimits.PER_ADDRESS_PER_MINUTE);
  }

  @Test
  void oneCodeIsLetInItsLimitTimesFromAnyAddresses() {
    List<Boolean> answers = IntStream.range(0, SignInLimits.PER_CODE + 2)
        .mapToObj(i -> Await.result(limits.allow("198.51.100." + (10 + i), "one-code-many-places")))
        .toList();

    assertThat(answers).containsExactly(true, true, true, false, false);
  }

  @Test
  void theFirstAttemptOpensTheWindowAndItsEndLetsTheAddressInAgain() {
    String counter = "sign-in-attempts:address:198.51.100.50";
    for (int i = 0; i < SignInLimits.PER_ADDRESS_PER_MINUTE; i++) {
      assertThat(Await.result(limits.allow("198.51.100.50", "window-code-" + i))).isTrue();
    }
    assertThat(Await.result(limits.allow("198.51.100.50", "window-code-over"))).isFalse();
    long left = Await.result(redis.future(redis.client().getBucket(counter, StringCodec.INSTANCE)
        .remainTimeToLiveAsync()));
    assertThat(left).isBetween(1L, 60_000L);

    // The window's end, brought forward.
    Await.result(redis.future(redis.client().getBucket(counter, StringCodec.INSTANCE).deleteAsync()));

    assertThat(Await.result(limits.allow("198.51.100.50", "window-code-after"))).isTrue();
    assertThat(Await.result(redis.future(redis.client().getBucket(counter, StringCodec.INSTANCE)
        .remainTimeToLiveAsync()))).isBetween(1L, 60_000L);
  }
}
