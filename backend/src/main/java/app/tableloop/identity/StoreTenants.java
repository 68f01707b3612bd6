package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * Which tenant a store belongs to, asked before a request knows its tenant (a diner's request, a public menu). A store
 * never moves to another tenant, so what was found is kept; a store not found is asked for again next time.
 */
public final class StoreTenants {
  private final Database database;
  private final Cache<UUID, UUID> found = Caffeine.newBuilder().maximumSize(10_000).build();

  public StoreTenants(Database database) {
    this.database = database;
  }

  /** The store's tenant; empty when there is no such store. */
  public Future<Optional<UUID>> of(UUID storeId) {
    UUID known = found.getIfPresent(storeId);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return database.pool().preparedQuery("SELECT tenant_of_store($1) AS tenant_id")
        .execute(Tuple.of(storeId))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getUUID("tenant_id")))
        .onSuccess(tenant -> tenant.ifPresent(id -> found.put(storeId, id)));
  }
}
