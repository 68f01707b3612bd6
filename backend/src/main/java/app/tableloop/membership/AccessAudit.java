package app.tableloop.membership;

import app.tableloop.platform.http.WireTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Who looked at or took personal data, whose, when and why: one row each, never changed (the table refuses it). */
public final class AccessAudit {
  enum Action {
    PHONE_REVEALED, DATA_EXPORTED, MEMBER_ERASED, MEMBER_ANONYMISED, MEMBERS_EXPORTED, ORDERS_EXPORTED,
    MEMBER_DATA_EXPORTED, HISTORY_VIEWED
  }

  /** Who acted: a person in a role, or the system (the retention job). */
  record Actor(UUID userId, String role) {
    static final Actor SYSTEM = new Actor(null, "system");
  }

  Future<Void> record(SqlClient sql, UUID tenantId, Actor actor, UUID memberId, Action action, String reason) {
    return sql.preparedQuery("INSERT INTO access_audit (tenant_id, actor_id, actor_role, member_id, action, reason)"
            + " VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(tenantId, actor.userId(), actor.role(), memberId, action.name().toLowerCase(), reason))
        .mapEmpty();
  }

  /** What was done with the member's data, oldest first. */
  Future<List<JsonObject>> of(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT actor_role, action, reason, occurred_at FROM access_audit"
            + " WHERE tenant_id = $1 AND member_id = $2 ORDER BY id")
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> {
          List<JsonObject> entries = new ArrayList<>();
          rows.forEach(row -> entries.add(new JsonObject()
              .put("actor_role", row.getString("actor_role"))
              .put("action", row.getString("action"))
              .put("reason", row.getString("reason"))
              .put("occurred_at", WireTime.of(row.getOffsetDateTime("occurred_at")))));
          return entries;
        });
  }

  /** The tenant's log, newest first: who did what to whose data, and why. */
  Future<List<JsonObject>> latest(SqlClient sql, UUID tenantId, int limit) {
    return sql.preparedQuery("SELECT actor_id, actor_role, member_id, action, reason, occurred_at FROM access_audit"
            + " WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2")
        .execute(Tuple.of(tenantId, limit))
        .map(rows -> {
          List<JsonObject> entries = new ArrayList<>();
          rows.forEach(row -> entries.add(new JsonObject()
              .put("actor_id", row.getUUID("actor_id") == null ? null : row.getUUID("actor_id").toString())
              .put("actor_role", row.getString("actor_role"))
              .put("member_id", row.getUUID("member_id") == null ? null : row.getUUID("member_id").toString())
              .put("action", row.getString("action"))
              .put("reason", row.getString("reason"))
              .put("occurred_at", WireTime.of(row.getOffsetDateTime("occurred_at")))));
          return entries;
        });
  }
}
