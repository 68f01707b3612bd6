package app.tableloop.demo;

import app.tableloop.insight.suggestion.DishPairs;
import app.tableloop.menu.BusinessDay;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The demo restaurant's past year: regulars who paid for their meals at the counter on days long gone and then joined
 * the membership, so that every campaign card has someone to reach — repeat customers, customers asleep for months
 * with a big basket, new members, birthdays this week; some with marketing consent and a phone, some without. The past
 * meals are written directly (tab, order and its lines, payment, its ledger row and the diner's visit, all at their
 * past time), which keeps the seeding fast; each regular then joins through the service, whose bookkeeping counts
 * those visits into their statistics and records their consent, and their joining is dated back to when they joined.
 */
final class DemoHistory {
  /** Every past meal is bowls of the house noodle for the table, and on every other visit a 酸梅汤 as well. */
  static final DemoMenu.DemoDish BOWL = DemoMenu.BRAISED_BEEF;
  static final DemoMenu.DemoDish EXTRA = DemoMenu.PLUM_DRINK;

  /** A regular of the past year: their meals (days ago, how many bowls) and how they joined. */
  record Regular(String name, String phone, boolean marketing, int joinedDaysAgo, Integer birthdayInDays,
                 int bowls, List<Integer> visitedDaysAgo) {
    /** What the meal of their {@code visit}-th visit (from the first) cost. */
    long mealFen(int visit) {
      return bowls * BOWL.priceFen() + (visit % 2 == 1 ? EXTRA.priceFen() : 0);
    }

    int lastVisitDaysAgo() {
      return visitedDaysAgo.stream().mapToInt(Integer::intValue).min().orElseThrow();
    }
  }

  static final List<Regular> REGULARS = List.of(
      // Asleep for months, with a big basket: the win-back reaches them; only 周先生 may be texted.
      new Regular("周先生", "13700137001", true, 300, null, 7, List.of(330, 200, 90)),
      new Regular("郑女士", "13700137002", false, 250, null, 6, List.of(260, 120, 60)),
      new Regular("钱老板", null, true, 200, null, 8, List.of(210, 70)),
      // Asleep too, but with a small basket: below the median, so not worth a win-back coupon.
      new Regular("冯同学", "13700137004", true, 340, null, 1, List.of(350, 100)),
      // Comes every few weeks and has a birthday this week.
      new Regular("何阿姨", "13700137005", true, 180, 3, 2, List.of(180, 150, 120, 60, 30, 10, 3)),
      // Joined this month.
      new Regular("蒋先生", "13700137006", true, 12, null, 2, List.of(12)),
      new Regular("韩小姐", null, false, 5, 5, 3, List.of(20, 5)),
      // Last seen more than a year ago: beyond any win-back.
      new Regular("杨师傅", "13700137008", true, 420, null, 7, List.of(430, 400)));

  /** The one diner behind every walk-in meal (never a member), and how many days back the walk-ins go. */
  static final String WALK_IN = "演示散客";
  static final int WALK_IN_DAYS = 56;

  /** Past meals are at lunch, and a regular who joined on a day they ate joined after it. */
  private static final LocalTime LUNCH = LocalTime.of(12, 30);
  private static final LocalTime JOINED_AT = LocalTime.of(13, 30);

  private final Database database;
  private final DemoClient client;
  private final Clock clock;

  DemoHistory(Database database, DemoClient client, Clock clock) {
    this.database = database;
    this.client = client;
    this.clock = clock;
  }

  /** Each regular in turn: their past meals, then their joining, dated back; and the walk-ins of the last 8 weeks. */
  Future<Void> write(DemoRestaurant.Opened opened) {
    UUID tenantId = opened.restaurant().tenantId();
    UUID storeId = opened.store().id();
    UUID tableId = opened.restaurant().tables().get(0).id();
    String storePath = "/api/v1/stores/" + storeId;
    Future<Void> chain = client.signInWithOpenId(WALK_IN)
        .compose(walkIn -> database.inTenant(tenantId, sql -> {
          Future<Void> written = walkIns(sql, tenantId, storeId, tableId, opened.store().timeZone(),
              walkIn.openid(), DemoHistory::firstStoreTimes);
          for (int i = 0; i < opened.sisters().size(); i++) {
            DemoRestaurant.Sister sister = opened.sisters().get(i);
            Function<Integer, List<LocalTime>> times = SISTER_SCHEDULES.get(i);
            written = written.compose(done -> walkIns(sql, tenantId, sister.store().id(), sister.tableId(),
                sister.store().timeZone(), walkIn.openid(), times));
          }
          return written;
        }));
    for (Regular regular : REGULARS) {
      chain = chain.compose(done -> client.signInWithOpenId("演示食客-" + regular.name())
          .compose(diner -> database.inTenant(tenantId, sql -> meals(sql, tenantId, storeId, tableId,
                  opened.store().timeZone(), regular, diner.openid()))
              .compose(written -> join(storePath, diner.token(), regular, opened.store().timeZone()))
              .compose(joined -> database.inTenant(tenantId, sql -> sql.preparedQuery("""
                      UPDATE members SET joined_at = $3, last_active_at = greatest(coalesce(last_visit_at, $3), $3)
                       WHERE tenant_id = $1 AND id = $2
                      """)
                  .execute(Tuple.of(tenantId, UUID.fromString(joined.getString("id")),
                      utc(daysAgo(regular.joinedDaysAgo(), JOINED_AT, opened.store().timeZone()))))))
              .mapEmpty()));
    }
    return chain;
  }

