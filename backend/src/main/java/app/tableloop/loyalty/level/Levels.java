package app.tableloop.loyalty.level;

import app.tableloop.loyalty.level.DefaultLevels.Level;
import app.tableloop.platform.database.TransactionLocks;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's member levels (its own, or the built-in ones while it has none) and each member's level, kept on the
 * member as the rank their spend over the last 12 months reaches (membership's visits, refunds taken off). Whatever
 * recomputes ranks holds the tenant's rules for the transaction, so that a change of rules and a member's recompute
 * never cross with the old rules winning.
 */
public final class Levels {
  private final Clock clock;

  public Levels(Clock clock) {
    this.clock = clock;
  }

  /** The tenant's levels, lowest first. */
  public Future<List<Level>> of(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("""
            SELECT rank, name, min_spend_fen, member_prices, discount_percent, points_multiplier
              FROM loyalty_levels WHERE tenant_id = $1 ORDER BY rank
            """)
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          List<Level> levels = new ArrayList<>();
          rows.forEach(row -> levels.add(level(row)));
          return levels.isEmpty() ? DefaultLevels.ALL : List.copyOf(levels);
        });
  }

  /** The rank of the diner's level at the tenant; empty when they are not a member. */
  Future<Optional<Integer>> rankOfUser(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery(
            "SELECT level_rank FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'")
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getInteger("level_rank")));
  }

  /** Holds the tenant's rules until the transaction ends; a change of rules waits for it (and it for a change). */
  public Future<Void> holdRules(SqlClient sql, UUID tenantId) {
    return TransactionLocks.shared(sql, lockKey(tenantId));
  }

  /**
   * Replaces the tenant's levels with these (already checked by {@link LevelRules}) and puts every member at the level
   * their spend now reaches, in the caller's transaction.
   */
  public Future<Void> replace(SqlClient sql, UUID tenantId, List<Level> levels) {
    return lockRules(sql, tenantId)
        .compose(locked -> sql.preparedQuery("DELETE FROM loyalty_levels WHERE tenant_id = $1")
            .execute(Tuple.of(tenantId)))
        .compose(deleted -> sql.preparedQuery("""
                INSERT INTO loyalty_levels (tenant_id, rank, name, min_spend_fen, member_prices, discount_percent,
                                            points_multiplier)
                VALUES ($1, $2, $3, $4, $5, $6, $7::text::numeric)
                """)
            .executeBatch(levels.stream().map(level -> Tuple.of(tenantId, level.rank(), level.name(),
                level.minSpendFen(), level.memberPrices(), level.discountPercent(),
                level.pointsMultiplier().toPlainString())).toList()))
        .compose(inserted -> recompute(sql, tenantId, levels, Optional.empty()));
  }

  /**
   * Puts every active member of the tenant at the level their spend over the last 12 months reaches now: for those
   * whose older spend has left the 12 months, and those who joined with visits paid before joining.
   */
  Future<Void> recomputeAll(SqlClient sql, UUID tenantId) {
    return lockRules(sql, tenantId)
        .compose(locked -> of(sql, tenantId))
        .compose(levels -> recompute(sql, tenantId, levels, Optional.empty()));
  }

  /** Holds the tenant's rules alone: what recomputes every member waits for any other change of levels. */
  private Future<Void> lockRules(SqlClient sql, UUID tenantId) {
    return TransactionLocks.exclusive(sql, lockKey(tenantId));
  }

  /**
   * Puts the member (or, with none, every active member of the tenant) at the level their spend over the last 12
   * months reaches, under these levels; in one statement. Call it holding the rules ({@link #holdRules}).
   */
  public Future<Void> recompute(SqlClient sql, UUID tenantId, List<Level> levels, Optional<UUID> memberId) {
    OffsetDateTime since = clock.instant().atOffset(ZoneOffset.UTC).minusMonths(12);
    return sql.preparedQuery("""
            UPDATE members m
               SET level_rank = (
                   SELECT coalesce(max(l.rank), 0)
                     FROM unnest($3::integer[], $4::bigint[]) AS l (rank, min_spend_fen)
                    WHERE l.min_spend_fen <= coalesce(
                          (SELECT sum(v.amount_fen - v.refunded_fen) FROM diner_visits v
                            WHERE v.tenant_id = m.tenant_id AND v.user_id = m.user_id AND v.paid_at > $5), 0))
             WHERE m.tenant_id = $1 AND m.status = 'active' AND ($2::uuid IS NULL OR m.id = $2)
            """)
        .execute(Tuple.of(tenantId, memberId.orElse(null),
            levels.stream().map(Level::rank).toArray(Integer[]::new),
            levels.stream().map(Level::minSpendFen).toArray(Long[]::new), since))
        .mapEmpty();
  }

  /** What the diner spent at the tenant over the last 12 months, refunds taken off. */
  Future<Long> spendOfLastYear(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("""
            SELECT coalesce(sum(amount_fen - refunded_fen), 0) AS spend FROM diner_visits
             WHERE tenant_id = $1 AND user_id = $2 AND paid_at > $3
            """)
        .execute(Tuple.of(tenantId, userId, clock.instant().atOffset(ZoneOffset.UTC).minusMonths(12)))
        .map(rows -> rows.iterator().next().getLong("spend"));
  }

  private static String lockKey(UUID tenantId) {
    return "loyalty-levels:" + tenantId;
  }

  private static Level level(Row row) {
    return new Level(row.getInteger("rank"), row.getString("name"), row.getLong("min_spend_fen"),
        row.getBoolean("member_prices"), row.getInteger("discount_percent"), row.getBigDecimal("points_multiplier"));
  }
}
