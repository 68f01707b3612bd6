package app.tableloop.insight;

import app.tableloop.menu.BusinessDay;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The paid bills of a period as the payment ledger books them, read for the insights. A period is business days
 * (04:00 to 04:00, as the daily settlement cuts them) in each store's own time zone; duplicate payments are left out
 * like the settlement leaves them out. Who paid a bill is what membership's visit records say.
 */
final class Bills {
  /** Which grouping set a row of {@link #read} is of: grouping(store_id, hour, day), one bit per column left out. */
  private static final int BY_STORE = 0b011;
  private static final int ALL = 0b111;
  private static final int BY_HOUR = 0b101;

  /** A period's stores ($1 tenant, $2 one store or null for all, $3 and $4 first and last day, $5 day start). */
  private static final String SCOPE = """
      scope AS (
          SELECT s.id, s.time_zone,
                 ($3::date + make_interval(secs => $5)) AT TIME ZONE s.time_zone AS t0,
                 ($4::date + 1 + make_interval(secs => $5)) AT TIME ZONE s.time_zone AS t1
            FROM stores s
           WHERE s.tenant_id = $1 AND ($2::uuid IS NULL OR s.id = $2::uuid))
      """;

  /**
   * The period's ledger movements, but duplicates: whether each is a top-up's (a top-up's money names no order or
   * tab), whether a payment is a bill of its own (a held stored-value part is the bill of the WeChat payment that paid
   * the rest with it), its diner, and its hour and business day in the store's time. Each look-up is a subquery per
   * movement, so that the work grows with the period's bills, not with the history.
   */
  private static final String ENTRIES = "WITH " + SCOPE + """
      , entries AS (
          SELECT l.store_id, l.kind, l.method, l.amount_fen, l.payment_id,
                 l.order_id IS NULL AND l.tab_id IS NULL AS top_up,
                 l.kind = 'payment'
                   AND (l.method <> 'stored_value'
                        OR (SELECT count(*) FROM payments w
                             WHERE w.tenant_id = $1 AND w.hold_id = l.payment_id AND w.status = 'paid') = 0) AS bill,
                 (SELECT v.user_id FROM diner_visits v WHERE v.tenant_id = $1 AND v.payment_id = l.payment_id)
                     AS user_id,
                 extract(hour FROM l.occurred_at AT TIME ZONE sc.time_zone)::integer AS hour,
                 ((l.occurred_at AT TIME ZONE sc.time_zone) - make_interval(secs => $5))::date AS day
            FROM scope sc
            JOIN payment_ledger l ON l.tenant_id = $1 AND l.store_id = sc.id
                                 AND l.occurred_at >= sc.t0 AND l.occurred_at < sc.t1
           WHERE NOT l.duplicate)
      """;

  /** What {@link #read} answers: the figures per store and for all (store_id null), per hour, per business day. */
  record Book(List<BillFigures> figures, List<HourFigures> hours, List<DayFigures> daily) {
  }

