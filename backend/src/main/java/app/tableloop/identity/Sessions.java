package app.tableloop.identity;

import app.tableloop.platform.live.LiveHub;
import app.tableloop.platform.redis.Redis;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RSet;
import org.redisson.api.RSetAsync;
import org.redisson.client.codec.StringCodec;

/**
 * Our own session tokens, given after WeChat sign-in. The token is random and only its hash is stored, in Redis, with
 * a sliding lifetime; each user's sessions are listed so that all of them can be revoked at once. The hash is the
 * session's id. Ending a session also closes the live sockets opened with it, on every instance. A session found open
 * is kept in the process for a few seconds ({@link RecentSessions}), dropped at once when it ends. Losing Redis signs
 * everyone out (within those seconds) and loses nothing else.
 */
public final class Sessions {
  public static final Duration LIFETIME = Duration.ofDays(7);
  /** A session's lifetime is renewed on use, at most this often. */
  private static final Duration RENEW_AFTER = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Redis redis;
  private final LiveHub live;
  private final RecentSessions recent;

  public Sessions(Redis redis, LiveHub live) {
    this(redis, live, RecentSessions.HOLD);
  }

  Sessions(Redis redis, LiveHub live, Duration hold) {
    this.redis = redis;
    this.live = live;
    this.recent = new RecentSessions(hold, live::hearsEndings, Ticker.systemTicker());
    live.onEnding(recent::ended);
  }

  /** Opens a session for {@code user}; the token goes to the client and nowhere else. */
  public Future<String> open(SignedInUser user) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = hash(token);
    JsonObject session = new JsonObject().put("user", user.userId().toString()).put("openid", user.openId());
    // One round trip: the session, its place in the user's list, the list's lifetime.
    RBatch batch = redis.client().createBatch();
    batch.<String>getBucket(sessionKey(hash), StringCodec.INSTANCE).setAsync(session.encode(), LIFETIME);
    RSetAsync<String> userSessions = batch.getSet(sessionsKey(user.userId()), StringCodec.INSTANCE);
    userSessions.addAsync(hash);
    userSessions.expireAsync(LIFETIME);
    return redis.future(batch.executeAsync()).map(token);
  }

  /** The user a token belongs to, if the session is still open; renews its lifetime. */
  public Future<Optional<SignedInUser>> find(String token) {
    String hash = hash(token);
    Optional<SignedInUser> recently = recent.find(hash);
    if (recently.isPresent()) {
      return Future.succeededFuture(recently);
    }
    // The session and its remaining lifetime in one round trip: every signed-in request asks.
    RBatch batch = redis.client().createBatch();
    RBucketAsync<String> stored = batch.getBucket(sessionKey(hash), StringCodec.INSTANCE);
    stored.getAsync();
    stored.remainTimeToLiveAsync();
    return redis.future(batch.executeAsync()).compose(answers -> {
      String found = (String) answers.getResponses().get(0);
      if (found == null) {
        return Future.succeededFuture(Optional.empty());
      }
      long ttl = (Long) answers.getResponses().get(1);
      JsonObject json = new JsonObject(found);
      SignedInUser user = new SignedInUser(UUID.fromString(json.getString("user")), json.getString("openid"));
      if (ttl >= LIFETIME.minus(RENEW_AFTER).toMillis()) {
        recent.found(hash, user);
        return Future.succeededFuture(Optional.of(user));
      }
      return redis.future(session(hash).expireAsync(LIFETIME))
          .compose(renewed -> redis.future(sessionsOf(user.userId()).expireAsync(LIFETIME)))
          .map(renewed -> Optional.of(user));
    });
  }

  /** Whether the session is still open; unlike {@link #find}, does not renew it. */
  public Future<Boolean> isOpen(String sessionId) {
    return redis.future(session(sessionId).isExistsAsync());
  }

  /** Signs one session out. */
  public Future<Void> close(String token, UUID userId) {
    String hash = hash(token);
    recent.sessionEnded(hash);
    return redis.future(session(hash).deleteAsync())
        .compose(deleted -> redis.future(sessionsOf(userId).removeAsync(hash)))
        .compose(removed -> live.endSession(hash));
  }

  /** Signs a user out everywhere at once (for example when they stop working at a store). */
  public Future<Void> closeAll(UUID userId) {
    recent.userEnded(userId);
    RSet<String> userSessions = sessionsOf(userId);
    return redis.future(userSessions.readAllAsync())
        .compose(hashes -> Future.all(hashes.stream()
            .map(hash -> redis.future(session(hash).deleteAsync()))
            .toList()))
        .compose(all -> redis.future(userSessions.deleteAsync()))
        .compose(deleted -> live.endSessionsOf(userId));
  }

  private RBucket<String> session(String hash) {
    return redis.client().getBucket(sessionKey(hash), StringCodec.INSTANCE);
  }

  private RSet<String> sessionsOf(UUID userId) {
    return redis.client().getSet(sessionsKey(userId), StringCodec.INSTANCE);
  }

  private static String sessionKey(String hash) {
    return "session:" + hash;
  }

  private static String sessionsKey(UUID userId) {
    return "user-sessions:" + userId;
  }

  /** The SHA-256 of a token, in hex: what is stored of it, and (for a session token) the session's id. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
