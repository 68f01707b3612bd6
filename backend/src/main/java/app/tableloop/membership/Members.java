package app.tableloop.membership;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.database.Rows;
import app.tableloop.platform.database.TransactionLocks;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant's members: joining, personal data, consent state, statistics and erasure. */
public final class Members {
  static final String COLUMNS = """
      id, user_id, status, notice_version, joined_at, joined_store_id, joined_table_id, joined_via, recruited_by,
      referred_by, marketing_consent, nickname, birthday, phone_sealed, phone_key_id, phone_country, visits,
      spend_fen, first_visit_at, last_visit_at""";

  /** A member about to be written; the phone already sealed. */
  record Joining(UUID userId, int noticeVersion, UUID storeId, UUID tableId, JoinVia via, UUID recruitedBy,
                 UUID referredBy, boolean marketing, String nickname, LocalDate birthday,
                 Optional<SealedPhoneWithHash> phone) {
  }

  /** A sealed phone with its keyed hash, as written. */
  record SealedPhoneWithHash(Member.SealedPhone phone, byte[] hash) {
  }

  /**
   * Serialises everything that counts one diner's visits at one tenant (joining and the paid-order handler), so that
   * a visit paid while the diner joins is counted exactly once: by the join's backfill or by the handler.
   */
  Future<Void> lockDiner(SqlClient sql, UUID tenantId, UUID userId) {
    return TransactionLocks.exclusive(sql, "member:" + tenantId + ":" + userId);
  }

