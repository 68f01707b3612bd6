package app.tableloop.platform.runtime;

import app.tableloop.platform.http.RequestIds;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/** The one place a Vertx instance is made, for the service and for tests alike, with its own metrics registry. */
public final class VertxFactory {
  // Vert.x takes context-local registrations only before its first instance: load the request-id slot first.
  private static final Object REQUEST_ID_SLOT = RequestIds.LOCAL;
  /**
   * One event loop per core, all the loops there are: the HTTP servers (one per loop) and the database pool's
   * connections (spread over as many) take theirs from the same group in turn, so they share the same ones. With
   * Vert.x's default of twice as many, a request's loop and its connection's were often two different ones, every
   * statement of its transactions handed across threads (and each written on its own).
   */
  static final int EVENT_LOOPS = java.lang.Runtime.getRuntime().availableProcessors();

  private VertxFactory() {
  }

  public record Runtime(Vertx vertx, PrometheusMeterRegistry metrics) {
  }

  public static Runtime create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        // The event bus only carries this instance's own job triggers; its per-handler gauge re-registers the same
        // meter for every consumer, which Micrometer warns about at each start.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics).setEventLoopPoolSize(EVENT_LOOPS))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    return new Runtime(vertx, registry);
  }
}
