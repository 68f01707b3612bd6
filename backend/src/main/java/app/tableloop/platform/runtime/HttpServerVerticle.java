package app.tableloop.platform.runtime;

import app.tableloop.platform.http.ConnectionHygiene;
import app.tableloop.platform.http.InvalidRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the HTTP side: the service deploys one per core, each listening on the same port (Vert.x
 * hands every new connection to one of them), all serving the same router within the same connection caps. Its stop
 * drains the requests it is answering.
 */
final class HttpServerVerticle extends VerticleBase {
  /** Vert.x lets servers that ask for the same negative port share one port picked at random. */
  private static final int SHARED_RANDOM_PORT = -1;

  private final HttpSettings http;
  private final ConnectionHygiene hygiene;
  private final Router router;
  private HttpServer server;

  HttpServerVerticle(HttpSettings http, ConnectionHygiene hygiene, Router router) {
    this.http = http;
    this.hygiene = hygiene;
    this.router = router;
  }

  @Override
  public Future<?> start() {
    HttpServer created = vertx.createHttpServer(hygiene.applyTo(new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port() == 0 ? SHARED_RANDOM_PORT : http.port())
        .setCompressionSupported(true)
        // Live feeds send small JSON hints and the mini-program never asks for deflate; offering it would put a
        // WebSocket extension handler in every HTTP connection, looking at every response.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)));
    return hygiene.applyTo(created, router).invalidRequestHandler(new InvalidRequests()).listen()
        .onSuccess(listening -> server = listening);
  }

  /** The port actually bound, the same for every instance. */
  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(http.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
  }
}
