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
  /** A period's stores ($1 tenant, $2 one store or null for all, $3..$4 first and last day, $5 day start) and bounds. */
  private static final String SCOPE = """
      scope AS (
          SELECT s.id, s.time_zone,
                 ($3::date + make_interval(secs => $5)) AT TIME ZONE s.time_zone AS t0,
                 ($4::date + 1 + make_interval(secs => $5)) AT TIME ZONE s.time_zone AS t1
            FROM stores s
           WHERE s.tenant_id = $1 AND ($2::uuid IS NULL OR s.id = $2::uuid))
      """;

  /**
   * The period's ledger movements, but duplicates: whether each is a top-up's, whether a payment is a bill of its own
   * (a held stored-value part is the bill of the WeChat payment that paid the rest with it), and its diner.
   */
  private static final String ENTRIES = "WITH " + SCOPE + """
      , entries AS (
          SELECT l.store_id, l.kind, l.method, l.amount_fen, l.occurred_at, sc.time_zone, l.payment_id, p.hold_id,
                 p.top_up_id IS NOT NULL AS top_up,
                 l.kind = 'payment' AND NOT EXISTS (SELECT 1 FROM payments w WHERE w.tenant_id = $1
                                                      AND w.hold_id = l.payment_id AND w.status = 'paid') AS bill,
                 v.user_id
            FROM scope sc
            JOIN payment_ledger l ON l.tenant_id = $1 AND l.store_id = sc.id
                                 AND l.occurred_at >= sc.t0 AND l.occurred_at < sc.t1
            JOIN payments p ON p.tenant_id = $1 AND p.id = l.payment_id
            LEFT JOIN diner_visits v ON v.tenant_id = $1 AND v.payment_id = l.payment_id
           WHERE NOT l.duplicate)
      """;

  /** Per store and for all of them together (the row whose store_id is null). */
  Future<List<BillFigures>> figures(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery(ENTRIES + """
            , diners AS (
                SELECT d.user_id,
                       NOT EXISTS (SELECT 1 FROM diner_visits f
                                    WHERE f.tenant_id = $1 AND f.user_id = d.user_id
                                      AND f.paid_at < (SELECT min(t0) FROM scope)) AS first_time
                  FROM (SELECT DISTINCT user_id FROM entries WHERE user_id IS NOT NULL AND NOT top_up) d)
            SELECT CASE WHEN grouping(e.store_id) = 0 THEN e.store_id END AS store_id,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.method <> 'stored_value'), 0) AS revenue_fen,
                   coalesce(sum(e.amount_fen) FILTER (WHERE NOT e.top_up), 0) AS sales_fen,
                   count(*) FILTER (WHERE e.bill AND NOT e.top_up) AS bills,
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
                                  WHERE o.tenant_id = $1 AND o.paid_by IN (e.payment_id, e.hold_id)) c
                     ON e.bill AND NOT e.top_up
             GROUP BY GROUPING SETS ((e.store_id), ())
            """)
        .execute(params(tenantId, storeId, period))
        .map(rows -> {
          List<BillFigures> figures = new ArrayList<>();
          rows.forEach(row -> figures.add(figures(row)));
          return figures;
        });
  }

  /** Per hour of the day (store time): bills paid and what they paid, before refunds. */
  Future<List<HourFigures>> hours(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery(ENTRIES + """
            SELECT extract(hour FROM e.occurred_at AT TIME ZONE e.time_zone)::integer AS hour,
                   count(*) FILTER (WHERE e.bill) AS bills, coalesce(sum(e.amount_fen), 0) AS paid_fen
              FROM entries e
             WHERE e.kind = 'payment' AND NOT e.top_up
             GROUP BY 1
            """)
        .execute(params(tenantId, storeId, period))
        .map(rows -> {
          List<HourFigures> hours = new ArrayList<>();
          for (int hour = 0; hour < 24; hour++) {
            hours.add(new HourFigures(hour, 0, 0));
          }
          rows.forEach(row -> hours.set(row.getInteger("hour"),
              new HourFigures(row.getInteger("hour"), row.getLong("bills"), row.getLong("paid_fen"))));
          return hours;
        });
  }

  /** Per business day of the period: the settlement's net and the bills paid. */
  Future<List<DayFigures>> daily(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery(ENTRIES + """
            SELECT ((e.occurred_at AT TIME ZONE e.time_zone) - make_interval(secs => $5))::date AS day,
                   coalesce(sum(e.amount_fen) FILTER (WHERE e.method <> 'stored_value'), 0) AS revenue_fen,
                   count(*) FILTER (WHERE e.bill AND NOT e.top_up) AS bills
              FROM entries e
             GROUP BY 1
            """)
        .execute(params(tenantId, storeId, period))
        .map(rows -> {
          java.util.Map<LocalDate, DayFigures> byDay = new java.util.HashMap<>();
          rows.forEach(row -> byDay.put(row.getLocalDate("day"),
              new DayFigures(row.getLocalDate("day"), row.getLong("revenue_fen"), row.getLong("bills"))));
          return period.days().stream().map(day -> byDay.getOrDefault(day, new DayFigures(day, 0, 0))).toList();
        });
  }

  /** The ten dishes ordered most on the period's bills, with what they sold for at their menu price. */
  Future<List<DishFigures>> topDishes(SqlClient sql, UUID tenantId, UUID storeId, Period period) {
    return sql.preparedQuery(ENTRIES + """
            SELECT i.dish_id, min(i.dish_name) AS name, sum(i.quantity) AS quantity,
                   sum(i.unit_price_fen * i.quantity) AS revenue_fen
              FROM entries e
              JOIN orders o ON o.tenant_id = $1 AND o.paid_by = e.payment_id
              JOIN order_items i ON i.tenant_id = $1 AND i.order_id = o.id
             WHERE e.kind = 'payment'
             GROUP BY i.dish_id
             ORDER BY quantity DESC, revenue_fen DESC, i.dish_id
             LIMIT 10
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
        row.getLong("bills"), row.getLong("orders"), row.getLong("covers"), row.getLong("new_diners"), row.getLong("new_fen"),
        row.getLong("returning_diners"), row.getLong("returning_visits"), row.getLong("returning_fen"),
        row.getLong("unknown_fen"), row.getLong("top_ups_fen"), row.getLong("stored_value_used_fen"),
        row.getLong("refund_count"), row.getLong("refund_fen"), row.getLong("wechat_count"),
        row.getLong("wechat_fen"), row.getLong("counter_count"), row.getLong("counter_fen"),
        row.getLong("stored_value_count"), row.getLong("stored_value_fen"));
  }
}
