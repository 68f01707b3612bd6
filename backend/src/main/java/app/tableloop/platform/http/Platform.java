package app.tableloop.platform.http;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

/** What the platform hands every feature when the service starts. */
public record Platform(Vertx vertx, Database database, Redis redis, PrometheusMeterRegistry metrics) {
}
