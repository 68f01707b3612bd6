package app.tableloop.campaign;

import static app.tableloop.testing.Responses.ok;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Members with a history, and what owners do with campaigns. */
public final class CampaignSteps {
  private final RunningService service;
  private final Map<ARestaurant, String> visitOrders = new HashMap<>();

  public CampaignSteps(RunningService service) {
    this.service = service;
  }

  /** A diner who joined, with marketing consent and a phone when asked; answers their session token. */
  public String aMember(ARestaurant shop, String user, boolean marketing, String phone) {
    String diner = service.signInFrom("127.0.2." + (1 + Math.floorMod(user.hashCode(), 200)), user);
    int version = ok(service.get(shop.path("/membership"), diner)).getJsonObject("notice").getInteger("version");
    JsonObject join = new JsonObject().put("consent", true).put("notice_version", version).put("marketing", marketing);
    if (phone != null) {
      join.put("phone_code", service.simulator().miniProgram().phoneCode(phone));
    }
    ok(service.call(HttpMethod.POST, shop.path("/membership"), diner, join));
    return diner;
  }

  public String memberId(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getString("id");
  }

  /**
   * The member's history as the visit statistics keep it: visits, spend, last visit and joining, in days ago; with a
   * visit, their last one paid at the shop (what places them among the shop's members).
   */
  public void history(ARestaurant shop, String diner, int visits, long spendFen, int lastVisitDaysAgo,
                      int joinedDaysAgo) {
    String memberId = memberId(shop, diner);
    sql("UPDATE members SET visits = " + visits + ", spend_fen = " + spendFen
        + ", first_visit_at = " + (visits == 0 ? "NULL" : "now() - interval '" + joinedDaysAgo + " days'")
        + ", last_visit_at = " + (visits == 0 ? "NULL" : "now() - interval '" + lastVisitDaysAgo + " days'")
        + ", joined_at = now() - interval '" + joinedDaysAgo + " days'"
        + " WHERE id = '" + memberId + "'");
    if (visits > 0) {
      visitAt(shop, shop.store().id(), memberId, lastVisitDaysAgo, spendFen / visits);
    }
  }

  /**
   * A visit of the member paid at the store (the shop's or another of its brand) {@code daysAgo}, as membership records
   * one; its payment stays pending, so that the stores' bills (their quiet hours) are what {@link #paidBills} wrote.
   */
  public void visitAt(ARestaurant shop, UUID storeId, String memberId, int daysAgo, long amountFen) {
    visits(shop, storeId, "m.id = '" + memberId + "'", daysAgo, amountFen);
  }

  /** As {@link #visitAt}, a visit at the shop for each of its brand's members. */
  public void everyMemberVisited(ARestaurant shop, int daysAgo, long amountFen) {
    visits(shop, shop.store().id(), "m.tenant_id = '" + shop.store().tenantId() + "'", daysAgo, amountFen);
  }

  private void visits(ARestaurant shop, UUID storeId, String members, int daysAgo, long amountFen) {
    String order = visitOrders.computeIfAbsent(shop, store -> store.anOrderAwaitingPayment(
        "visits-" + UUID.randomUUID(), store.bootstrapped().tables().get(0).code(), 1).order());
    sql("""
        DO $$
        DECLARE
          member record;
          payment uuid;
        BEGIN
          FOR member IN SELECT m.tenant_id, m.user_id FROM members m WHERE m.user_id IS NOT NULL AND %s LOOP
            INSERT INTO payments (tenant_id, store_id, order_id, out_trade_no, method, amount_fen, recorded_by)
            SELECT o.tenant_id, '%s', o.id, replace(gen_random_uuid()::text, '-', ''), 'cash', %d, o.placed_by
              FROM orders o WHERE o.id = '%s'
            RETURNING id INTO payment;
            INSERT INTO diner_visits (payment_id, tenant_id, user_id, store_id, paid_at, amount_fen)
            VALUES (payment, member.tenant_id, member.user_id, '%s', now() - interval '%d days', %d);
          END LOOP;
        END $$""".formatted(members, storeId, amountFen, order, storeId, daysAgo, amountFen));
  }

  /** The member's birthday falls {@code days} from today (store time), thirty years ago. */
  public void birthdayIn(ARestaurant shop, String diner, int days) {
    LocalDate birthday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(days).minusYears(30);
    sql("UPDATE members SET birthday = '" + birthday + "' WHERE id = '" + memberId(shop, diner) + "'");
  }

  /**
   * {@code count} bills paid at the counter at {@code hour}:30 store time (Asia/Shanghai), spread over the days from
   * {@code fromDaysAgo} to {@code toDaysAgo}: the store's order history as payments keep it. They all pay one order
   * placed for the purpose, which is all the payments' history needs.
   */
  public void paidBills(ARestaurant shop, String order, int hour, int count, int fromDaysAgo, int toDaysAgo) {
    sql("""
        INSERT INTO payments (tenant_id, store_id, order_id, out_trade_no, method, amount_fen, status, paid_at,
                              recorded_by)
        SELECT o.tenant_id, o.store_id, o.id, replace(gen_random_uuid()::text, '-', ''), 'cash', 2000, 'paid',
               (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai')
                  - make_interval(days => %d + i * %d / %d) + make_interval(hours => %d, mins => 30))
                 AT TIME ZONE 'Asia/Shanghai',
               o.placed_by
          FROM orders o, generate_series(0, %d) i
         WHERE o.id = '%s'""".formatted(toDaysAgo, fromDaysAgo - toDaysAgo, count, hour, count - 1, order));
  }

  public HttpResponse<Buffer> launch(ARestaurant shop, String token, JsonObject body) {
    return service.call(HttpMethod.POST, shop.path("/campaigns"), token, body);
  }

  public static JsonObject launching(String type) {
    return new JsonObject().put("type", type).put("idempotency_key", "launch-" + UUID.randomUUID());
  }

  public JsonObject campaign(ARestaurant shop, String id) {
    return ok(service.get(shop.path("/campaigns/" + id), shop.owner()));
  }

  public long count(String sql) {
    return service.env().count(sql);
  }

  public void sql(String statement) {
    service.env().asOwner(sql -> sql.executeUpdate(statement));
  }
}
