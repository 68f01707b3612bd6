package app.tableloop.platform.outbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An event as the outbox holds it: written with the change it announces, delivered afterwards. */
public record OutboxEvent(long id, UUID tenantId, String topic, JsonObject payload, Instant createdAt) {

  /**
   * The ids the payload names under {@code one} (a single id, may be absent) and then under {@code many} (an array,
   * may be absent): a paid order's {@code order_id}, or the {@code order_ids} a tab's payment covered, say.
   */
  public List<UUID> ids(String one, String many) {
    List<UUID> ids = new ArrayList<>();
    if (payload.getString(one) != null) {
      ids.add(UUID.fromString(payload.getString(one)));
    }
    payload.getJsonArray(many, new JsonArray()).forEach(id -> ids.add(UUID.fromString(String.valueOf(id))));
    return ids;
  }
}
