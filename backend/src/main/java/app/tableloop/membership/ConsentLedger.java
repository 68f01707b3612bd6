package app.tableloop.membership;

import app.tableloop.platform.http.WireTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every grant and withdrawal of a member's consent, one row each, never changed (the table refuses it). */
public final class ConsentLedger {
  enum Purpose { MEMBERSHIP, MARKETING }

  Future<Void> record(SqlClient sql, UUID tenantId, UUID memberId, Purpose purpose, boolean granted,
                      Integer noticeVersion) {
    return sql.preparedQuery("INSERT INTO consent_ledger (tenant_id, member_id, purpose, granted, notice_version)"
            + " VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(tenantId, memberId, purpose.name().toLowerCase(), granted, noticeVersion))
        .mapEmpty();
  }

  /** The member's ledger, oldest first. */
  Future<List<JsonObject>> of(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT purpose, granted, notice_version, recorded_at FROM consent_ledger"
            + " WHERE tenant_id = $1 AND member_id = $2 ORDER BY id")
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> {
          List<JsonObject> entries = new ArrayList<>();
          rows.forEach(row -> entries.add(new JsonObject()
              .put("purpose", row.getString("purpose"))
              .put("granted", row.getBoolean("granted"))
              .put("notice_version", row.getInteger("notice_version"))
              .put("recorded_at", WireTime.of(row.getOffsetDateTime("recorded_at")))));
          return entries;
        });
  }
}
