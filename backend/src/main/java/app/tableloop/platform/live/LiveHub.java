package app.tableloop.platform.live;

import app.tableloop.platform.redis.Redis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public final class LiveHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

  private final Vertx vertx;
  private final Redis redis;
  private final long pingEveryMillis;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  /** The sockets of one channel on this instance, and this instance's Redis subscription for it. */
  private record Channel(Set<ServerWebSocket> sockets, Future<Integer> listener) {
  }

  public LiveHub(Vertx vertx, Redis redis, Duration pingEvery) {
    this.vertx = vertx;
    this.redis = redis;
    this.pingEveryMillis = pingEvery.toMillis();
  }

  /** Sends {@code socket} every event of {@code channel} until it closes. */
  public Future<Void> attach(String channel, ServerWebSocket socket) {
    Channel joined = channels.compute(channel, (name, existing) -> {
      Channel live = existing != null ? existing : new Channel(ConcurrentHashMap.newKeySet(), subscribe(name));
      live.sockets().add(socket);
      return live;
    });
    long pinging = vertx.setPeriodic(pingEveryMillis, id -> socket.writePing(Buffer.buffer())
        .onFailure(failure -> LOG.debug("live ping not sent: {}", failure.getMessage())));
    socket.closeHandler(closed -> {
      vertx.cancelTimer(pinging);
      detach(channel, socket);
    });
    return joined.listener().mapEmpty();
  }

  public Future<Void> publish(String channel, JsonObject event) {
    return redis.future(topic(channel).publishAsync(event.encode())).mapEmpty();
  }

  /** How many sockets this instance holds on a channel. */
  public int attached(String channel) {
    Channel live = channels.get(channel);
    return live == null ? 0 : live.sockets().size();
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
