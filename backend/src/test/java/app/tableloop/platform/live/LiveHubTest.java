package app.tableloop.platform.live;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.config.RedisUrl;
import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
  void anInstanceThatRedisWillNotTellTheListenersPublishesAsIfWatched() throws InterruptedException {
    // A Redis user allowed everything but PUBSUB, as some managed Redis services and proxies are.
    String user = "tableloop-no-pubsub-" + UUID.randomUUID();
    RedisUrl url = env.redisUrl();
    command(url, "ACL", "SETUSER", user, "on", ">secret-of-the-test", "~*", "&*", "+@all", "-pubsub");
    Redis restricted = Await.result(Redis.connect(vertx, Optional.of(new RedisUrl(url.tls(), url.host(), url.port(),
        user, "secret-of-the-test", url.database())), Optional.empty(), env.redisKeyPrefix()));
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    RTopic topic = otherInstance.client().getTopic("live:tab:uncounted", StringCodec.INSTANCE);
    int listener = topic.addListener(String.class, (channel, message) -> received.add(message));
    try {
      Await.result(new LiveHub(vertx, restricted, Duration.ofSeconds(30)).publishWatched("tab:uncounted",
          () -> Future.succeededFuture(new JsonObject().put("type", "tab"))));

      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"tab\"}");
    } finally {
      topic.removeListener(listener);
      Await.result(restricted.close());
      command(url, "ACL", "DELUSER", user);
    }
  }

  /** One command as redis-cli sends it (ACL may not run from a script, and Redisson has no call for it). */
  private static void command(RedisUrl url, String... words) {
    StringBuilder request = new StringBuilder();
    if (url.password() != null) {
      request.append(resp(url.user() == null ? List.of("AUTH", url.password())
          : List.of("AUTH", url.user(), url.password())));
    }
    request.append(resp(List.of(words)));
    try (Socket socket = new Socket(url.host(), url.port())) {
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
      socket.shutdownOutput();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).as("Redis answered %s", answer).doesNotContain("-ERR").doesNotContain("-NOPERM");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resp(List<String> words) {
    StringBuilder encoded = new StringBuilder("*").append(words.size()).append("\r\n");
    words.forEach(word -> encoded.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
        .append(word).append("\r\n"));
    return encoded.toString();
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