  /**
   * The first store's walk-ins on a day so many days back: lunch and dinner every day, and now and then someone in the
   * afternoon, late in the evening or early for lunch, so that the order history shows the store's quiet hours.
   */
  static List<LocalTime> firstStoreTimes(int day) {
    List<LocalTime> times = new ArrayList<>(List.of(LocalTime.of(12, 0), LocalTime.of(18, 30)));
    if (day % 2 == 0) {
      times.add(LocalTime.of(11, 45));
    }
    if (day % 4 == 0) {
      times.add(LocalTime.of(15, 0));
    }
    if (day % 5 == 0) {
      times.add(LocalTime.of(20, 30));
    }
    return times;
  }

  /** The busier sister: lunch, two dinners, and in the last two weeks an early lunch too (it is growing). */
  static List<LocalTime> busySisterTimes(int day) {
    List<LocalTime> times = new ArrayList<>(List.of(LocalTime.of(12, 15), LocalTime.of(18, 0), LocalTime.of(19, 0)));
    if (day <= 14) {
      times.add(LocalTime.of(11, 30));
    }
    return times;
  }

  /** The quieter sister: a lunch a day until a month ago, every other day since (it is falling behind). */
  static List<LocalTime> quietSisterTimes(int day) {
    return day > 28 || day % 2 == 0 ? List.of(LocalTime.of(12, 30)) : List.of();
  }

  /** The walk-ins' schedule of each sister store, in the order of {@link DemoRestaurant#SISTERS}. */
  static final List<Function<Integer, List<LocalTime>>> SISTER_SCHEDULES = List.of(DemoHistory::busySisterTimes,
      DemoHistory::quietSisterTimes);

  /** The walk-ins of the last 8 weeks at a store, who never joined, at the times each day's schedule gives. */
  private Future<Void> walkIns(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId, ZoneId zone, String openid,
                               Function<Integer, List<LocalTime>> schedule) {
    Future<Void> chain = Future.succeededFuture();
    for (int day = 1; day <= WALK_IN_DAYS; day++) {
      for (LocalTime time : schedule.apply(day)) {
        Instant placed = daysAgo(day, time, zone);
        boolean lunch = time.getHour() < 14;
        chain = chain.compose(done -> meal(sql, tenantId, storeId, tableId, zone, openid, placed, lunch ? 1 : 2,
            !lunch, lunch ? "cash" : "card"));
      }
    }
    return chain;
  }

  /**
   * The regular's past meals, each paid at the counter (in cash or by card, which WeChat Pay's bills of those days
   * rightly do not list) and recorded by the demo cashier (the brand's one cashier also at the sister stores): tab,
   * order, payment, ledger row and visit.
   */
  private Future<Void> meals(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId, ZoneId zone, Regular regular,
                             String openid) {
    Future<Void> chain = Future.succeededFuture();
    List<Integer> days = new ArrayList<>(regular.visitedDaysAgo());
    for (int i = 0; i < days.size(); i++) {
      int visit = i;
      String method = visit % 2 == 0 ? "cash" : "card";
      Instant placed = daysAgo(days.get(visit), LUNCH, zone);
      chain = chain.compose(done -> meal(sql, tenantId, storeId, tableId, zone, openid, placed, regular.bowls(),
          visit % 2 == 1, method));
    }
    return chain;
  }