  /** The period's figures, hours and days, in one pass over its ledger movements. */
  Future<Book> read(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery(ENTRIES + """
            , diners AS (
                SELECT d.user_id,
                       NOT EXISTS (SELECT 1 FROM diner_visits f
                                    WHERE f.tenant_id = $1 AND f.user_id = d.user_id
                                      AND f.paid_at < (SELECT min(t0) FROM scope)) AS first_time
                  FROM (SELECT DISTINCT user_id FROM entries WHERE user_id IS NOT NULL AND NOT top_up) d)
            SELECT grouping(e.store_id, e.hour, e.day) AS grouped, e.store_id, e.hour, e.day,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.method <> 'stored_value'), 0) AS revenue_fen,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up), 0) AS sales_fen,
                   count(*) FILTER (WHERE e.bill AND NOT e.top_up) AS bills,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'payment' AND NOT e.top_up), 0) AS paid_fen,
                   coalesce(sum(c.orders), 0) AS orders,
                   coalesce(sum(c.covers), 0) AS covers,
                   count(DISTINCT e.user_id) FILTER (WHERE e.bill AND NOT e.top_up AND d.first_time) AS new_diners,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up AND d.first_time), 0) AS new_fen,
                   count(DISTINCT e.user_id) FILTER (WHERE e.bill AND NOT e.top_up AND NOT d.first_time)
                       AS returning_diners,
                   count(*) FILTER (WHERE e.bill AND NOT e.top_up AND NOT d.first_time) AS returning_visits,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up AND NOT d.first_time), 0) AS returning_fen,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up AND e.user_id IS NULL), 0) AS unknown_fen,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.top_up), 0) AS top_ups_fen,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up AND e.method = 'stored_value'), 0)
                       AS stored_value_used_fen,
                   count(*) FILTER (WHERE NOT e.top_up AND e.kind = 'refund') AS refund_count,
                   coalesce(-sum(e.amount_fen) FILTER (WHERE NOT e.top_up AND e.kind = 'refund'), 0) AS refund_fen,
                   count(*) FILTER (WHERE NOT e.top_up AND e.kind = 'payment' AND e.method = 'wechat') AS wechat_count,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up AND e.kind = 'payment'
                                                       AND e.method = 'wechat'), 0) AS wechat_fen,
                   count(*) FILTER (WHERE e.kind = 'payment' AND e.method IN ('cash', 'card', 'other'))
                       AS counter_count,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'payment'
                                                       AND e.method IN ('cash', 'card', 'other')), 0) AS counter_fen,
                   count(*) FILTER (WHERE e.kind = 'payment' AND e.method = 'stored_value') AS stored_value_count,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'payment' AND e.method = 'stored_value'), 0)
                       AS stored_value_fen
              FROM entries e
              LEFT JOIN diners d ON d.user_id = e.user_id
              LEFT JOIN LATERAL (SELECT count(*) AS orders, max(o.head_count) AS covers FROM orders o
                                  WHERE o.tenant_id = $1 AND o.paid_by = e.payment_id) c
                     ON e.bill AND NOT e.top_up
             GROUP BY GROUPING SETS ((e.store_id), (), (e.hour), (e.day))
            """)
        .execute(params(tenantId, storeId, period))
        .map(rows -> {
          List<BillFigures> figures = new ArrayList<>();
          List<HourFigures> hours = new ArrayList<>();
          for (int hour = 0; hour < 24; hour++) {
            hours.add(new HourFigures(hour, 0, 0));
          }
          java.util.Map<LocalDate, DayFigures> byDay = new java.util.HashMap<>();
          for (Row row : rows) {
            switch (row.getInteger("grouped")) {
              case BY_STORE, ALL -> figures.add(figures(row));
              case BY_HOUR -> hours.set(row.getInteger("hour"),
                  new HourFigures(row.getInteger("hour"), row.getLong("bills"), row.getLong("paid_fen")));
              default -> byDay.put(row.getLocalDate("day"),
                  new DayFigures(row.getLocalDate("day"), row.getLong("revenue_fen"), row.getLong("bills")));
            }
          }
          return new Book(figures, hours, period.days().stream()
              .map(day -> byDay.getOrDefault(day, new DayFigures(day, 0, 0))).toList());
        });
  }

  /** Each store's revenue in the period (what the settlement nets), for comparing with the period before. */
  Future<java.util.Map<UUID, Long>> revenue(SqlClient sql, UUID tenantId, Period period) {
    return sql.preparedQuery("WITH " + SCOPE + """
            SELECT l.store_id, coalesce(sum(l.amount_fen) FILTER (WHERE l.method <> 'stored_value'), 0) AS revenue_fen
              FROM scope sc
              JOIN payment_ledger l ON l.tenant_id = $1 AND l.store_id = sc.id
                                   AND l.occurred_at >= sc.t0 AND l.occurred_at < sc.t1
             WHERE NOT l.duplicate
             GROUP BY l.store_id
            """)
        .execute(params(tenantId, null, period))
        .map(rows -> {
          java.util.Map<UUID, Long> revenue = new java.util.HashMap<>();
          rows.forEach(row -> revenue.put(row.getUUID("store_id"), row.getLong("revenue_fen")));
          return revenue;
        });
  }