  Future<Optional<Member>> byUser(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE tenant_id = $1 AND user_id = $2"
            + " AND status = 'active'")
        .execute(Tuple.of(tenantId, userId)).map(rows -> Rows.first(rows, Members::member));
  }

  Future<Optional<Member>> byId(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE tenant_id = $1 AND id = $2"
            + " AND status = 'active'")
        .execute(Tuple.of(tenantId, memberId)).map(rows -> Rows.first(rows, Members::member));
  }

  /** The active members among these ids, in no particular order. */
  Future<List<Member>> byIds(SqlClient sql, UUID tenantId, List<UUID> memberIds) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE tenant_id = $1 AND id = ANY($2)"
            + " AND status = 'active'")
        .execute(Tuple.of(tenantId).addArrayOfUUID(memberIds.toArray(UUID[]::new)))
        .map(rows -> {
          List<Member> found = new ArrayList<>();
          rows.forEach(row -> found.add(member(row)));
          return found;
        });
  }

  /**
   * Writes the member with the statistics of the visits the diner paid here before joining (their openid's orders at
   * this tenant), in the caller's transaction.
   */
  Future<Member> insert(SqlClient sql, UUID tenantId, Joining joining, Instant now) {
    Optional<SealedPhoneWithHash> phone = joining.phone();
    return sql.preparedQuery("""
            INSERT INTO members (tenant_id, user_id, notice_version, joined_at, joined_store_id, joined_table_id,
                                 joined_via, recruited_by, referred_by, marketing_consent, nickname, birthday,
                                 phone_sealed, phone_key_id, phone_hash, phone_country, visits, spend_fen,
                                 first_visit_at, last_visit_at, last_active_at)
            SELECT $1::uuid, $2::uuid, $3::integer, $4::timestamptz, $5::uuid, $6::uuid, $7::text, $8::uuid,
                   $9::uuid, $10::boolean, $11::text, $12::date, $13::bytea, $14::text, $15::bytea, $16::text,
                   count(DISTINCT coalesce(v.tab_id, v.payment_id)), coalesce(sum(v.amount_fen - v.refunded_fen), 0),
                   min(v.paid_at), max(v.paid_at), $4
              FROM diner_visits v WHERE v.tenant_id = $1 AND v.user_id = $2
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, joining.userId(), joining.noticeVersion(), utc(now),
            joining.storeId(), joining.tableId(), joining.via().wireName(), joining.recruitedBy(),
            joining.referredBy(), joining.marketing(), joining.nickname(),
            joining.birthday(), bytes(phone.map(p -> p.phone().sealed().bytes()).orElse(null)),
            phone.map(p -> p.phone().sealed().keyId()).orElse(null),
            bytes(phone.map(SealedPhoneWithHash::hash).orElse(null)),
            phone.map(p -> p.phone().countryCode()).orElse(null))))
        .map(rows -> member(rows.iterator().next()));
  }

  /** Changes what is given (a null leaves it as it is). */
  Future<Member> updateProfile(SqlClient sql, UUID tenantId, UUID memberId, String nickname, LocalDate birthday,
                               SealedPhoneWithHash phone, Instant now) {
    return sql.preparedQuery("""
            UPDATE members
               SET nickname = coalesce($3, nickname), birthday = coalesce($4, birthday),
                   phone_sealed = coalesce($5, phone_sealed), phone_key_id = coalesce($6, phone_key_id),
                   phone_hash = coalesce($7, phone_hash), phone_country = coalesce($8, phone_country),
                   last_active_at = greatest(last_active_at, $9)
             WHERE tenant_id = $1 AND id = $2 AND status = 'active'
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(Arrays.asList(tenantId, memberId, nickname, birthday,
            bytes(phone == null ? null : phone.phone().sealed().bytes()),
            phone == null ? null : phone.phone().sealed().keyId(),
            bytes(phone == null ? null : phone.hash()),
            phone == null ? null : phone.phone().countryCode(), utc(now))))
        .map(rows -> member(rows.iterator().next()));
  }

  /** Sets the marketing consent; true when it changed. */
  Future<Boolean> setMarketing(SqlClient sql, UUID tenantId, UUID memberId, boolean consent) {
    return sql.preparedQuery("UPDATE members SET marketing_consent = $3 WHERE tenant_id = $1 AND id = $2"
            + " AND status = 'active' AND marketing_consent <> $3")
        .execute(Tuple.of(tenantId, memberId, consent)).map(rows -> rows.rowCount() == 1);
  }

  /** Whether the table is one of the store's. */
  Future<Boolean> tableAt(SqlClient sql, UUID storeId, UUID tableId) {
    return sql.preparedQuery("SELECT 1 FROM dining_tables WHERE id = $1 AND store_id = $2")
        .execute(Tuple.of(tableId, storeId)).map(rows -> rows.size() == 1);
  }

  /** A payment of the diner, if they are a member: counted into their statistics, as a visit when it is a new meal. */
  Future<Void> addPayment(SqlClient sql, UUID tenantId, UUID userId, long amountFen, OffsetDateTime paidAt,
                          boolean newVisit) {
    return sql.preparedQuery("""
            UPDATE members
               SET visits = visits + CASE WHEN $5 THEN 1 ELSE 0 END, spend_fen = spend_fen + $3,
                   first_visit_at = least(first_visit_at, $4), last_visit_at = greatest(last_visit_at, $4),
                   last_active_at = greatest(last_active_at, $4)
             WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'
            """)
        .execute(Tuple.of(tenantId, userId, amountFen, paidAt, newVisit)).mapEmpty();
  }

  /** Money given back for one of the diner's visits, if they are a member: taken off their spend. */
  Future<Void> subtractSpend(SqlClient sql, UUID tenantId, UUID userId, long refundedFen) {
    return sql.preparedQuery("UPDATE members SET spend_fen = spend_fen - $3 WHERE tenant_id = $1 AND user_id = $2"
            + " AND status = 'active'")
        .execute(Tuple.of(tenantId, userId, refundedFen)).mapEmpty();
  }

  /**
   * Erases the member's personal data and their link to the person, keeping the statistics (numbers about nobody).
   * Answers the person's user id, or empty when there was no active member.
   */
  Future<Optional<UUID>> erase(SqlClient sql, UUID tenantId, UUID memberId, Instant now) {
    return sql.preparedQuery("""
            WITH erased AS (
                SELECT id, user_id FROM members WHERE tenant_id = $1 AND id = $2 AND status = 'active' FOR UPDATE)
            UPDATE members m
               SET status = 'erased', erased_at = $3, user_id = NULL, nickname = NULL, birthday = NULL,
                   phone_sealed = NULL, phone_key_id = NULL, phone_hash = NULL, phone_country = NULL,
                   marketing_consent = false
              FROM erased
             WHERE m.id = erased.id
            RETURNING erased.user_id
            """)
        .execute(Tuple.of(tenantId, memberId, utc(now)))
        .map(rows -> Rows.first(rows, row -> row.getUUID("user_id")));
  }

  /**
   * A page of active members, newest first, after the member {@code after} (the last of the page before); only those
   * whose phone has this keyed hash, when one is given.
   */
  Future<List<Member>> page(SqlClient sql, UUID tenantId, int limit, Optional<UUID> after,
                            Optional<byte[]> phoneHash) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE tenant_id = $1 AND status = 'active'"
            + " AND ($3::uuid IS NULL OR (joined_at, id) < (SELECT joined_at, id FROM members WHERE id = $3))"
            + " AND ($4::bytea IS NULL OR phone_hash = $4)"
            + " ORDER BY joined_at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(tenantId, limit, after.orElse(null), bytes(phoneHash.orElse(null))))
        .map(rows -> {
          List<Member> page = new ArrayList<>();
          rows.forEach(row -> page.add(member(row)));
          return page;
        });
  }

  Future<Integer> setRetention(SqlClient sql, UUID tenantId, int days) {
    return sql.preparedQuery("""
            INSERT INTO membership_settings (tenant_id, retention_days) VALUES ($1, $2)
            ON CONFLICT (tenant_id) DO UPDATE SET retention_days = excluded.retention_days
            RETURNING retention_days
            """)
        .execute(Tuple.of(tenantId, days))
        .map(rows -> rows.iterator().next().getInteger("retention_days"));
  }

  /** Active members whose last visit (or joining) lies further back than the tenant keeps members. */
  Future<List<UUID>> inactive(SqlClient sql, UUID tenantId, Instant now, int limit) {
    return sql.preparedQuery("""
            SELECT m.id FROM members m
              LEFT JOIN membership_settings s ON s.tenant_id = m.tenant_id
             WHERE m.tenant_id = $1 AND m.status = 'active'
               AND m.last_active_at < $2::timestamptz - make_interval(days => coalesce(s.retention_days, 1095))
             ORDER BY m.last_active_at LIMIT $3
            """)
        .execute(Tuple.of(tenantId, utc(now), limit))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("id")));
          return ids;
        });
  }

  static Member member(Row row) {
    byte[] sealed = row.getBuffer("phone_sealed") == null ? null : row.getBuffer("phone_sealed").getBytes();
    Optional<Member.SealedPhone> phone = sealed == null ? Optional.empty() : Optional.of(new Member.SealedPhone(
        new DataKeys.Sealed(row.getString("phone_key_id"), sealed), row.getString("phone_country")));
    return new Member(row.getUUID("id"), row.getUUID("user_id"), "active".equals(row.getString("status")),
        row.getInteger("notice_version"), row.getOffsetDateTime("joined_at"), row.getUUID("joined_store_id"),
        row.getUUID("joined_table_id"), JoinVia.fromWireName(row.getString("joined_via")),
        row.getUUID("recruited_by"), row.getUUID("referred_by"), row.getBoolean("marketing_consent"),
        row.getString("nickname"), row.getLocalDate("birthday"), phone,
        new Member.Visits(row.getInteger("visits"), row.getLong("spend_fen"), row.getOffsetDateTime("first_visit_at"),
            row.getOffsetDateTime("last_visit_at")));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Buffer bytes(byte[] value) {
    return value == null ? null : Buffer.buffer(value);
  }
}
