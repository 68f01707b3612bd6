package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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

  /** The tenant a store belongs to, if the store exists. */
  public Future<Optional<UUID>> tenantOfStore(UUID storeId) {
    return database.pool().preparedQuery("SELECT tenant_of_store($1) AS tenant_id")
        .execute(Tuple.of(storeId))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getUUID("tenant_id")));
  }

  private static RoleGrant grant(Row row) {
    return new RoleGrant(row.getUUID("tenant_id"), row.getUUID("store_id"),
        Role.fromWireName(row.getString("role")).orElseThrow());
  }
}
