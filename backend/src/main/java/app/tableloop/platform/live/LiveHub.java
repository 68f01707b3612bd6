package app.tableloop.platform.live;

import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.job.PeriodicJob;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates over WebSockets, fanned out across backend instances through Redis pub/sub: an event published on a
 * channel (a table's tab, a store's kitchen) by any instance reaches every socket attached to that channel on every
 * instance. An instance listens to a channel only while it holds sockets on it. Events are hints to refresh; a
 * client that missed one reads the state over HTTP. Every socket is pinged now and then: that keeps a quiet, healthy
 * one within the server's idle timeout, while a dead one is found out and closed by it.
 *
 * <p>A socket lives no longer than the access it was opened with. Ending a session (signing out, being removed from
 * a store) is announced to every instance over pub/sub, and the sockets of that session or user close at once; a
 * re-check every minute closes the sockets whose session or role is gone without a word, such as after a lost
 * announcement or a Redis flush.
 */
public final class LiveHub {
  /** The event-bus address that runs the re-check at once (tests; the timer runs it every {@link #RECHECK_EVERY}). */
  public static final String RECHECK_NOW = "tableloop.live.recheck";
  public static final Duration RECHECK_EVERY = Duration.ofSeconds(60);
  /** Close code when the socket's session was signed out or revoked: sign in again. */
  public static final short SESSION_ENDED = 4401;
  /** Close code when a re-check found the session gone or the role no longer held. */
  public static final short ACCESS_ENDED = 4403;

  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  private static final String ENDINGS = "live-endings";

  private final Vertx vertx;
  private final Redis redis;
  private final long pingEveryMillis;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final Map<ServerWebSocket, Attached> sockets = new ConcurrentHashMap<>();
  private volatile Future<Integer> endings;
  /** Besides this hub's sockets, who hears of ended sessions (a cache of sessions, say). */
  private final List<Consumer<Ending>> endingListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean countFailureLogged = new AtomicBoolean();

  /** The sockets of one channel on this instance, and this instance's Redis subscription for it. */
  private record Channel(Set<ServerWebSocket> sockets, Future<Integer> listener) {
  }

  private record Attached(String channel, LiveViewer viewer, long pinging) {
  }

  /** An announced ending: of one session (by its id), or of every session of a user. */
  public record Ending(Optional<String> sessionId, Optional<UUID> userId) {
  }

  public LiveHub(Vertx vertx, Redis redis, Duration pingEvery) {
    this.vertx = vertx;
    this.redis = redis;
    this.pingEveryMillis = pingEvery.toMillis();
  }

  /** Sends {@code socket} every event of {@code channel} until it closes, or until {@code viewer}'s access ends. */
  public Future<Void> attach(String channel, ServerWebSocket socket, LiveViewer viewer) {
    Channel joined = channels.compute(channel, (name, existing) -> {
      Channel live = existing != null ? existing : new Channel(ConcurrentHashMap.newKeySet(), subscribe(name));
      live.sockets().add(socket);
      return live;
    });
    long pinging = vertx.setPeriodic(pingEveryMillis, id -> socket.writePing(Buffer.buffer())
        .onFailure(failure -> LOG.debug("live ping not sent: {}", failure.getMessage())));
    sockets.put(socket, new Attached(channel, viewer, pinging));
    socket.closeHandler(closed -> drop(socket));
    // Access may have ended between the caller's check and now, its announcement come and gone: check once more.
    return Future.all(joined.listener(), endings())
        .onSuccess(listening -> recheck(socket, viewer))
        .mapEmpty();
  }

  public Future<Void> publish(String channel, JsonObject event) {
    return redis.future(topic(channel).publishAsync(event.encode())).mapEmpty();
  }

  /**
   * Publishes the event {@code event} builds, only if a socket on some instance is attached to the channel (Redis
   * counts the instances listening): an event is often a read of the database and a large message, and one nobody
   * listens to is lost anyway. A socket attached after the count sends its state read once it listens. Should Redis
   * not count (a user not allowed {@code PUBSUB}, a proxy without it), the event is published as if watched.
   */
  public Future<Void> publishWatched(String channel, Supplier<Future<JsonObject>> event) {
    return redis.future(topic(channel).countSubscribersAsync())
        .recover(failure -> {
          if (countFailureLogged.compareAndSet(false, true)) {
            LOG.warn("Redis does not count a channel's listeners ({}): every live update is built and published,"
                + " watched or not (logged once)", failure.getMessage());
          }
          return Future.succeededFuture(1L);
        })
        .compose(listening -> listening == 0 ? Future.succeededFuture()
            : event.get().compose(built -> publish(channel, built)))
        .onFailure(failure -> LOG.debug("live update for {} not published: {}", channel, failure.getMessage()));
  }

  /** Closes, on every instance, the sockets opened with this session. */
  public Future<Void> endSession(String sessionId) {
    return announceEnding(new JsonObject().put("session", sessionId));
  }

