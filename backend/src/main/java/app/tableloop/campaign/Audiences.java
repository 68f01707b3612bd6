package app.tableloop.campaign;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who each campaign type reaches among the tenant's members, as one SQL predicate per type over {@code members m}:
 * the same predicate counts a card's audience and writes a launch's recipients, so what the owner saw is what goes out.
 * A member's average basket is what they spent over their visits. A campaign reaches the members of the stores it
 * names: those who paid at one of them (a welcome: who joined at one; a birthday: either).
 */
final class Audiences {
  /**
   * A type's predicate with its parameters numbered from the index the caller gave, and the occasion a member it holds
   * is reached for: the year of the birthday coming for a birthday campaign (greeted each year), '' for any other
   * (reached once).
   */
  record Predicate(String sql, String occasion, List<Object> values) {
  }

  /** The per-member threshold of a basket boost, in SQL: {@link CampaignRules#basketBoostThreshold} exactly. */
  static String basketBoostThreshold(String multiplier) {
    return "(((m.spend_fen / greatest(m.visits, 1)) * " + multiplier + " + 99) / 100 + 499) / 500 * 500";
  }

  /** The reward scaled to a threshold, in SQL: {@link CampaignRules#scaledReward} exactly. */
  static String scaledReward(String threshold, String rewardPercent) {
    return "greatest(" + CampaignRules.MIN_REWARD_FEN + ", ((" + threshold + ") * " + rewardPercent
        + " / 100 + 50) / 100 * 100)";
  }

  static Predicate predicate(CampaignType type, AudienceParams params, List<UUID> storeIds, Instant now,
                             LocalDate today, int first) {
    List<Object> values = new ArrayList<>();
    String birthdayYear = "(SELECT min(to_char(d, 'YYYY')) FROM generate_series($" + first + "::date, $" + first
        + "::date + $" + (first + 1) + "::int, interval '1 day') d"
        + " WHERE to_char(d, 'MMDD') = to_char(m.birthday, 'MMDD'))";
    String sql = switch (type) {
      case WIN_BACK -> {
        values.add(now.atOffset(ZoneOffset.UTC));
        values.add(params.minDays());
        values.add(params.maxDays());
        values.add(params.minAvgBasketFen());
        yield "m.visits > 0 AND m.last_visit_at <= $" + first + "::timestamptz"
            + " - make_interval(days => $" + (first + 1) + ")"
            + " AND m.last_visit_at >= $" + first + "::timestamptz"
            + " - make_interval(days => $" + (first + 2) + ")"
            + " AND m.spend_fen >= $" + (first + 3) + "::bigint * m.visits";
      }
      case BASKET_BOOST -> {
        values.add(params.minVisits());
        yield "m.visits >= $" + first;
      }
      case OFF_PEAK -> {
        values.add(CampaignRules.OFF_PEAK_MIN_VISITS);
        yield "m.visits >= $" + first;
      }
      case WELCOME -> {
        values.add(now.atOffset(ZoneOffset.UTC));
        values.add(params.joinedWithinDays());
        yield "m.joined_at >= $" + first + "::timestamptz - make_interval(days => $" + (first + 1) + ")";
      }
      case BIRTHDAY -> {
        values.add(today);
        values.add(params.daysBefore());
        yield "m.birthday IS NOT NULL AND to_char(m.birthday, 'MMDD') IN (SELECT to_char(d, 'MMDD')"
            + " FROM generate_series($" + first + "::date, $" + first + "::date + $" + (first + 1) + "::int,"
            + " interval '1 day') d)";
      }
    };
    String stores = "$" + (first + values.size()) + "::uuid[]";
    values.add(storeIds.toArray(UUID[]::new));
    String paidThere = "EXISTS (SELECT 1 FROM diner_visits v WHERE v.tenant_id = m.tenant_id AND v.user_id = m.user_id"
        + " AND v.store_id = ANY(" + stores + "))";
    String joinedThere = "m.joined_store_id = ANY(" + stores + ")";
    String atStores = switch (type) {
      case WELCOME -> joinedThere;
      case BIRTHDAY -> "(" + joinedThere + " OR " + paidThere + ")";
      default -> paidThere;
    };
    return new Predicate(sql + " AND " + atStores, type == CampaignType.BIRTHDAY ? birthdayYear : "''", values);
  }

  /**
   * The median of the average baskets of the members who paid at one of the stores (0 without any): the win-back's
   * default floor.
   */
  Future<Long> medianBasket(SqlClient sql, UUID tenantId, List<UUID> storeIds) {
    return sql.preparedQuery("""
            SELECT coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY m.spend_fen / m.visits), 0) AS median
              FROM members m
             WHERE m.tenant_id = $1 AND m.status = 'active' AND m.visits > 0
               AND EXISTS (SELECT 1 FROM diner_visits v
                            WHERE v.tenant_id = m.tenant_id AND v.user_id = m.user_id AND v.store_id = ANY($2))
            """)
        .execute(Tuple.from(List.of(tenantId, storeIds.toArray(UUID[]::new))))
        .map(rows -> rows.iterator().next().getLong("median"));
  }

