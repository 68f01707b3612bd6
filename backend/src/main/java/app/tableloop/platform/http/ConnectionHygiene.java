package app.tableloop.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few slow or greedy clients from taking the server down: connections over the server's cap are closed on
 * arrival, those beyond their address's share must send their request within {@link #NO_PATIENCE}, idle ones close
 * after the idle timeout, and those that take too long to send a request after the request timeout.
 */
public final class ConnectionHygiene {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHygiene.class);
  /** The request timeout of a connection beyond its address's share: time enough for a client that means it. */
  static final Duration NO_PATIENCE = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final ConnectionGate gate;
  private final Map<HttpConnection, RequestDeadline> deadlines = new ConcurrentHashMap<>();

  public ConnectionHygiene(Vertx vertx, ConnectionLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
    this.gate = new ConnectionGate(limits.maxConnections(), limits.maxConnectionsPerAddress());
  }

  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options.setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // Cleartext HTTP/2 makes Vert.x wait for a connection's first bytes before it is an HTTP connection at all,
        // so a client that connects and stays silent would escape the caps and the request timeout. No client of
        // ours speaks it: the mini-program reaches us over HTTPS through a proxy, with HTTP/1.1 behind it.
        .setHttp2ClearTextEnabled(false);
  }

  /** Serves {@code requests} on {@code server} within the limits. */
  public HttpServer applyTo(HttpServer server, Handler<HttpServerRequest> requests) {
    return server
        .connectionHandler(this::opened)
        .requestHandler(request -> {
          RequestDeadline deadline = deadlines.get(request.connection());
          if (deadline == null) {
            return; // its connection was refused at the gate and is closing
          }
          deadline.requestArrived(request);
          requests.handle(request);
        })
        // A client that goes away mid-request is no fault of ours; Vert.x reports it here.
        .exceptionHandler(failure -> LOG.debug("Connection failed: {}", failure.toString()));
  }

  private void opened(HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    ConnectionGate.Admission admission = gate.admit(address);
    if (admission == ConnectionGate.Admission.REFUSED) {
      LOG.debug("Refusing a connection from {}: the server is full", address);
      connection.close();
      return;
    }
    Duration timeout = admission == ConnectionGate.Admission.WITHIN_SHARE ? limits.requestTimeout()
        : shorter(limits.requestTimeout(), NO_PATIENCE);
    RequestDeadline deadline = new RequestDeadline(vertx, connection, timeout.toMillis());
    deadlines.put(connection, deadline);
    connection.closeHandler(closed -> {
      deadlines.remove(connection);
      deadline.stop();
      gate.release(address, admission);
    });
    deadline.start();
  }

  private static Duration shorter(Duration one, Duration other) {
    return one.compareTo(other) <= 0 ? one : other;
  }
}
