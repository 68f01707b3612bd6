package app.tableloop.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.TimeUnit;

/** The endpoints an operator and a load balancer use: liveness, readiness, metrics and the API contract itself. */
public final class OperationsApi implements ApiModule {
  private static final long CHECK_TIMEOUT_MS = 2_000;
  private static final long PING_TIMEOUT_MS = 1_500;

  private final Platform platform;
  private final Buffer contractDocument;

  public OperationsApi(Platform platform, Buffer contractDocument) {
    this.platform = platform;
    this.contractDocument = contractDocument;
  }

  @Override
  public void mount(RouterBuilder api) {
    HealthChecks readiness = HealthChecks.create(platform.vertx())
        .register("postgresql", CHECK_TIMEOUT_MS, promise -> reportUp(promise, platform.database().ping()))
        .register("redis", CHECK_TIMEOUT_MS, promise -> reportUp(promise, platform.redis().ping()));
    api.getRoute("getLiveness").addHandler(rc -> rc.json(new JsonObject().put("status", "UP")));
    api.getRoute("getReadiness").addHandler(HealthCheckHandler.createWithHealthChecks(readiness));
    api.getRoute("getMetrics").addHandler(PrometheusScrapingHandler.create(platform.metrics()));
    api.getRoute("getApiContract").addHandler(rc -> rc.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(contractDocument));
  }

  /**
   * UP when the ping answers in time, DOWN (so 503) when it fails or takes too long: a ping still retrying when the
   * health check's own deadline passes would count as a failed check, answered 500.
   */
  private static void reportUp(Promise<Status> promise, Future<Void> ping) {
    ping.timeout(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(result -> promise.tryComplete(result.succeeded() ? Status.OK() : Status.KO()));
  }
}
