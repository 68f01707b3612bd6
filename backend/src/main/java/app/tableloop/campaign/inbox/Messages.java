package app.tableloop.campaign.inbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The members' message boxes: what the restaurant told each member in the mini-program. */
public final class Messages {
  /** One message as its member reads it. */
  public record Message(UUID id, String title, String body, UUID couponId, UUID campaignId, Instant createdAt,
                        boolean read) {
  }

  /**
   * Writes a message into the member's box, in the caller's transaction; a campaign's second message to the same
   * member for the same occasion ('' for a one-off, the year for a birthday) is not written. Answers whether it was
   * written.
   */
  public Future<Boolean> write(SqlClient sql, UUID tenantId, UUID memberId, String title, String body, UUID couponId,
                               UUID campaignId, String occasion) {
    return sql.preparedQuery("""
            INSERT INTO member_messages (tenant_id, member_id, title, body, coupon_id, campaign_id, occasion)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (campaign_id, member_id, occasion) DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, memberId, title, body, couponId, campaignId, occasion)))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Writes a service notice (a reminder) into the member's box, in the caller's transaction, once per
   * {@code reminderKey} for the member however often it is asked. Answers whether it was written.
   */
  public Future<Boolean> remind(SqlClient sql, UUID tenantId, UUID memberId, String title, String body, UUID couponId,
                                String reminderKey, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO member_messages (tenant_id, member_id, title, body, coupon_id, reminder_key, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant_id, member_id, reminder_key) WHERE reminder_key IS NOT NULL DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, memberId, title, body, couponId, reminderKey,
            now.atOffset(java.time.ZoneOffset.UTC))))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<List<Message>> ofMember(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("""
            SELECT id, title, body, coupon_id, campaign_id, created_at, read_at IS NOT NULL AS read
              FROM member_messages
             WHERE tenant_id = $1 AND member_id = $2
             ORDER BY created_at DESC, id
             LIMIT 100
            """)
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> {
          List<Message> messages = new ArrayList<>();
          rows.forEach(row -> messages.add(message(row)));
          return messages;
        });
  }

  Future<Long> unread(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT count(*) AS unread FROM member_messages"
            + " WHERE tenant_id = $1 AND member_id = $2 AND read_at IS NULL")
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> rows.iterator().next().getLong("unread"));
  }

  /** The latest unread message a campaign wrote: the banner at the member's next scan. */
  Future<Optional<Message>> banner(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("""
            SELECT id, title, body, coupon_id, campaign_id, created_at, false AS read
              FROM member_messages
             WHERE tenant_id = $1 AND member_id = $2 AND read_at IS NULL AND campaign_id IS NOT NULL
             ORDER BY created_at DESC, id
             LIMIT 1
            """)
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(message(rows.iterator().next())));
  }

  /** Marks the member's message read (again: no change); answers whether the member has such a message. */
  Future<Boolean> markRead(SqlClient sql, UUID tenantId, UUID memberId, UUID messageId, Instant now) {
    return sql.preparedQuery("""
            UPDATE member_messages SET read_at = coalesce(read_at, $4)
             WHERE tenant_id = $1 AND member_id = $2 AND id = $3
            """)
        .execute(Tuple.of(tenantId, memberId, messageId, now.atOffset(java.time.ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Message message(Row row) {
    return new Message(row.getUUID("id"), row.getString("title"), row.getString("body"), row.getUUID("coupon_id"),
        row.getUUID("campaign_id"), row.getOffsetDateTime("created_at").toInstant(), row.getBoolean("read"));
  }
}
