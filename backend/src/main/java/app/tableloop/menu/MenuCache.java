package app.tableloop.menu;

import app.tableloop.platform.redis.Redis;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.redisson.api.RBucket;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diners' menus in Redis: per store the current menu version, and per store and version the rendered menu. A
 * read that finds both touches no database. Redis may be lost: every miss or failure here sends the reader to
 * PostgreSQL, and a failed write only costs the next reader a trip there. A change is also announced on a channel,
 * so that every instance drops its own copy of the store's menu ({@link LocalMenus}).
 */
public final class MenuCache {
  private static final Logger LOG = LoggerFactory.getLogger(MenuCache.class);
  /**
   * How long the current version is trusted without asking PostgreSQL again: it bounds how stale a menu can be if a
   * change commits and its instance dies before telling Redis.
   */
  static final Duration VERSION_LIFETIME = Duration.ofSeconds(60);
  /** A rendered menu is kept at most this long, and never past the moment it stops being true. */
  static final Duration MENU_LIFETIME = Duration.ofHours(1);
  /** Raises the version, never lowers it: a reader that loaded an older version must not undo a change. */
  private static final String RAISE = """
      local current = tonumber(redis.call('get', KEYS[1]))
      if current == nil or current < tonumber(ARGV[1]) then
        redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2])
      end
      return 0
      """;

  private final Redis redis;
  /** This instance's listener, told of its own changes at once rather than when Redis echoes them back. */
  private volatile Consumer<UUID> changedHere = store -> { };

  public MenuCache(Redis redis) {
    this.redis = redis;
  }

  /** The store's current menu version, if Redis knows it. */
  public Future<Optional<Long>> version(UUID storeId) {
    return redis.future(versionKey(storeId).getAsync())
        .map(value -> Optional.ofNullable(value).map(Long::valueOf))
        .recover(failure -> {
          LOG.warn("Reading the menu version of store {} from Redis failed: {}", storeId, failure.toString());
          return Future.succeededFuture(Optional.empty());
        });
  }

  /** Records that the store's menu is at {@code version} (or later). */
  public Future<Void> raiseVersion(UUID storeId, long version) {
    String key = "menu:version:" + storeId;
    return quietly("raising the menu version of store " + storeId, redis.future(redis.client()
        .getScript(StringCodec.INSTANCE)
        .evalAsync(key, RScript.Mode.READ_WRITE, RAISE, RScript.ReturnType.LONG, List.of(key),
            String.valueOf(version), String.valueOf(VERSION_LIFETIME.toMillis()))));
  }

  /** A change of the store's menu committed at {@code version}: raises the version and tells every instance. */
  public Future<Void> changed(UUID storeId, long version) {
    return raiseVersion(storeId, version).compose(raised -> announce(storeId));
  }

  /**
   * A change whose version is unknown (stock taken by an order): forgets the store's version, so that the next
   * reader asks PostgreSQL, and tells every instance.
   */
  public Future<Void> changedAtUnknownVersion(UUID storeId) {
    return quietly("forgetting the menu version of store " + storeId, redis.future(versionKey(storeId).deleteAsync()))
        .compose(forgotten -> announce(storeId));
  }

  /**
   * Calls {@code changed} with each store whose menu any instance changes, and {@code missedSome} whenever the
   * subscription is made again (after Redis was unreachable, announcements may have been lost meanwhile).
   */
  Future<Void> listen(Consumer<UUID> changed, Runnable missedSome) {
    changedHere = changed;
    RTopic topic = changes();
    return redis.future(topic.addListenerAsync(new StatusListener() {
          @Override
          public void onSubscribe(String channel) {
            missedSome.run();
          }

          @Override
          public void onUnsubscribe(String channel) {
            missedSome.run();
          }
        }))
        .compose(status -> redis.future(topic.addListenerAsync(String.class,
            (channel, store) -> changed.accept(UUID.fromString(store)))))
        .mapEmpty();
  }

  private Future<Void> announce(UUID storeId) {
    changedHere.accept(storeId);
    return quietly("announcing the menu change of store " + storeId,
        redis.future(changes().publishAsync(storeId.toString())));
  }

  private RTopic changes() {
    return redis.client().getTopic("menu:changes", StringCodec.INSTANCE);
  }

  public Future<Optional<CachedMenu>> menu(UUID storeId, long version) {
    return redis.future(menuKey(storeId, version).getAsync())
        .map(value -> Optional.ofNullable(value).flatMap(CachedMenu::decode))
        .recover(failure -> {
          LOG.warn("Reading the menu of store {} from Redis failed: {}", storeId, failure.toString());
          return Future.succeededFuture(Optional.empty());
        });
  }

  public Future<Void> keep(UUID storeId, long version, CachedMenu menu, Duration lifetime) {
    Duration bounded = lifetime.compareTo(MENU_LIFETIME) > 0 ? MENU_LIFETIME
        : lifetime.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : lifetime;
    return quietly("keeping the menu of store " + storeId,
        redis.future(menuKey(storeId, version).setAsync(menu.encode(), bounded)));
  }

  private RBucket<String> versionKey(UUID storeId) {
    return redis.client().getBucket("menu:version:" + storeId, StringCodec.INSTANCE);
  }

  private RBucket<String> menuKey(UUID storeId, long version) {
    return redis.client().getBucket("menu:" + storeId + ":" + version, StringCodec.INSTANCE);
  }

  private static Future<Void> quietly(String what, Future<?> write) {
    return write.<Void>mapEmpty().recover(failure -> {
      LOG.warn("Redis: {} failed: {}", what, failure.toString());
      return Future.succeededFuture();
    });
  }
}
