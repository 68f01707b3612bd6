package app.tableloop.notice;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Diners' answers to wx.requestSubscribeMessage (each acceptance one message), and the messages sent. */
final class Subscriptions {
  /** An acceptance taken for one message, with where it goes. */
  record Claimed(UUID grantId, UUID userId, String openId, String templateId) {
  }

  Future<Void> record(SqlClient sql, UUID tenantId, UUID storeId, UUID userId, NoticeKind kind, String templateId,
                      UUID orderId, String result, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO subscribe_grants (tenant_id, store_id, user_id, kind, template_id, order_id, result,
                                          recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, storeId, userId, kind.wireName(), templateId, orderId, result,
            now.atOffset(ZoneOffset.UTC))))
        .mapEmpty();
  }

  Future<Boolean> orderAt(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId) {
    return sql.preparedQuery("SELECT 1 FROM orders WHERE tenant_id = $1 AND store_id = $2 AND id = $3")
        .execute(Tuple.of(tenantId, storeId, orderId)).map(rows -> rows.size() == 1);
  }

  /**
   * Takes, for each diner concerned, one unused acceptance of the kind: one given for this order, else one given
   * without an order by a diner of {@code people} (who placed or paid it). Marked used in the caller's transaction;
   * an acceptance another transaction took meanwhile is not taken again (checked again under its row lock).
   */
  Future<List<Claimed>> claim(SqlClient sql, UUID tenantId, NoticeKind kind, UUID orderId, List<UUID> people,
                              Instant now) {
    return sql.preparedQuery("""
            WITH chosen AS (
                SELECT DISTINCT ON (g.user_id) g.id
                  FROM subscribe_grants g
                 WHERE g.tenant_id = $1 AND g.kind = $2 AND g.result = 'accept' AND g.used_at IS NULL
                   AND (g.order_id = $3 OR (g.order_id IS NULL AND g.user_id = ANY($4)))
                 ORDER BY g.user_id, g.order_id IS NULL, g.recorded_at
            )
            UPDATE subscribe_grants g SET used_at = $5
              FROM chosen, users u
             WHERE g.id = chosen.id AND g.used_at IS NULL AND u.id = g.user_id AND u.openid NOT LIKE 'erased:%'
            RETURNING g.id, g.user_id, u.openid, g.template_id
            """)
        .execute(Tuple.of(tenantId, kind.wireName(), orderId, people.toArray(UUID[]::new),
            now.atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          List<Claimed> claimed = new ArrayList<>();
          rows.forEach(row -> claimed.add(claimed(row)));
          return claimed;
        });
  }

  /** What WeChat answered to one message: sent, or refused (43101, kept and not tried again). */
  Future<Void> sent(SqlClient sql, UUID tenantId, Claimed claimed, NoticeKind kind, String eventKey,
                    Integer refusedWith, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO subscribe_messages (tenant_id, user_id, kind, template_id, event_key, grant_id, status,
                                            errcode, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (tenant_id, event_key, user_id) DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, claimed.userId(), kind.wireName(), claimed.templateId(),
            eventKey, claimed.grantId(), refusedWith == null ? "sent" : "refused", refusedWith,
            now.atOffset(ZoneOffset.UTC))))
        .mapEmpty();
  }

  /** Who placed the order (if anyone signed in did), and its tab. */
  record Placed(List<UUID> people, UUID tabId) {
  }

  Future<Placed> placed(SqlClient sql, UUID tenantId, UUID orderId) {
    return sql.preparedQuery("SELECT placed_by, tab_id FROM orders WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, orderId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Placed(row.getUUID("placed_by") == null ? List.of() : List.of(row.getUUID("placed_by")),
              row.getUUID("tab_id"));
        });
  }

  /** Who paid the payment with WeChat, and who placed the refunded order. */
  Future<List<UUID>> payerAndPlacer(SqlClient sql, UUID tenantId, UUID paymentId, UUID orderId) {
    return sql.preparedQuery("""
            SELECT u.id FROM payments p JOIN users u ON u.openid = p.payer_openid
             WHERE p.tenant_id = $1 AND p.id = $2
            UNION
            SELECT o.placed_by FROM orders o WHERE o.tenant_id = $1 AND o.id = $3 AND o.placed_by IS NOT NULL
            """)
        .execute(Tuple.of(tenantId, paymentId, orderId))
        .map(rows -> {
          List<UUID> people = new ArrayList<>();
          rows.forEach(row -> people.add(row.getUUID(0)));
          return people;
        });
  }

  Future<String> storeName(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT name FROM stores WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, storeId)).map(rows -> rows.iterator().next().getString("name"));
  }

  private static Claimed claimed(Row row) {
    return new Claimed(row.getUUID("id"), row.getUUID("user_id"), row.getString("openid"),
        row.getString("template_id"));
  }
}
