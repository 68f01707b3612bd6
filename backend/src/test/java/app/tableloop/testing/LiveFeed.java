package app.tableloop.testing;

import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** The messages a test's WebSocket receives, to wait for the one it expects, and how the service closed it. */
public final class LiveFeed implements AutoCloseable {
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> messages;
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  /** Completes with the first message (the service sends the feed's state once it listens) or the close. */
  private final CompletableFuture<Void> listening;

  /** The close code and reason the service sent. */
  public record Closed(int code, String reason) {
  }

  private LiveFeed(WebSocket socket, BlockingQueue<JsonObject> messages, CompletableFuture<Void> listening) {
    this.socket = socket;
    this.messages = messages;
    this.listening = listening;
    socket.closeHandler(ended -> {
      closed.complete(new Closed(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode(),
          socket.closeReason()));
      listening.complete(null);
    });
  }

  /** Listens before the socket opens, so that the first message is not missed. */
  static Future<LiveFeed> connect(WebSocketClient client, WebSocketConnectOptions options) {
    BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    ClientWebSocket socket = client.webSocket();
    StringBuilder pending = new StringBuilder();
    // Frames, not textMessageHandler: the latter set before connecting never fires on this client.
    socket.frameHandler(frame -> {
      if (frame.isText() || frame.isContinuation()) {
        pending.append(frame.textData());
        if (frame.isFinal()) {
          messages.add(new JsonObject(pending.toString()));
          pending.setLength(0);
          listening.complete(null);
        }
      }
    });
    return socket.connect(options).map(connected -> new LiveFeed(connected, messages, listening));
  }

  /**
   * Waits until the service listens for this feed's events (it sends the feed's state then), or closed it, at most
   * {@code within}: an event published before that reaches nobody, as for any client that just connected.
   */
  LiveFeed listening(Duration within) {
    awaited(listening, within, "the feed was not listening");
    return this;
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

  /** How the socket was closed, waiting at most {@code within} for it to close. */
  public Closed closed(Duration within) {
    return awaited(closed, within, "the socket was still open");
  }

  /** What {@code future} completes with, waiting at most {@code within}; a test failure saying {@code notYet} else. */
  private static <T> T awaited(CompletableFuture<T> future, Duration within, String notYet) {
    try {
      return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(notYet + " after " + within.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public boolean isOpen() {
    return !closed.isDone();
  }

  /** The messages received and not yet taken by {@link #next}. */
  public List<JsonObject> unread() {
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    if (isOpen()) {
      Await.result(socket.close());
    }
  }
}
