package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** WeChat users and where they work. */
public final class Users {
  private final Database database;

  public Users(Database database) {
    this.database = database;
  }

  /** Records a sign-in: the user is created on first sight, keyed by openid. */
  public Future<SignedInUser> signedIn(String openId, String unionId) {
    return database.pool().preparedQuery("""
            INSERT INTO users (openid, unionid)
            VALUES ($1, $2)
            ON CONFLICT (openid) DO UPDATE
               SET last_sign_in_at = now(),
                   unionid = coalesce(excluded.unionid, users.unionid)
            RETURNING id
            """)
        .execute(Tuple.of(openId, unionId))
        .map(rows -> new SignedInUser(rows.iterator().next().getUUID("id"), openId));
  }

  /** Every role the user holds, across tenants (asked before a request knows its tenant). */
  public Future<List<RoleGrant>> rolesOf(UUID userId) {
    return database.pool().preparedQuery("SELECT tenant_id, store_id, role FROM roles_of_user($1)")
        .execute(Tuple.of(userId))
        .map(rows -> rows.stream().map(Users::grant).toList());
  }

  /** The tenant a store belongs to (if the store exists) and every role the user holds, in one statement. */
  public Future<AtStore> atStore(UUID storeId, UUID userId) {
    return database.pool().preparedQuery("""
            SELECT s.tenant_id AS store_tenant_id, r.tenant_id, r.store_id, r.role
              FROM (SELECT tenant_of_store($1) AS tenant_id) AS s
              LEFT JOIN roles_of_user($2) AS r ON true
            """)
        .execute(Tuple.of(storeId, userId))
        .map(rows -> {
          List<RoleGrant> grants = new ArrayList<>();
          UUID tenant = null;
          for (Row row : rows) {
            tenant = row.getUUID("store_tenant_id");
            if (row.getString("role") != null) {
              grants.add(grant(row));
            }
          }
          return new AtStore(Optional.ofNullable(tenant), grants);
        });
  }

  /** What the guard asks before a store's request: the store's tenant, if it exists, and the caller's roles. */
  public record AtStore(Optional<UUID> tenantId, List<RoleGrant> grants) {
  }

  private static RoleGrant grant(Row row) {
    return new RoleGrant(row.getUUID("tenant_id"), row.getUUID("store_id"),
        Role.fromWireName(row.getString("role")).orElseThrow());
  }
}
