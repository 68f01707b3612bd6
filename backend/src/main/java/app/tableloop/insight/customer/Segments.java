package app.tableloop.insight.customer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The brand's active members with the segments each is in, by {@link Segment}'s definitions, in one SQL expression
 * that the counts, a segment's pages and one member's segment all read.
 */
final class Segments {
  /** A member in a segment's list: their visits, spend, last visit and level rank. */
  record Listed(UUID memberId, int visits, long spendFen, OffsetDateTime lastVisitAt, int levelRank) {
  }

  /**
   * Each active member of the tenant ($1) with a boolean column per segment, as of $2. The high-value rank is over the
   * members who visited within a year, by spend then id, so that equal spends still give a fixed top share.
   */
  private static final String FLAGGED = """
      WITH recent AS (
          SELECT m.id, m.visits, m.spend_fen, m.first_visit_at, m.last_visit_at, m.level_rank,
                 m.visits > 0 AND m.last_visit_at >= $2::timestamptz - make_interval(days => %4$d) AS within_year
            FROM members m
           WHERE m.tenant_id = $1 AND m.status = 'active'),
      ranked AS (
          SELECT r.*,
                 CASE WHEN r.within_year THEN row_number() OVER (PARTITION BY r.within_year
                                                                 ORDER BY r.spend_fen DESC, r.id) END AS spend_rank,
                 count(*) FILTER (WHERE r.within_year) OVER () AS within_year_count
            FROM recent r),
      flagged AS (
          SELECT k.id, k.visits, k.spend_fen, k.last_visit_at, k.level_rank,
                 k.visits > 0 AND k.first_visit_at >= $2::timestamptz - make_interval(days => %1$d) AS in_new,
                 k.visits >= %2$d AND k.last_visit_at > $2::timestamptz - make_interval(days => %3$d) AS in_regular,
                 k.within_year AND k.spend_fen > 0
                   AND k.spend_rank <= (k.within_year_count * %5$d + 99) / 100 AS in_high_value,
                 k.visits > 0 AND k.last_visit_at <= $2::timestamptz - make_interval(days => %3$d)
                   AND k.last_visit_at >= $2::timestamptz - make_interval(days => %4$d) AS in_sleeping,
                 k.visits > 0 AND k.last_visit_at < $2::timestamptz - make_interval(days => %4$d) AS in_lost
            FROM ranked k)
      """.formatted(Segment.NEW_DAYS, Segment.REGULAR_MIN_VISITS, Segment.SLEEPING_AFTER_DAYS,
      Segment.LOST_AFTER_DAYS, Segment.HIGH_VALUE_TOP_PERCENT);

  /** The active members, and how many are in each segment. */
  record Counts(long members, Map<Segment, Long> bySegment) {
  }

  Future<Counts> count(SqlClient sql, UUID tenantId, Instant now) {
    return sql.preparedQuery(FLAGGED + """
            SELECT count(*) AS members, count(*) FILTER (WHERE in_new) AS in_new,
                   count(*) FILTER (WHERE in_regular) AS in_regular,
                   count(*) FILTER (WHERE in_high_value) AS in_high_value,
                   count(*) FILTER (WHERE in_sleeping) AS in_sleeping, count(*) FILTER (WHERE in_lost) AS in_lost
              FROM flagged
            """)
        .execute(Tuple.of(tenantId, utc(now)))
        .map(rows -> {
          Row row = rows.iterator().next();
          Map<Segment, Long> counts = new EnumMap<>(Segment.class);
          for (Segment segment : Segment.values()) {
            counts.put(segment, row.getLong(column(segment)));
          }
          return new Counts(row.getLong("members"), counts);
        });
  }

  /** A page of the segment's members by spend, highest first, after the cursor. */
  Future<List<Listed>> page(SqlClient sql, UUID tenantId, Instant now, Segment segment, int limit,
                            Optional<SegmentCursor> after) {
    return sql.preparedQuery(FLAGGED + """
            SELECT id, visits, spend_fen, last_visit_at, level_rank FROM flagged
             WHERE\s""" + column(segment) + """
             AND ($4::bigint IS NULL OR (spend_fen, id) < ($4, $5::uuid))
             ORDER BY spend_fen DESC, id DESC LIMIT $3
            """)
        .execute(Tuple.of(tenantId, utc(now), limit, after.map(SegmentCursor::spendFen).orElse(null),
            after.map(SegmentCursor::memberId).orElse(null)))
        .map(rows -> {
          List<Listed> page = new ArrayList<>();
          rows.forEach(row -> page.add(new Listed(row.getUUID("id"), row.getInteger("visits"),
              row.getLong("spend_fen"), row.getOffsetDateTime("last_visit_at"), row.getInteger("level_rank"))));
          return page;
        });
  }

  /** The segments the member is in, and their level rank; empty when no active member has this id. */
  Future<Optional<Membership>> of(SqlClient sql, UUID tenantId, Instant now, UUID memberId) {
    return sql.preparedQuery(FLAGGED + """
            SELECT in_new, in_regular, in_high_value, in_sleeping, in_lost, level_rank FROM flagged WHERE id = $3
            """)
        .execute(Tuple.of(tenantId, utc(now), memberId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          Set<Segment> in = EnumSet.noneOf(Segment.class);
          for (Segment segment : Segment.values()) {
            if (row.getBoolean(column(segment))) {
              in.add(segment);
            }
          }
          return Optional.of(new Membership(in, row.getInteger("level_rank")));
        });
  }

  /** The segments a member is in and their level rank. */
  record Membership(Set<Segment> segments, int levelRank) {
  }

  /** The segment's column: named from the enum, never from the request. */
  private static String column(Segment segment) {
    return "in_" + segment.wireName();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
