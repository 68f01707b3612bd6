package app.tableloop.platform.runtime;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiRouter;
import app.tableloop.platform.http.ConnectionHygiene;
import app.tableloop.platform.http.InvalidRequests;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.live.LiveHub;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.platform.outbox.RelaySettings;
import io.vertx.ext.web.Router;
import java.util.List;
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
          Clock clock = Clock.systemUTC();
          LiveHub live = new LiveHub(vertx, redis, http.limits().webSocketPingInterval());
          Features.Api api = features.create(new Platform(vertx, database, redis, metrics, clock,
              http.publicBaseUrl(), live), document);
          Router router = ApiRouter.create(vertx, contract, http.maxBodyBytes(), api.guard(),
              api.modules().stream().flatMap(module -> module.apis().stream()).toList());
          startBackground(live, api.modules(), clock);
          return router;
        }))
        .compose(router -> {
          ConnectionHygiene hygiene = new ConnectionHygiene(vertx, http.limits());
          HttpServer created = vertx.createHttpServer(hygiene.applyTo(new HttpServerOptions()
              .setHost(http.host())
              .setPort(http.port())
              .setCompressionSupported(true)));
          return hygiene.applyTo(created, router).invalidRequestHandler(new InvalidRequests()).listen();
        })
        .onSuccess(listening -> {
          server = listening;
          LOG.info("TableLoop is listening on http://{}:{}", http.host(), listening.actualPort());
        });
  }

  /**
   * Every module's periodic jobs, the live feeds' re-check, and the outbox relay with every module's event handlers
   * (events no module handles are simply marked processed).
   */
  private void startBackground(LiveHub live, List<FeatureModule> modules, Clock clock) {
    live.recheckJob().start(vertx);
    modules.forEach(module -> module.jobs().forEach(job -> job.start(vertx)));
    new OutboxRelay(database, modules.stream().flatMap(module -> module.eventHandlers().stream()).toList(),
        RelaySettings.DEFAULTS, clock, metrics).job().start(vertx);
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
