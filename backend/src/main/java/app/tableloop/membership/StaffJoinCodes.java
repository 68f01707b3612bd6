package app.tableloop.membership;

import app.tableloop.platform.database.Rows;
import app.tableloop.platform.http.WireTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Staff members' personal join codes, and the members each one recruited. */
public final class StaffJoinCodes {
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The staff member's code at the store, made on first ask. */
  Future<String> codeOf(SqlClient sql, UUID tenantId, UUID storeId, UUID staffUserId) {
    return sql.preparedQuery("""
            INSERT INTO staff_join_codes (code, tenant_id, store_id, staff_user_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (store_id, staff_user_id) DO NOTHING
            """)
        .execute(Tuple.of(newCode(), tenantId, storeId, staffUserId))
        .compose(made -> sql.preparedQuery("SELECT code FROM staff_join_codes WHERE store_id = $1"
                + " AND staff_user_id = $2")
            .execute(Tuple.of(storeId, staffUserId)))
        .map(rows -> rows.iterator().next().getString("code"));
  }

  /** Who the code credits, if it is a code of someone still working at this tenant. */
  Future<Optional<UUID>> staffOf(SqlClient sql, UUID tenantId, String code) {
    return sql.preparedQuery("""
            SELECT c.staff_user_id FROM staff_join_codes c
             WHERE c.tenant_id = $1 AND c.code = $2
               AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.tenant_id = c.tenant_id AND r.user_id = c.staff_user_id)
            """)
        .execute(Tuple.of(tenantId, code))
        .map(rows -> Rows.first(rows, row -> row.getUUID("staff_user_id")));
  }

  /** The store a code belongs to, from outside any tenant (a diner scanning it). */
  Future<Optional<StoreOfCode>> storeOf(SqlClient sql, String code) {
    return sql.preparedQuery("SELECT store_id, tenant_id, store_name FROM store_of_join_code($1)")
        .execute(Tuple.of(code))
        .map(rows -> Rows.first(rows, row -> new StoreOfCode(row.getUUID("store_id"), row.getUUID("tenant_id"),
            row.getString("store_name"))));
  }

  record StoreOfCode(UUID storeId, UUID tenantId, String storeName) {
  }

  /** The members the staff member recruited on the store's business day that holds {@code now}, oldest first. */
  Future<List<JsonObject>> recruitedToday(SqlClient sql, UUID tenantId, UUID storeId, UUID staffUserId,
                                          Instant now) {
    return sql.preparedQuery("""
            SELECT m.id, m.joined_at FROM members m JOIN stores s ON s.id = $2
             WHERE m.tenant_id = $1 AND m.recruited_by = $3
               AND (m.joined_at AT TIME ZONE s.time_zone)::date = ($4::timestamptz AT TIME ZONE s.time_zone)::date
             ORDER BY m.joined_at
            """)
        .execute(Tuple.of(tenantId, storeId, staffUserId, Members.utc(now)))
        .map(rows -> {
          List<JsonObject> recruits = new ArrayList<>();
          rows.forEach(row -> recruits.add(new JsonObject().put("member_id", row.getUUID("id").toString())
              .put("joined_at", WireTime.of(row.getOffsetDateTime("joined_at")))));
          return recruits;
        });
  }

  /**
   * For each staff member who recruited members at the tenant: how many, how many of them are still members, and
   * what they spent since joining (refunds taken off).
   */
  Future<List<JsonObject>> recruiters(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("""
            SELECT m.recruited_by, count(*) AS recruits, count(*) FILTER (WHERE m.status = 'active') AS active,
                   coalesce(sum((SELECT sum(v.amount_fen - v.refunded_fen) FROM diner_visits v
                                  WHERE v.tenant_id = m.tenant_id AND v.user_id = m.user_id
                                    AND v.paid_at >= m.joined_at)), 0) AS spent_since_fen
              FROM members m
             WHERE m.tenant_id = $1 AND m.recruited_by IS NOT NULL
             GROUP BY m.recruited_by
             ORDER BY recruits DESC, m.recruited_by
            """)
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          List<JsonObject> recruiters = new ArrayList<>();
          rows.forEach(row -> recruiters.add(new JsonObject()
              .put("staff_user_id", row.getUUID("recruited_by").toString())
              .put("recruits", row.getLong("recruits"))
              .put("still_members", row.getLong("active"))
              .put("spent_since_fen", row.getLong("spent_since_fen"))));
          return recruiters;
        });
  }

  private static String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }
}
