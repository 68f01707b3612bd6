package app.tableloop.testing;

import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The messages a test's WebSocket receives, to wait for the one it expects. */
public final class LiveFeed implements AutoCloseable {
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> messages;

  private LiveFeed(WebSocket socket, BlockingQueue<JsonObject> messages) {
    this.socket = socket;
    this.messages = messages;
  }

  /** Listens before the socket opens, so that the first message is not missed. */
  static Future<LiveFeed> connect(WebSocketClient client, WebSocketConnectOptions options) {
    BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    ClientWebSocket socket = client.webSocket();
    StringBuilder pending = new StringBuilder();
    // Frames, not textMessageHandler: the latter set before connecting never fires on this client.
    socket.frameHandler(frame -> {
      if (frame.isText() || frame.isContinuation()) {
        pending.append(frame.textData());
        if (frame.isFinal()) {
          messages.add(new JsonObject(pending.toString()));
          pending.setLength(0);
        }
      }
    });
    return socket.connect(options).map(connected -> new LiveFeed(connected, messages));
  }

  /** The first message (from now on) that matches, waiting at most {@code within}. */
  public JsonObject next(Predicate<JsonObject> matching, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject message = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
        if (message == null) {
          throw new AssertionError("no matching live message within " + within.toMillis() + " ms");
        }
        if (matching.test(message)) {
          return message;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public boolean isOpen() {
    return !socket.isClosed();
  }

  @Override
  public void close() {
    Await.result(socket.close());
  }
}
