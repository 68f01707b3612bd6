package app.tableloop.platform.runtime;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiRouter;
import app.tableloop.platform.http.ClientAddress;
import app.tableloop.platform.http.ConnectionHygiene;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.live.LiveHub;
import app.tableloop.platform.outbox.OutboxForgetting;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.platform.outbox.RelaySettings;
import app.tableloop.platform.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service: one start-up chain (Redis → database pool → contract → router → listen) that succeeds only once the
 * port is bound, and a stop that drains in-flight requests before it closes the pools. Everything but the HTTP servers
 * is made once (the features, their jobs, the outbox relay, the live feeds); the servers are one per core, so that
 * every core's event loop takes requests.
 */
public final class ServiceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceVerticle.class);

  private final HttpSettings http;
  private final Connections connections;
  private final DataKeys dataKeys;
  private final PrometheusMeterRegistry metrics;
  private final Features features;

  private final List<HttpServerVerticle> servers = new CopyOnWriteArrayList<>();
  private final List<PeriodicJob.Running> jobs = new CopyOnWriteArrayList<>();
  private Redis redis;
  private Database database;

  public ServiceVerticle(HttpSettings http, Connections connections, DataKeys dataKeys,
                         PrometheusMeterRegistry metrics, Features features) {
    this.http = http;
    this.connections = connections;
    this.dataKeys = dataKeys;
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
              http.publicBaseUrl(), live, dataKeys), document);
          Router router = ApiRouter.create(vertx, contract, http.maxBodyBytes(),
              new ClientAddress(http.trustedProxies()), api.guard(),
              api.modules().stream().flatMap(module -> module.apis().stream()).toList());
          startBackground(live, api.modules(), clock);
          return router;
        }))
        .compose(router -> {
          ConnectionHygiene hygiene = new ConnectionHygiene(vertx, http.limits());
          return vertx.deployVerticle(() -> {
            HttpServerVerticle server = new HttpServerVerticle(http, hygiene, router);
            servers.add(server);
            return server;
          }, new DeploymentOptions().setInstances(VertxFactory.EVENT_LOOPS));
        })
        .onSuccess(deployed -> LOG.info("TableLoop is listening on http://{}:{} ({} event loops)", http.host(), port(),
            VertxFactory.EVENT_LOOPS));
  }

  /**
   * Every module's periodic jobs, the live feeds' re-check, the outbox relay with every module's event handlers
   * (events no module handles are simply marked processed) and the forgetting of delivered events.
   */
  private void startBackground(LiveHub live, List<FeatureModule> modules, Clock clock) {
    jobs.add(live.recheckJob().start(vertx));
    modules.forEach(module -> module.jobs().forEach(job -> jobs.add(job.start(vertx))));
    jobs.add(new OutboxRelay(database, modules.stream().flatMap(module -> module.eventHandlers().stream()).toList(),
        RelaySettings.DEFAULTS, clock, metrics).job().start(vertx));
    jobs.add(OutboxForgetting.job(database).start(vertx));
  }

  /** The port actually bound (useful when the settings asked for any free port). */
  public int port() {
    return servers.get(0).port();
  }

  @Override
  public Future<?> stop() {
    // The HTTP servers, deployed from here, have stopped and drained by now: Vert.x stops a verticle's own first.
    // The background jobs' passes in flight end before the pools close under them.
    return Future.join(jobs.stream().map(PeriodicJob.Running::stop).toList())
        .eventually(() -> database == null ? Future.succeededFuture() : database.close())
        .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
