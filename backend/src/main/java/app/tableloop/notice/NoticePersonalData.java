package app.tableloop.notice;

import app.tableloop.membership.PersonalData;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * What subscribe messages hold about a member (by their WeChat user): what they answered in
 * wx.requestSubscribeMessage and each message sent to them. An erased member's unused subscriptions go (nothing may be
 * sent to the person any more); what was sent stays, naming nobody once the identity is erased.
 */
public final class NoticePersonalData {
  private NoticePersonalData() {
  }

  public static List<PersonalData> sections() {
    return List.of(new Subscriptions(), PersonalData.of("subscribe_messages", """
        SELECT m.id AS member_id, s.kind, s.template_id, s.status, s.errcode, s.created_at
          FROM subscribe_messages s JOIN members m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
         WHERE s.tenant_id = $1
         ORDER BY s.created_at, s.id"""));
  }

  private static final class Subscriptions implements PersonalData {
    @Override
    public String section() {
      return "subscriptions";
    }

    @Override
    public String rows() {
      return """
          SELECT m.id AS member_id, g.kind, g.template_id, g.store_id, g.order_id, g.result, g.recorded_at, g.used_at
            FROM subscribe_grants g JOIN members m ON m.tenant_id = g.tenant_id AND m.user_id = g.user_id
           WHERE g.tenant_id = $1
           ORDER BY g.recorded_at, g.id""";
    }

    @Override
    public Future<Void> erase(SqlClient sql, UUID tenantId, UUID memberId, UUID userId) {
      return sql.preparedQuery("DELETE FROM subscribe_grants WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL"
              + " AND NOT EXISTS (SELECT 1 FROM subscribe_messages s WHERE s.grant_id = subscribe_grants.id)")
          .execute(Tuple.of(tenantId, userId)).mapEmpty();
    }
  }
}
