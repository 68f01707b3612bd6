package app.tableloop.platform.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The transactional outbox: an event is written with the change it announces, in the same transaction, so that it
 * exists exactly when the change does. Workers deliver it later, at least once.
 */
public final class Outbox {

  public Future<Void> append(SqlClient sql, UUID tenantId, String topic, JsonObject payload) {
    return sql.preparedQuery("INSERT INTO outbox (tenant_id, topic, payload) VALUES ($1, $2, $3)")
        .execute(Tuple.of(tenantId, topic, payload))
        .mapEmpty();
  }
}