  /**
   * The ten dishes ordered most on the period's bills, with what they sold for at their menu price, named as on the
   * menu now. Each bill's items are read by its own look-up (OFFSET 0 keeps it one), from the indexes alone, so that
   * no plan reads every order of the history.
   */
  Future<List<DishFigures>> topDishes(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery(ENTRIES + """
            , sold AS (
                SELECT i.dish_id, sum(i.quantity) AS quantity, sum(i.unit_price_fen * i.quantity) AS revenue_fen
                  FROM entries e
                 CROSS JOIN LATERAL (
                       SELECT i.dish_id, i.quantity, i.unit_price_fen
                         FROM orders o JOIN order_items i ON i.tenant_id = $1 AND i.order_id = o.id
                        WHERE o.tenant_id = $1 AND o.paid_by = e.payment_id
                       OFFSET 0) i
                 WHERE e.kind = 'payment' AND NOT e.top_up
                 GROUP BY i.dish_id
                 ORDER BY quantity DESC, revenue_fen DESC, i.dish_id
                 LIMIT 10)
            SELECT s.dish_id, d.name, s.quantity, s.revenue_fen
              FROM sold s JOIN dishes d ON d.tenant_id = $1 AND d.id = s.dish_id
             ORDER BY s.quantity DESC, s.revenue_fen DESC, s.dish_id
            """)
        .execute(params(tenantId, storeId, period))
        .map(rows -> {
          List<DishFigures> dishes = new ArrayList<>();
          rows.forEach(row -> dishes.add(new DishFigures(row.getUUID("dish_id"), row.getString("name"),
              row.getLong("quantity"), row.getLong("revenue_fen"))));
          return dishes;
        });
  }

  /** Members who joined at the stores in the period, per staff member who recruited them (null: on their own). */
  Future<List<Recruits>> membersJoined(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery("WITH " + SCOPE + """
            SELECT m.recruited_by, count(*) AS members
              FROM scope sc
              JOIN members m ON m.tenant_id = $1 AND m.joined_store_id = sc.id
                            AND m.joined_at >= sc.t0 AND m.joined_at < sc.t1
             GROUP BY m.recruited_by
             ORDER BY members DESC, m.recruited_by NULLS FIRST
            """)
        .execute(params(tenantId, storeId, period))
        .map(rows -> {
          List<Recruits> recruits = new ArrayList<>();
          rows.forEach(row -> recruits.add(new Recruits(row.getUUID("recruited_by"), row.getLong("members"))));
          return recruits;
        });
  }

  record HourFigures(int hour, long bills, long paidFen) {
  }

  record DayFigures(LocalDate date, long revenueFen, long bills) {
  }

  record DishFigures(UUID dishId, String name, long quantity, long revenueFen) {
  }

  record Recruits(UUID userId, long members) {
  }

  private static Tuple params(UUID tenantId, UUID storeId, Period period) {
    return Tuple.from(Arrays.asList(tenantId, storeId, period.from(), period.to(),
        BusinessDay.STARTS_AT.toSecondOfDay()));
  }

  private static BillFigures figures(Row row) {
    return new BillFigures(row.getUUID("store_id"), row.getLong("revenue_fen"), row.getLong("sales_fen"),
        row.getLong("bills"), row.getLong("orders"), row.getLong("covers"), row.getLong("new_diners"),
        row.getLong("new_fen"), row.getLong("returning_diners"), row.getLong("returning_visits"),
        row.getLong("returning_fen"),
        row.getLong("unknown_fen"), row.getLong("top_ups_fen"), row.getLong("stored_value_used_fen"),
        row.getLong("refund_count"), row.getLong("refund_fen"), row.getLong("wechat_count"),
        row.getLong("wechat_fen"), row.getLong("counter_count"), row.getLong("counter_fen"),
        row.getLong("stored_value_count"), row.getLong("stored_value_fen"));
  }
}
