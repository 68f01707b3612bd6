package app.tableloop.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Who works at a store. */
public final class StaffRoles {

  public record Member(UUID userId, Role role, OffsetDateTime since) {
  }

  /** The store's owners and staff, and the tenant's operators, who may act there too. */
  public Future<List<Member>> ofStore(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("""
            SELECT user_id, role, created_at
              FROM staff_roles
             WHERE tenant_id = $1 AND (store_id = $2 OR store_id IS NULL)
             ORDER BY role, created_at
            """)
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.stream().map(row -> new Member(row.getUUID("user_id"),
            Role.fromWireName(row.getString("role")).orElseThrow(), row.getOffsetDateTime("created_at"))).toList());
  }

  /** Removes the user's roles at the store among {@code removable}; answers how many were removed. */
  public Future<Integer> remove(SqlClient sql, UUID tenantId, UUID storeId, UUID userId, List<Role> removable) {
    return sql.preparedQuery("""
            DELETE FROM staff_roles
             WHERE tenant_id = $1 AND store_id = $2 AND user_id = $3 AND role = ANY($4)
            """)
        .execute(Tuple.of(tenantId, storeId, userId, removable.stream().map(Role::wireName).toArray(String[]::new)))
        .map(rows -> rows.rowCount());
  }
}