  /**
   * The stores' quiet hours by {@link CampaignRules#quietHours}, from their paid bills (of orders or tabs; top-ups of
   * stored value are no meal) over the last {@link CampaignRules#OFF_PEAK_WEEKS} weeks, by hour of the launching
   * store's time zone.
   */
  Future<List<Integer>> quietHours(SqlClient sql, UUID tenantId, List<UUID> storeIds, ZoneId zone, Instant now) {
    return sql.preparedQuery("""
            SELECT extract(hour FROM p.paid_at AT TIME ZONE $3)::int AS hour, count(*) AS bills,
                   min(min(p.paid_at)) OVER () AS first_bill
              FROM payments p
             WHERE p.tenant_id = $1 AND p.store_id = ANY($2) AND p.status = 'paid' AND p.top_up_id IS NULL
               AND p.paid_at > $4::timestamptz - make_interval(weeks => $5) AND p.paid_at <= $4
             GROUP BY hour
            """)
        .execute(Tuple.of(tenantId, storeIds.toArray(UUID[]::new), zone.getId(), now.atOffset(ZoneOffset.UTC),
            CampaignRules.OFF_PEAK_WEEKS))
        .map(rows -> {
          Map<Integer, Long> billsByHour = new HashMap<>();
          Instant firstBill = null;
          for (Row row : rows) {
            billsByHour.put(row.getInteger("hour"), row.getLong("bills"));
            firstBill = row.getOffsetDateTime("first_bill").toInstant();
          }
          return CampaignRules.quietHours(billsByHour, firstBill, now);
        });
  }

  /** How many members the type reaches now, their average basket, and how many of them an SMS may reach. */
  Future<Audience> count(SqlClient sql, UUID tenantId, CampaignType type, AudienceParams params,
                         List<UUID> storeIds, Instant now, LocalDate today) {
    Predicate predicate = predicate(type, params, storeIds, now, today, 2);
    List<Object> values = new ArrayList<>();
    values.add(tenantId);
    values.addAll(predicate.values());
    return sql.preparedQuery("""
            SELECT count(*) AS members,
                   coalesce(sum(m.spend_fen) / nullif(sum(m.visits), 0), 0) AS avg_basket,
                   count(*) FILTER (WHERE m.marketing_consent AND m.phone_sealed IS NOT NULL) AS reachable
              FROM members m
             WHERE m.tenant_id = $1 AND m.status = 'active' AND\s""" + predicate.sql())
        .execute(Tuple.from(values))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Audience(row.getLong("members"), row.getLong("avg_basket"), row.getLong("reachable"));
        });
  }

  /** The distinct per-member thresholds of a basket boost's audience: each gets a coupon template of its own. */
  Future<List<Long>> basketBoostThresholds(SqlClient sql, UUID tenantId, AudienceParams params,
                                           List<UUID> storeIds, Instant now, LocalDate today) {
    Predicate predicate = predicate(CampaignType.BASKET_BOOST, params, storeIds, now, today, 3);
    List<Object> values = new ArrayList<>();
    values.add(tenantId);
    values.add(params.multiplierPercent());
    values.addAll(predicate.values());
    return sql.preparedQuery("SELECT DISTINCT " + basketBoostThreshold("$2::bigint") + " AS threshold"
            + " FROM members m WHERE m.tenant_id = $1 AND m.status = 'active' AND " + predicate.sql()
            + " ORDER BY threshold")
        .execute(Tuple.from(values))
        .map(rows -> {
          List<Long> thresholds = new ArrayList<>();
          rows.forEach(row -> thresholds.add(row.getLong("threshold")));
          return thresholds;
        });
  }

  /**
   * Writes a recipient row for every member the campaign reaches now, in one statement, each with the coupon
   * template of their offer; a member the campaign already holds for the same occasion is left as they are (the
   * unique key). Answers how many rows were written.
   */
  Future<Integer> enrol(SqlClient sql, UUID tenantId, UUID campaignId, CampaignType type, AudienceParams params,
                        List<UUID> storeIds, boolean perMember, Instant now, LocalDate today) {
    Predicate predicate = predicate(type, params, storeIds, now, today, 4);
    List<Object> values = new ArrayList<>();
    values.add(tenantId);
    values.add(campaignId);
    values.add(params.multiplierPercent());
    values.addAll(predicate.values());
    String offerMatch = perMember ? " AND o.threshold_fen = " + basketBoostThreshold("$3::bigint")
        : " AND $3::int IS NOT NULL";
    return sql.preparedQuery("""
            INSERT INTO campaign_recipients (campaign_id, tenant_id, member_id, template_id, occasion)
            SELECT $2, $1, m.id, o.template_id,\s""" + predicate.occasion() + "\n" + """
              FROM members m
              JOIN campaign_offers o ON o.tenant_id = $1 AND o.campaign_id = $2\s""" + offerMatch + "\n" + """
             WHERE m.tenant_id = $1 AND m.status = 'active' AND\s""" + predicate.sql() + "\n" + """
            ON CONFLICT (campaign_id, member_id, occasion) DO NOTHING
            """)
        .execute(Tuple.from(values))
        .map(rows -> rows.rowCount());
  }
}
