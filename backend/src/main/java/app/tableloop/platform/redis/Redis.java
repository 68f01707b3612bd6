package app.tableloop.platform.redis;

import app.tableloop.platform.config.RedisUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SubscriptionMode;
import org.redisson.config.TransportMode;

/**
 * The Redisson client, and the bridge from its futures to Vert.x futures on the caller's context. Redis holds only
 * what may be lost (sessions, caches, locks, rate limits, fan-out); PostgreSQL is the source of truth.
 */
public final class Redis {
  private final Vertx vertx;
  private final RedissonClient client;

  private Redis(Vertx vertx, RedissonClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  /**
   * Connects on a worker thread (Redisson's start-up blocks). A Redisson YAML file, when given, configures
   * Sentinel or Cluster deployments; otherwise one server from the URL. Every key goes under {@code keyPrefix}.
   * Redisson's connections live on Vert.x's event loops: on threads of its own, each command went from an event loop
   * to one of them and its answer back, two thread wake-ups a command. Vert.x's loops are NIO's (no native transport
   * is asked for), so Redisson's channels are too, whatever a YAML file says.
   */
  public static Future<Redis> connect(Vertx vertx, Optional<RedisUrl> url, Optional<Path> redissonYaml,
                                      String keyPrefix) {
    return vertx.executeBlocking(() -> new Redis(vertx, Redisson.create(configure(url, redissonYaml, keyPrefix)
        .setEventLoopGroup(((VertxInternal) vertx).nettyEventLoopGroup())
        .setTransportMode(TransportMode.NIO))));
  }

  static Config configure(Optional<RedisUrl> url, Optional<Path> redissonYaml, String keyPrefix) {
    if (redissonYaml.isPresent()) {
      try {
        return subscribingOnMasters(Config.fromYAML(redissonYaml.get().toFile())
            .setNameMapper(new PrefixNameMapper(keyPrefix)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read REDIS_CONFIG_FILE " + redissonYaml.get(), e);
      }
    }
    RedisUrl redis = url.orElseThrow(() -> new IllegalArgumentException("no Redis configured"));
    Config config = new Config()
        .setUsername(redis.user())
        .setPassword(redis.password())
        .setNameMapper(new PrefixNameMapper(keyPrefix));
    config.useSingleServer()
        .setAddress(redis.address())
        .setDatabase(redis.database())
        .setConnectionMinimumIdleSize(2)
        .setConnectionPoolSize(32);
    return config;
  }

  /**
   * Live updates are published only to channels some instance listens to, as the master counts them: the listening
   * must be on the masters too, whatever the file says ({@code subscriptionMode: SLAVE} would make every count 0).
   */
  static Config subscribingOnMasters(Config config) {
    if (config.isClusterConfig()) {
      config.useClusterServers().setSubscriptionMode(SubscriptionMode.MASTER);
    }
    if (config.isSentinelConfig()) {
      config.useSentinelServers().setSubscriptionMode(SubscriptionMode.MASTER);
    }
    return config;
  }

  public RedissonClient client() {
    return client;
  }

  /** A Redisson result as a Vert.x future, completed on the caller's context. */
  public <T> Future<T> future(CompletionStage<T> redisson) {
    return Future.fromCompletionStage(redisson, vertx.getOrCreateContext());
  }

  /** A round trip to Redis, for the readiness check. */
  public Future<Void> ping() {
    return future(client.getBucket("health:ping").isExistsAsync()).mapEmpty();
  }

  public Future<Void> close() {
    return future(client.shutdownAsync(Duration.ZERO, Duration.ofSeconds(5)));
  }
}
