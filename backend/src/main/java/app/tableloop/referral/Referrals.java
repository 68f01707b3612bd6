package app.tableloop.referral;

import app.tableloop.platform.database.Rows;
import app.tableloop.platform.database.TransactionLocks;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The referral programme's rows: settings, referred joins and their verdicts, rewards, and poster codes. */
final class Referrals {
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A friend of the sharer who counted, as the sharer sees them. */
  record Friend(String nickname, OffsetDateTime joinedAt, boolean paid) {
  }

  /** A referred friend who counted and has not paid yet: which referral, and whose. */
  record Open(UUID referralId, UUID sharerMemberId) {
  }

  /** Who paid a payment, and when, as membership recorded the visit. */
  record Payer(UUID userId, OffsetDateTime paidAt) {
  }

  /** Which store and sharer a poster's code names. */
  record CodeTarget(UUID storeId, UUID tenantId, String storeName, UUID memberId) {
  }

  Future<ReferralSettings> settings(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("""
            SELECT active, needed, cap_per_sharer, friend_template_id, sharer_template_id
              FROM referral_settings WHERE tenant_id = $1
            """)
        .execute(Tuple.of(tenantId))
        .map(rows -> Rows.first(rows, row -> new ReferralSettings(row.getBoolean("active"), row.getInteger("needed"),
                row.getInteger("cap_per_sharer"), Optional.ofNullable(row.getUUID("friend_template_id")),
                Optional.ofNullable(row.getUUID("sharer_template_id"))))
            .orElse(ReferralSettings.DEFAULTS));
  }

