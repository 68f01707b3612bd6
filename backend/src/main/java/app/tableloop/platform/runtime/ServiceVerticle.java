package app.tableloop.platform.runtime;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiRouter;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.http.UndecodableRequests;
import app.tableloop.platform.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service: one start-up chain (Redis → database pool → contract → router → listen) that succeeds only once the
 * port is bound, and a stop that drains in-flight requests before it closes the pools.
 */
public final class ServiceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceVerticle.class);

  private final HttpSettings http;
  private final Connections connections;
  private final PrometheusMeterRegistry metrics;
  private final Features features;

  private Redis redis;
  private Database database;
  private HttpServer server;

  public ServiceVerticle(HttpSettings http, Connections connections, PrometheusMeterRegistry metrics,
                         Features features) {
    this.http = http;
    this.connections = connections;
    this.metrics = metrics;
    this.features = features;
  }

  @Override
  public Future<?> start() {
    return Redis.connect(vertx, connections.redisUrl(), connections.redissonYaml(), connections.redisKeyPrefix())
        .compose(connected -> {
          redis = connected;
          database = Database.connect(vertx, connections.appDatabase(), connections.databasePoolSize());
          return OpenAPIContract.from(vertx, http.contractPath());
        })
        .compose(contract -> vertx.fileSystem().readFile(http.contractPath()).map(document -> {
          Features.Api api = features.create(new Platform(vertx, database, redis, metrics, Clock.systemUTC(),
              http.publicBaseUrl()), document);
          return ApiRouter.create(vertx, contract, http.maxBodyBytes(), api.guard(), api.modules());
        }))
        .compose(router -> vertx.createHttpServer(new HttpServerOptions()
                .setHost(http.host())
                .setPort(http.port())
                .setCompressionSupported(true))
            .requestHandler(router)
            .invalidRequestHandler(new UndecodableRequests())
            .listen())
        .onSuccess(listening -> {
          server = listening;
          LOG.info("TableLoop is listening on http://{}:{}", http.host(), listening.actualPort());
        });
  }

  /** The port actually bound (useful when the settings asked for any free port). */
  public int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture()
        : server.shutdown(http.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    return drained
        .eventually(() -> database == null ? Future.succeededFuture() : database.close())
        .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
