package app.tableloop.platform.outbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** An event as the outbox holds it: written with the change it announces, delivered afterwards. */
public record OutboxEvent(long id, UUID tenantId, String topic, JsonObject payload, Instant createdAt) {
}