  Future<Void> saveSettings(SqlClient sql, UUID tenantId, ReferralSettings settings, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO referral_settings (tenant_id, active, needed, cap_per_sharer, friend_template_id,
                                           sharer_template_id, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant_id) DO UPDATE
               SET active = excluded.active, needed = excluded.needed, cap_per_sharer = excluded.cap_per_sharer,
                   friend_template_id = excluded.friend_template_id,
                   sharer_template_id = excluded.sharer_template_id, updated_at = excluded.updated_at
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, settings.active(), settings.needed(), settings.capPerSharer(),
            settings.friendTemplateId().orElse(null), settings.sharerTemplateId().orElse(null), utc(now))))
        .mapEmpty();
  }

  Future<Boolean> templateExists(SqlClient sql, UUID tenantId, UUID templateId) {
    return sql.preparedQuery("SELECT 1 FROM coupon_templates WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, templateId)).map(rows -> rows.size() == 1);
  }

  /** The diner's active membership of the tenant. */
  Future<Optional<UUID>> memberOfUser(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'")
        .execute(Tuple.of(tenantId, userId)).map(rows -> Rows.first(rows, row -> row.getUUID("id")));
  }

  /** The WeChat openid behind an active member. */
  Future<Optional<String>> openIdOfMember(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT u.openid FROM members m JOIN users u ON u.id = m.user_id"
            + " WHERE m.tenant_id = $1 AND m.id = $2 AND m.status = 'active'")
        .execute(Tuple.of(tenantId, memberId)).map(rows -> Rows.first(rows, row -> row.getString("openid")));
  }

  /** The WeChat openid of a signed-in user. */
  Future<String> openIdOfUser(SqlClient sql, UUID userId) {
    return sql.preparedQuery("SELECT openid FROM users WHERE id = $1")
        .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getString("openid"));
  }

  Future<String> storeName(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT name FROM stores WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, storeId)).map(rows -> rows.iterator().next().getString("name"));
  }

  /**
   * Serialises everything that counts towards one sharer (judging a referred join, a friend's first payment), so that
   * the cap and the reward's threshold are read with every earlier count committed.
   */
  Future<Void> lockSharer(SqlClient sql, UUID tenantId, UUID sharerMemberId) {
    return TransactionLocks.exclusive(sql, "referral-sharer:" + tenantId + ":" + sharerMemberId);
  }

  /** Whether the WeChat user behind this key was referred before, whatever came of it. */
  Future<Boolean> referredBefore(SqlClient sql, UUID tenantId, byte[] friendKey) {
    return sql.preparedQuery("SELECT 1 FROM referrals WHERE tenant_id = $1 AND friend_key = $2 LIMIT 1")
        .execute(Tuple.of(tenantId, Buffer.buffer(friendKey))).map(rows -> rows.size() == 1);
  }

  /** Whether the diner had paid a visit at the brand before joining (membership's record of visits). */
  Future<Boolean> customerBefore(SqlClient sql, UUID tenantId, UUID userId, OffsetDateTime joinedAt) {
    return sql.preparedQuery("SELECT 1 FROM diner_visits WHERE tenant_id = $1 AND user_id = $2 AND paid_at < $3"
            + " LIMIT 1")
        .execute(Tuple.of(tenantId, userId, joinedAt)).map(rows -> rows.size() == 1);
  }

  /** Whether the friend is somewhere up the sharer's chain of referrals (A refers B, B refers A; or longer). */
  Future<Boolean> sharerDescendsFrom(SqlClient sql, UUID tenantId, byte[] sharerKey, byte[] friendKey) {
    return sql.preparedQuery("""
            WITH RECURSIVE up (key, depth) AS (
                SELECT sharer_key, 1 FROM referrals WHERE tenant_id = $1 AND friend_key = $2
                UNION
                SELECT r.sharer_key, up.depth + 1 FROM referrals r JOIN up ON r.friend_key = up.key
                 WHERE r.tenant_id = $1 AND up.depth < 100
            )
            SELECT 1 FROM up WHERE key = $3 LIMIT 1
            """)
        .execute(Tuple.of(tenantId, Buffer.buffer(sharerKey), Buffer.buffer(friendKey)))
        .map(rows -> rows.size() == 1);
  }

  Future<Integer> countedFor(SqlClient sql, UUID tenantId, UUID sharerMemberId) {
    return sql.preparedQuery("SELECT count(*) AS counted FROM referrals WHERE tenant_id = $1"
            + " AND sharer_member_id = $2 AND outcome = 'counted'")
        .execute(Tuple.of(tenantId, sharerMemberId))
        .map(rows -> rows.iterator().next().getLong("counted").intValue());
  }

  Future<UUID> insert(SqlClient sql, UUID tenantId, UUID sharerMemberId, UUID friendMemberId, byte[] sharerKey,
                      byte[] friendKey, ReferralPolicy.Outcome outcome, OffsetDateTime joinedAt) {
    return sql.preparedQuery("""
            INSERT INTO referrals (tenant_id, sharer_member_id, friend_member_id, sharer_key, friend_key, outcome,
                                   joined_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id
            """)
        .execute(Tuple.of(tenantId, sharerMemberId, friendMemberId, Buffer.buffer(sharerKey),
            Buffer.buffer(friendKey), outcome.wireName(), joinedAt))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<Void> welcomed(SqlClient sql, UUID tenantId, UUID referralId, UUID couponId) {
    return sql.preparedQuery("UPDATE referrals SET welcome_coupon_id = $3 WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, referralId, couponId)).mapEmpty();
  }

  /** The member's counted friends, newest first, with their nickname as they gave it (masked by the caller). */
  Future<List<Friend>> friendsOf(SqlClient sql, UUID tenantId, UUID sharerMemberId) {
    return sql.preparedQuery("""
            SELECT m.nickname, r.joined_at, r.first_paid_at IS NOT NULL AS paid
              FROM referrals r JOIN members m ON m.id = r.friend_member_id
             WHERE r.tenant_id = $1 AND r.sharer_member_id = $2 AND r.outcome = 'counted'
             ORDER BY r.joined_at DESC
            """)
        .execute(Tuple.of(tenantId, sharerMemberId))
        .map(rows -> {
          List<Friend> friends = new ArrayList<>();
          rows.forEach(row -> friends.add(new Friend(row.getString("nickname"), row.getOffsetDateTime("joined_at"),
              row.getBoolean("paid"))));
          return friends;
        });
  }

  Future<Boolean> rewarded(SqlClient sql, UUID tenantId, UUID sharerMemberId) {
    return sql.preparedQuery("SELECT 1 FROM referral_rewards WHERE tenant_id = $1 AND sharer_member_id = $2")
        .execute(Tuple.of(tenantId, sharerMemberId)).map(rows -> rows.size() == 1);
  }

  Future<Optional<Payer>> payerOf(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT user_id, paid_at FROM diner_visits WHERE tenant_id = $1 AND payment_id = $2"
            + " AND user_id IS NOT NULL")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> Rows.first(rows, row -> new Payer(row.getUUID("user_id"), row.getOffsetDateTime("paid_at"))));
  }

  /** The diner's first payment at or after joining, as membership recorded it, if any. */
  Future<Optional<Payment>> firstPaymentSince(SqlClient sql, UUID tenantId, UUID userId, OffsetDateTime joinedAt) {
    return sql.preparedQuery("SELECT payment_id, paid_at FROM diner_visits WHERE tenant_id = $1 AND user_id = $2"
            + " AND paid_at >= $3 ORDER BY paid_at LIMIT 1")
        .execute(Tuple.of(tenantId, userId, joinedAt))
        .map(rows -> Rows.first(rows, row -> new Payment(row.getUUID("payment_id"), row.getOffsetDateTime("paid_at"))));
  }

  /** A payment, and when it was paid. */
  record Payment(UUID id, OffsetDateTime paidAt) {
  }

  /** The diner's counted referral that no payment completed yet, if they are such a friend. */
  Future<Optional<Open>> openReferralOf(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("""
            SELECT r.id, r.sharer_member_id
              FROM referrals r JOIN members m ON m.id = r.friend_member_id
             WHERE r.tenant_id = $1 AND m.user_id = $2 AND m.status = 'active' AND r.outcome = 'counted'
               AND r.first_paid_at IS NULL
            """)
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> Rows.first(rows, row -> new Open(row.getUUID("id"), row.getUUID("sharer_member_id"))));
  }

  /** Completes the referral with the friend's first payment after joining; false when it was completed before. */
  Future<Boolean> completed(SqlClient sql, UUID tenantId, UUID referralId, UUID paymentId, OffsetDateTime paidAt) {
    return sql.preparedQuery("""
            UPDATE referrals SET first_payment_id = $3, first_paid_at = $4
             WHERE tenant_id = $1 AND id = $2 AND first_paid_at IS NULL AND joined_at <= $4
            """)
        .execute(Tuple.of(tenantId, referralId, paymentId, paidAt)).map(rows -> rows.rowCount() == 1);
  }

  Future<Integer> successfulFor(SqlClient sql, UUID tenantId, UUID sharerMemberId) {
    return sql.preparedQuery("SELECT count(*) AS successful FROM referrals WHERE tenant_id = $1"
            + " AND sharer_member_id = $2 AND outcome = 'counted' AND first_paid_at IS NOT NULL")
        .execute(Tuple.of(tenantId, sharerMemberId))
        .map(rows -> rows.iterator().next().getLong("successful").intValue());
  }

  /** Claims the sharer's one reward; false when it was claimed before. */
  Future<Boolean> claimReward(SqlClient sql, UUID tenantId, UUID sharerMemberId, Instant now) {
    return sql.preparedQuery("""
            INSERT INTO referral_rewards (sharer_member_id, tenant_id, rewarded_at) VALUES ($2, $1, $3)
            ON CONFLICT (sharer_member_id) DO NOTHING
            """)
        .execute(Tuple.of(tenantId, sharerMemberId, utc(now))).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> rewardIssued(SqlClient sql, UUID tenantId, UUID sharerMemberId, UUID couponId, String notIssued) {
    return sql.preparedQuery("UPDATE referral_rewards SET coupon_id = $3, not_issued = $4"
            + " WHERE tenant_id = $1 AND sharer_member_id = $2")
        .execute(Tuple.of(tenantId, sharerMemberId, couponId, notIssued)).mapEmpty();
  }

  /** The member's poster code at the store, made on first ask. */
  Future<String> codeOf(SqlClient sql, UUID tenantId, UUID storeId, UUID memberId) {
    return sql.preparedQuery("""
            INSERT INTO referral_codes (code, tenant_id, store_id, member_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (store_id, member_id) DO NOTHING
            """)
        .execute(Tuple.of(newCode(), tenantId, storeId, memberId))
        .compose(made -> sql.preparedQuery("SELECT code FROM referral_codes WHERE store_id = $1 AND member_id = $2")
            .execute(Tuple.of(storeId, memberId)))
        .map(rows -> rows.iterator().next().getString("code"));
  }

  /** The store and sharer a poster's code names, from outside any tenant (a diner scanning it). */
  Future<Optional<CodeTarget>> codeTarget(SqlClient sql, String code) {
    return sql.preparedQuery("SELECT store_id, tenant_id, store_name, member_id FROM referral_code_target($1)")
        .execute(Tuple.of(code))
        .map(rows -> Rows.first(rows, Referrals::codeTarget));
  }

  private static CodeTarget codeTarget(Row row) {
    return new CodeTarget(row.getUUID("store_id"), row.getUUID("tenant_id"), row.getString("store_name"),
        row.getUUID("member_id"));
  }

  private static String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
