package app.tableloop.platform.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes one connection whose client is too slow to send a request: Vert.x has no header timeout, and the idle timeout
 * alone lets a client that drips a byte a second hold a connection for ever. Each time the timer runs out it looks
 * at the connection's latest request: none yet, or not read to its end, closes the connection; still being answered
 * waits on (that is the server's time, not the client's); answered, it waits once more for the next request, then
 * closes. A connection upgraded to a WebSocket leaves the deadline: the idle timeout and pings govern it.
 */
final class RequestDeadline {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
  private static final int SWITCHING_PROTOCOLS = 101;

  private final Vertx vertx;
  private final HttpConnection connection;
  private final long timeoutMillis;
  private long timer = -1;
  private HttpServerRequest latest;
  private HttpServerRequest answeredAtLastCheck;

  RequestDeadline(Vertx vertx, HttpConnection connection, long timeoutMillis) {
    this.vertx = vertx;
    this.connection = connection;
    this.timeoutMillis = timeoutMillis;
  }

  void start() {
    restart();
  }

  void requestArrived(HttpServerRequest request) {
    latest = request;
    answeredAtLastCheck = null;
    restart();
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  private void restart() {
    vertx.cancelTimer(timer);
    timer = vertx.setTimer(timeoutMillis, id -> expired());
  }

  private void expired() {
    if (latest == null || !latest.isEnded()) {
      close("sent no complete request");
    } else if (!latest.response().ended()) {
      restart();
    } else if (latest.response().getStatusCode() == SWITCHING_PROTOCOLS) {
      stop();
    } else if (latest == answeredAtLastCheck) {
      close("sent no next request");
    } else {
      answeredAtLastCheck = latest;
      restart();
    }
  }

  private void close(String why) {
    LOG.debug("Closing the connection from {}: it {} within {} ms", connection.remoteAddress(), why, timeoutMillis);
    connection.close();
  }
}
