package app.tableloop.platform.http;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.live.LiveHub;
import app.tableloop.platform.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What the platform hands every feature when the service starts.
 *
 * @param publicBaseUrl         where diners and staff reach this service from outside (links in QR codes and invites)
 * @param live                  the live WebSocket feeds, shared by every instance through Redis
 * @param dataKeys              the keys sealing personal data at rest
 */
public record Platform(Vertx vertx, Database database, Redis redis, PrometheusMeterRegistry metrics, Clock clock,
                       String publicBaseUrl, LiveHub live, DataKeys dataKeys) {
}