  /** Closes, on every instance, every socket of this user. */
  public Future<Void> endSessionsOf(UUID userId) {
    return announceEnding(new JsonObject().put("user", userId.toString()));
  }

  /** Tells {@code listener} of every ending announced from now on, by any instance (this one included). */
  public void onEnding(Consumer<Ending> listener) {
    endingListeners.add(listener);
    endings();
  }

  /**
   * Whether this instance hears endings now: its subscription holds. When it does not, it is tried again (Redis may
   * have been away at the start).
   */
  public boolean hearsEndings() {
    Future<Integer> subscribed = endings;
    if (subscribed == null || subscribed.failed()) {
      endings();
      return false;
    }
    return subscribed.succeeded();
  }

  /** The re-check, every {@link #RECHECK_EVERY} and on demand at {@link #RECHECK_NOW}. */
  public PeriodicJob recheckJob() {
    return new PeriodicJob(RECHECK_NOW, RECHECK_EVERY, this::recheck);
  }

  /** Closes this instance's sockets whose access no longer holds; answers how many it closed. */
  public Future<Integer> recheck() {
    List<Future<Boolean>> checks = sockets.entrySet().stream()
        .map(entry -> recheck(entry.getKey(), entry.getValue().viewer()))
        .toList();
    return Future.all(checks).map(all -> (int) checks.stream().filter(kept -> !kept.result()).count());
  }

  /** How many sockets this instance holds on a channel. */
  public int attached(String channel) {
    Channel live = channels.get(channel);
    return live == null ? 0 : live.sockets().size();
  }

  /** This instance's subscription to ended sessions: made with the first socket, and again if it failed. */
  private synchronized Future<Integer> endings() {
    if (endings == null || endings.failed()) {
      endings = redis.future(redis.client().getTopic(ENDINGS, StringCodec.INSTANCE)
              .addListenerAsync(String.class, (name, message) -> ended(new JsonObject(message))))
          .onFailure(failure -> LOG.warn("Not told of ended sessions: {}", failure.getMessage()));
    }
    return endings;
  }

  private Future<Void> announceEnding(JsonObject ending) {
    return redis.future(redis.client().getTopic(ENDINGS, StringCodec.INSTANCE).publishAsync(ending.encode()))
        .mapEmpty();
  }

  private void ended(JsonObject ending) {
    String session = ending.getString("session");
    String user = ending.getString("user");
    sockets.forEach((socket, attached) -> {
      if (attached.viewer().sessionId().equals(session) || attached.viewer().userId().toString().equals(user)) {
        close(socket, SESSION_ENDED, "session_ended");
      }
    });
    // After the sockets: whatever a listener does (or a user id that does not parse) cannot keep one open.
    Ending heard = new Ending(Optional.ofNullable(session), Optional.ofNullable(user).map(UUID::fromString));
    endingListeners.forEach(listener -> listener.accept(heard));
  }

  /** Answers whether the socket stays; a check that cannot be made now (Redis or the database away) keeps it. */
  private Future<Boolean> recheck(ServerWebSocket socket, LiveViewer viewer) {
    return viewer.stillAllowed().get()
        .recover(failure -> {
          LOG.warn("Live access not re-checked, checked again later: {}", failure.getMessage());
          return Future.succeededFuture(true);
        })
        .onSuccess(allowed -> {
          if (!allowed) {
            close(socket, ACCESS_ENDED, "access_ended");
          }
        });
  }

  /** Stops delivering to the socket first, so that nothing reaches it after its access ended, then closes it. */
  private void close(ServerWebSocket socket, short code, String reason) {
    drop(socket);
    socket.close(code, reason).onFailure(failure -> LOG.debug("live socket not closed cleanly: {}",
        failure.getMessage()));
  }

  private void drop(ServerWebSocket socket) {
    Attached attached = sockets.remove(socket);
    if (attached != null) {
      vertx.cancelTimer(attached.pinging());
      detach(attached.channel(), socket);
    }
  }

  private void detach(String channel, ServerWebSocket socket) {
    channels.computeIfPresent(channel, (name, live) -> {
      live.sockets().remove(socket);
      if (!live.sockets().isEmpty()) {
        return live;
      }
      live.listener().onSuccess(id -> topic(name).removeListenerAsync(id));
      return null;
    });
  }

  private Future<Integer> subscribe(String channel) {
    return redis.future(topic(channel).addListenerAsync(String.class, (name, message) -> deliver(channel, message)))
        .onFailure(failure -> LOG.warn("No live updates for {}: {}", channel, failure.getMessage()));
  }

  private void deliver(String channel, String message) {
    Channel live = channels.get(channel);
    if (live == null) {
      return;
    }
    for (ServerWebSocket socket : live.sockets()) {
      socket.writeTextMessage(message).onFailure(failure -> LOG.debug("live update not delivered: {}",
          failure.getMessage()));
    }
  }

  private RTopic topic(String channel) {
    return redis.client().getTopic("live:" + channel, StringCodec.INSTANCE);
  }
}
