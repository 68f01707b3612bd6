package app.tableloop.campaign;

import app.tableloop.membership.PersonalData;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * What campaigns hold about a member: their message box (erased with them: it is what the restaurant told the person,
 * of no use to anyone once they left) and the campaigns that reached them (kept for the campaigns' results, naming
 * nobody once the member is erased).
 */
public final class CampaignPersonalData {
  private CampaignPersonalData() {
  }

  public static List<PersonalData> sections() {
    return List.of(new MessageBoxData(), PersonalData.of("campaigns_reached", """
        SELECT r.member_id, c.title, r.state, r.sent_at, r.coupon_id, r.sms_state, r.sms_sent_at
          FROM campaign_recipients r JOIN campaigns c ON c.tenant_id = r.tenant_id AND c.id = r.campaign_id
         WHERE r.tenant_id = $1
         ORDER BY c.created_at, c.id"""));
  }

  private static final class MessageBoxData implements PersonalData {
    @Override
    public String section() {
      return "messages";
    }

    @Override
    public String rows() {
      return """
          SELECT member_id, title, body, coupon_id, campaign_id, created_at, read_at
            FROM member_messages
           WHERE tenant_id = $1
           ORDER BY created_at, id""";
    }

    @Override
    public Future<Void> erase(SqlClient sql, UUID tenantId, UUID memberId, UUID userId) {
      return sql.preparedQuery("DELETE FROM member_messages WHERE tenant_id = $1 AND member_id = $2")
          .execute(Tuple.of(tenantId, memberId)).mapEmpty();
    }
  }
}