  private Future<Void> meal(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId, ZoneId zone, String openid,
                            Instant placed, int bowls, boolean extra, String method) {
    long amountFen = bowls * BOWL.priceFen() + (extra ? EXTRA.priceFen() : 0);
    UUID tab = UUID.randomUUID();
    UUID order = UUID.randomUUID();
    UUID payment = UUID.randomUUID();
    Instant paid = placed.plus(Duration.ofMinutes(2));
    Instant left = placed.plus(Duration.ofMinutes(45));
    String key = payment.toString().replace("-", "");
    return sql.preparedQuery("""
            INSERT INTO tabs (id, tenant_id, store_id, table_id, status, opened_at, last_activity_at, closed_at,
                              close_reason)
            VALUES ($1, $2, $3, $4, 'closed', $5, $6, $6, 'paid')
            """)
        .execute(Tuple.of(tab, tenantId, storeId, tableId, utc(placed), utc(left)))
        .compose(done -> sql.preparedQuery("""
                INSERT INTO orders (id, tenant_id, store_id, tab_id, table_id, number, business_date, status,
                                    head_count, total_fen, placed_by, idempotency_key, request_hash, placed_at,
                                    accepted_at, served_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'served', 2, $8, (SELECT id FROM users WHERE openid = $9),
                        $10, $11, $12, $13, $14)
                """)
            .execute(Tuple.from(List.of(order, tenantId, storeId, tab, tableId, "H" + key.substring(0, 6),
                BusinessDay.of(placed, zone), amountFen, openid, "demo-history-" + key,
                Buffer.buffer(key, StandardCharsets.UTF_8.name()), utc(placed),
                utc(paid), utc(placed.plus(Duration.ofMinutes(15)))))))
        .compose(done -> item(sql, tenantId, storeId, order, openid, BOWL, bowls, placed))
        .compose(done -> !extra ? Future.succeededFuture()
            : item(sql, tenantId, storeId, order, openid, EXTRA, 1, placed))
        .compose(done -> sql.preparedQuery("""
                INSERT INTO payments (id, tenant_id, store_id, order_id, out_trade_no, method, amount_fen, status,
                                      paid_at, recorded_by, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'paid', $8,
                        (SELECT user_id FROM staff_roles WHERE tenant_id = $2 AND role = 'staff'
                          ORDER BY store_id = $3 DESC LIMIT 1), $9)
                """)
            .execute(Tuple.from(List.of(payment, tenantId, storeId, order, "H" + key.substring(0, 30), method,
                amountFen, utc(paid), utc(placed)))))
        .compose(done -> sql.preparedQuery("UPDATE orders SET paid_by = $2 WHERE id = $1")
            .execute(Tuple.of(order, payment)))
        // Counted into 常一起点 as a paid order's event would count it.
        .compose(done -> DishPairs.count(sql, tenantId, List.of(order)))
        // Booked when it was paid, as the payment's recording books it: past days' settlements add up.
        .compose(done -> sql.preparedQuery("""
                INSERT INTO payment_ledger (tenant_id, store_id, payment_id, order_id, entry_key, kind, method,
                                            amount_fen, occurred_at, booked_at)
                VALUES ($1, $2, $3, $4, $5, 'payment', $6, $7, $8, $8)
                """)
            .execute(Tuple.of(tenantId, storeId, payment, order, "payment:" + payment, method, amountFen,
                utc(paid))))
        .compose(done -> sql.preparedQuery("""
                INSERT INTO diner_visits (payment_id, tenant_id, user_id, tab_id, store_id, paid_at, amount_fen,
                                          dishes)
                VALUES ($1, $2, (SELECT id FROM users WHERE openid = $3), $4, $5, $6, $7,
                        (SELECT jsonb_agg(jsonb_build_object('dish_id', i.dish_id, 'name', i.dish_name,
                                                             'quantity', i.quantity) ORDER BY i.dish_name)
                           FROM order_items i WHERE i.tenant_id = $2 AND i.order_id = $8))
                """)
            .execute(Tuple.from(List.of(payment, tenantId, openid, tab, storeId, utc(paid), amountFen, order))))
        .mapEmpty();
  }

  /** A line of the past order, at the menu's price, served a quarter of an hour after it was placed. */
  private static Future<Void> item(SqlClient sql, UUID tenantId, UUID storeId, UUID order, String openid,
                                   DemoMenu.DemoDish dish, int quantity, Instant placed) {
    return sql.preparedQuery("""
            INSERT INTO order_items (tenant_id, order_id, dish_id, dish_name, unit_price_fen, quantity, added_by,
                                     served_at)
            SELECT $1, $2, d.id, d.name, $4, $5, (SELECT id FROM users WHERE openid = $6), $7
              FROM dishes d WHERE d.tenant_id = $1 AND d.store_id = $8 AND d.name = $3
            """)
        .execute(Tuple.from(List.of(tenantId, order, dish.name(), dish.priceFen(), quantity, openid,
            utc(placed.plus(Duration.ofMinutes(15))), storeId)))
        .mapEmpty();
  }

  /** The regular joins through the join card, as a diner does: consent, maybe marketing, a phone and a birthday. */
  private Future<JsonObject> join(String storePath, String diner, Regular regular, ZoneId zone) {
    return client.get(storePath + "/membership", diner)
        .compose(card -> (regular.phone() == null ? Future.succeededFuture((String) null)
                : client.phoneCode(regular.phone()))
            .compose(phoneCode -> {
              JsonObject join = new JsonObject().put("consent", true)
                  .put("notice_version", card.getJsonObject("notice").getInteger("version"))
                  .put("marketing", regular.marketing()).put("nickname", regular.name());
              if (regular.birthdayInDays() != null) {
                join.put("birthday", LocalDate.ofInstant(clock.instant(), zone)
                    .plusDays(regular.birthdayInDays()).minusYears(35).toString());
              }
              if (phoneCode != null) {
                join.put("phone_code", phoneCode);
              }
              return client.post(storePath + "/membership", diner, join);
            }));
  }

  /** That time of the business day {@code days} before today's, in the store's zone. */
  private Instant daysAgo(int days, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(BusinessDay.of(clock.instant(), zone).minusDays(days), time, zone).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
