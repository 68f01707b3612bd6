package app.tableloop.loyalty.points;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The points ledger and its lots. Every change of a member's points locks the member's row first (then their lots),
 * writes one ledger entry with its lines on the lots, and moves the lots' remaining points by those lines, in one
 * transaction: the balance (the ledger's sum) always equals what the lots hold.
 */
final class PointsLedger {
  /** A member locked for a change of their points, with the level they are at. */
  record LockedMember(UUID id, int levelRank, Instant joinedAt) {
  }

  /** What a paid payment was to the diner behind it (membership's record of the visit). */
  record Visit(UUID userId, long amountFen, Instant startedAt, Instant paidAt, ZoneId storeZone) {
  }

  /** Points that expire at one instant (the first at which they are no longer valid). */
  record Expiring(long points, Instant expiresAt) {
  }

  /** An entry of the member's history; an earn's or a clawback's order or tab paid. */
  record Entry(UUID id, String kind, long points, long shortfall, String reason, UUID orderId, UUID tabId,
               Instant at) {
  }

  /** A payment's earn: its lot, whose it is, how much, and what refunds clawed back of it so far (or found spent). */
  record Earn(UUID lotId, UUID memberId, long points, long clawedBack) {
  }

  Future<Optional<Visit>> visit(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("""
            SELECT v.user_id, v.amount_fen, p.created_at AS started_at, v.paid_at, s.time_zone
              FROM diner_visits v JOIN stores s ON s.id = v.store_id JOIN payments p ON p.id = v.payment_id
             WHERE v.tenant_id = $1 AND v.payment_id = $2
            """)
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> Rows.first(rows, row -> new Visit(row.getUUID("user_id"), row.getLong("amount_fen"),
            row.getOffsetDateTime("started_at").toInstant(), row.getOffsetDateTime("paid_at").toInstant(), ZoneId.of(row.getString("time_zone")))));
  }

  /** The diner's active member at the tenant. */
  Future<Optional<UUID>> memberOfUser(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'")
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> Rows.first(rows, row -> row.getUUID("id")));
  }

  Future<Optional<LockedMember>> lockMemberOfUser(SqlClient sql, UUID tenantId, UUID userId) {
    return lockMember(sql, tenantId, "user_id", userId);
  }

  Future<Optional<LockedMember>> lockMember(SqlClient sql, UUID tenantId, UUID memberId) {
    return lockMember(sql, tenantId, "id", memberId);
  }

  private Future<Optional<LockedMember>> lockMember(SqlClient sql, UUID tenantId, String column, UUID id) {
    return sql.preparedQuery("SELECT id, level_rank, joined_at FROM members"
            + " WHERE tenant_id = $1 AND " + column + " = $2 AND status = 'active' FOR UPDATE")
        .execute(Tuple.of(tenantId, id))
        .map(rows -> Rows.first(rows, row -> new LockedMember(row.getUUID("id"), row.getInteger("level_rank"),
            row.getOffsetDateTime("joined_at").toInstant())));
  }

  /** Locks (in id order, so that passes never deadlock) up to {@code limit} members who have lots due to expire. */
  Future<List<UUID>> lockMembersWithLotsDue(SqlClient sql, UUID tenantId, Instant now, int limit) {
    return sql.preparedQuery("""
            SELECT id FROM members
             WHERE tenant_id = $1
               AND id IN (SELECT member_id FROM points_lots
                           WHERE tenant_id = $1 AND remaining > 0 AND expires_at <= $2)
             ORDER BY id LIMIT $3
               FOR UPDATE
            """)
        .execute(Tuple.of(tenantId, utc(now), limit))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("id")));
          return ids;
        });
  }

  /**
   * Expires what is left of the locked members' lots that are due: one entry per member, a line per lot. Answers how
   * many lots expired.
   */
  Future<Integer> expireDue(SqlClient sql, UUID tenantId, List<UUID> memberIds, Instant now) {
    return sql.preparedQuery("""
            WITH due AS (
                SELECT id, member_id, remaining FROM points_lots
                 WHERE tenant_id = $1 AND member_id = ANY($2) AND remaining > 0 AND expires_at <= $3
                   FOR UPDATE),
            entries AS (
                INSERT INTO points_ledger (tenant_id, member_id, kind, points, reason, occurred_at)
                SELECT $1, member_id, 'expire', -sum(remaining), '积分过期', $3 FROM due GROUP BY member_id
                RETURNING id, member_id),
            lines AS (
                INSERT INTO points_lot_lines (entry_id, lot_id, tenant_id, points)
                SELECT e.id, d.id, $1, -d.remaining FROM due d JOIN entries e ON e.member_id = d.member_id)
            UPDATE points_lots l SET remaining = 0 FROM due WHERE l.id = due.id
            """)
        .execute(Tuple.of(tenantId, memberIds.toArray(UUID[]::new), utc(now)))
        .map(rows -> rows.rowCount());
  }

  /** Writes the earn of a payment as a new lot; answers its id. */
  Future<UUID> earn(SqlClient sql, UUID tenantId, UUID memberId, UUID paymentId, long points, Instant earnedAt,
                    Instant expiresAt) {
    return sql.preparedQuery("""
            WITH entry AS (
                INSERT INTO points_ledger (tenant_id, member_id, kind, points, reason, payment_id, occurred_at)
                VALUES ($1, $2, 'earn', $4, '消费得积分', $3, $5)
                RETURNING id),
            lot AS (
                INSERT INTO points_lots (id, tenant_id, member_id, points, remaining, earned_at, expires_at)
                SELECT id, $1, $2, $4, $4, $5, $6 FROM entry
                RETURNING id)
            INSERT INTO points_lot_lines (entry_id, lot_id, tenant_id, points)
            SELECT id, id, $1, $4 FROM lot
            RETURNING lot_id
            """)
        .execute(Tuple.of(tenantId, memberId, paymentId, points, utc(earnedAt), utc(expiresAt)))
        .map(rows -> rows.iterator().next().getUUID("lot_id"));
  }

  Future<Optional<Earn>> earnOf(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("""
            SELECT e.id, e.member_id, e.points,
                   (SELECT coalesce(sum(c.shortfall - c.points), 0) FROM points_ledger c
                     WHERE c.tenant_id = $1 AND c.payment_id = $2 AND c.kind = 'clawback') AS clawed_back
              FROM points_ledger e
             WHERE e.tenant_id = $1 AND e.payment_id = $2 AND e.kind = 'earn'
            """)
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> Rows.first(rows, row -> new Earn(row.getUUID("id"), row.getUUID("member_id"),
            row.getLong("points"), row.getLong("clawed_back"))));
  }

  /** What refunds of the payment gave back in all, as far as they succeeded. */
  Future<Long> refundedOf(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT coalesce(sum(amount_fen), 0) AS refunded FROM refunds"
            + " WHERE tenant_id = $1 AND payment_id = $2 AND status = 'succeeded'")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> rows.iterator().next().getLong("refunded"));
  }

  /** The member's lots with points left that have not expired, oldest-expiring first, locked. */
  Future<List<PointsRules.Lot>> openLots(SqlClient sql, UUID tenantId, UUID memberId, Instant now) {
    return sql.preparedQuery("""
            SELECT id, remaining FROM points_lots
             WHERE tenant_id = $1 AND member_id = $2 AND remaining > 0 AND expires_at > $3
             ORDER BY expires_at, id
               FOR UPDATE
            """)
        .execute(Tuple.of(tenantId, memberId, utc(now)))
        .map(rows -> {
          List<PointsRules.Lot> lots = new ArrayList<>();
          rows.forEach(row -> lots.add(new PointsRules.Lot(row.getUUID("id"), row.getLong("remaining"))));
          return lots;
        });
  }

  /** An entry that takes points from lots (a spend, or a clawback with its shortfall): answers its id. */
  Future<UUID> take(SqlClient sql, UUID tenantId, UUID memberId, String kind, PointsRules.Allocation allocation,
                    String reason, UUID paymentId, UUID refundId, Instant now) {
    UUID[] lots = allocation.takes().stream().map(PointsRules.Take::lotId).toArray(UUID[]::new);
    Long[] points = allocation.takes().stream().map(PointsRules.Take::points).toArray(Long[]::new);
    return sql.preparedQuery("""
            WITH entry AS (
                INSERT INTO points_ledger (tenant_id, member_id, kind, points, shortfall, reason, payment_id, refund_id,
                                           occurred_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                RETURNING id),
            taken AS (
                SELECT * FROM unnest($10::uuid[], $11::bigint[]) AS t (lot_id, points)),
            lines AS (
                INSERT INTO points_lot_lines (entry_id, lot_id, tenant_id, points)
                SELECT entry.id, taken.lot_id, $1, -taken.points FROM entry, taken),
            lots AS (
                UPDATE points_lots l SET remaining = l.remaining - taken.points
                  FROM taken WHERE l.tenant_id = $1 AND l.member_id = $2 AND l.id = taken.lot_id)
            SELECT id FROM entry
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, memberId, kind, -allocation.taken(),
            kind.equals("clawback") ? allocation.shortfall() : 0L, reason, paymentId, refundId, utc(now), lots,
            points)))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  /** The member's balance: the sum of their ledger. */
  Future<Long> balance(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT coalesce(sum(points), 0) AS balance FROM points_ledger"
            + " WHERE tenant_id = $1 AND member_id = $2")
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> rows.iterator().next().getLong("balance"));
  }

  /** The member's points by the day they expire, soonest first. */
  Future<List<Expiring>> expiring(SqlClient sql, UUID tenantId, UUID memberId, Instant now, int limit) {
    return sql.preparedQuery("""
            SELECT expires_at, sum(remaining) AS points FROM points_lots
             WHERE tenant_id = $1 AND member_id = $2 AND remaining > 0 AND expires_at > $3
             GROUP BY expires_at ORDER BY expires_at LIMIT $4
            """)
        .execute(Tuple.of(tenantId, memberId, utc(now), limit))
        .map(rows -> {
          List<Expiring> found = new ArrayList<>();
          rows.forEach(row -> found.add(new Expiring(row.getLong("points"),
              row.getOffsetDateTime("expires_at").toInstant())));
          return found;
        });
  }

  /** A page of the member's entries, newest first, after the entry {@code after} (the last of the page before). */
  Future<List<Entry>> history(SqlClient sql, UUID tenantId, UUID memberId, int limit, Optional<UUID> after) {
    return sql.preparedQuery("""
            SELECT e.id, e.kind, e.points, e.shortfall, e.reason, e.occurred_at, p.order_id, p.tab_id
              FROM points_ledger e LEFT JOIN payments p ON p.id = e.payment_id
             WHERE e.tenant_id = $1 AND e.member_id = $2
               AND ($4::uuid IS NULL OR e.seq < (SELECT seq FROM points_ledger WHERE tenant_id = $1 AND id = $4))
             ORDER BY e.seq DESC LIMIT $3
            """)
        .execute(Tuple.of(tenantId, memberId, limit, after.orElse(null)))
        .map(rows -> {
          List<Entry> page = new ArrayList<>();
          rows.forEach(row -> page.add(entry(row)));
          return page;
        });
  }

  private static Entry entry(Row row) {
    return new Entry(row.getUUID("id"), row.getString("kind"), row.getLong("points"), row.getLong("shortfall"),
        row.getString("reason"), row.getUUID("order_id"), row.getUUID("tab_id"),
        row.getOffsetDateTime("occurred_at").toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
