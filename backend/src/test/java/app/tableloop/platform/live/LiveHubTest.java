package app.tableloop.platform.live;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;

/**
 * An event published only to watchers is built only while some instance listens to its channel: the listener here
 * is another instance's subscription, made through its own Redis connection as a hub makes it for its sockets.
 */
class LiveHubTest {
  static TestEnvironment env;
  static Vertx vertx;
  static Redis redis;
  static Redis otherInstance;
  static LiveHub hub;

  @BeforeAll
  static void setUp() {
    env = TestEnvironment.forClass(LiveHubTest.class);
    vertx = VertxFactory.create().vertx();
    redis = env.redis(vertx);
    otherInstance = env.redis(vertx);
    hub = new LiveHub(vertx, redis, Duration.ofSeconds(30));
  }

  @AfterAll
  static void tearDown() {
    Await.result(redis.close());
    Await.result(otherInstance.close());
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void anEventNobodyListensToIsNeitherBuiltNorSent() {
    AtomicInteger built = new AtomicInteger();

    Await.result(hub.publishWatched("tab:nobody", () -> {
      built.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("type", "tab"));
    }));

    assertThat(built).hasValue(0);
  }

  @Test
  void anotherInstanceListeningGetsTheEventBuiltOnceAndNothingOnceItStops() throws InterruptedException {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    RTopic topic = otherInstance.client().getTopic("live:tab:watched", StringCodec.INSTANCE);
    int listener = topic.addListener(String.class, (channel, message) -> received.add(message));
    AtomicInteger built = new AtomicInteger();

    Await.result(hub.publishWatched("tab:watched", () -> {
      built.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("type", "tab").put("n", built.get()));
    }));

    assertThat(built).hasValue(1);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"tab\",\"n\":1}");

    topic.removeListener(listener);
    Await.result(hub.publishWatched("tab:watched", () -> {
      built.incrementAndGet();
      return Future.succeededFuture(new JsonObject());
    }));

    assertThat(built).as("built again after the last listener left").hasValue(1);
    assertThat(received).isEmpty();
  }

  @Test
  void anEventThatCannotBeBuiltIsNotSent() throws InterruptedException {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    RTopic topic = otherInstance.client().getTopic("live:tab:failing", StringCodec.INSTANCE);
    int listener = topic.addListener(String.class, (channel, message) -> received.add(message));
    try {
      Throwable failure = Await.failure(hub.publishWatched("tab:failing",
          () -> Future.failedFuture(new IllegalStateException("the database is away"))));

      assertThat(failure).hasMessage("the database is away");
      assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      topic.removeListener(listener);
    }
  }
}
