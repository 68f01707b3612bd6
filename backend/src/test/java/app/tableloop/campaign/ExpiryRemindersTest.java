package app.tableloop.campaign;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.campaign.reminder.ExpiryReminderRules;
import app.tableloop.campaign.reminder.ExpiryReminding;
import app.tableloop.membership.MemberSteps;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 到期提醒: a usable coupon near its end and points near their expiry are each told once in the member's message box,
 * however many passes race; nothing for used, expired or far-off coupons; nothing while the brand switched it off;
 * and each brand's reminders and count are its own.
 */
class ExpiryRemindersTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static RunningService service;
  static CampaignSteps steps;
  static MemberSteps members;

  @BeforeAll
  static void start() {
    service = RunningService.start(ExpiryRemindersTest.class);
    steps = new CampaignSteps(service);
    members = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static int remind() {
    return service.<Integer>runJob(ExpiryReminding.REMIND_NOW);
  }

  @Test
  void eachCouponAndEachPointsExpiryDayIsRemindedOnceHoweverManyPassesRace() {
    ARestaurant shop = ARestaurant.payFirst(service, "提醒面馆", "T1-T2", 8800);
    String diner = steps.aMember(shop, "reminded-" + UUID.randomUUID(), false, null);
    String member = steps.memberId(shop, diner);
    // Two lots ending the same day (told together), one with nothing left, one far off.
    IntStream.range(0, 4).forEach(i -> members.paidOrder(shop, diner, i % 2 == 0 ? "T1" : "T2", 1 + i));
    service.eventsHandled();
    assertThat(steps.count("SELECT count(*) FROM points_lots WHERE member_id = '" + member + "'")).isEqualTo(4);
    Instant ends = LocalDate.now(SHANGHAI).plusDays(5).atStartOfDay(SHANGHAI).toInstant();
    String nth = "SELECT id, row_number() OVER (ORDER BY points) AS n FROM points_lots WHERE member_id = '" + member
        + "'";
    steps.sql("UPDATE points_lots l SET expires_at = '" + ends + "' FROM (" + nth + ") o WHERE l.id = o.id AND o.n <= 3");
    steps.sql("UPDATE points_lots l SET remaining = 0 FROM (" + nth + ") o WHERE l.id = o.id AND o.n = 3");
    steps.sql("UPDATE points_lots l SET expires_at = now() + interval '20 days' FROM (" + nth + ") o"
        + " WHERE l.id = o.id AND o.n = 4");
    long points = steps.count("SELECT sum(l.remaining) FROM points_lots l JOIN (" + nth + ") o ON o.id = l.id"
        + " WHERE o.n <= 2");
    String soon = coupon(shop, member, "2 days", false);
    coupon(shop, member, "2 days", true);
    coupon(shop, member, "-1 hour", false);
    coupon(shop, member, "10 days", false);

    List<CompletableFuture<Integer>> racing = IntStream.range(0, 4)
        .mapToObj(i -> CompletableFuture.supplyAsync(ExpiryRemindersTest::remind)).toList();
    int written = racing.stream().mapToInt(CompletableFuture::join).sum();

    assertThat(written).as("one coupon and one points day, written once between the racing passes").isEqualTo(2);
    assertThat(remind()).as("nothing is told twice").isZero();
    JsonArray box = ok(service.get(shop.path("/messages"), diner)).getJsonArray("items");
    assertThat(box).hasSize(2);
    List<String> bodies = box.stream().map(item -> ((JsonObject) item).getString("body")).toList();
    LocalDate couponDay = LocalDate.ofInstant(Instant.now().plusSeconds(2 * 86_400 - 60), SHANGHAI);
    assertThat(bodies).contains("您的 ¥20 满减券将于 " + couponDay.getMonthValue() + "月" + couponDay.getDayOfMonth()
        + "日 到期，记得来店使用");
    LocalDate pointsDay = LocalDate.now(SHANGHAI).plusDays(4);
    assertThat(bodies).contains("您有 " + points + " 积分将于 " + pointsDay.getMonthValue() + "月"
        + pointsDay.getDayOfMonth() + "日 到期，可用积分兑换优惠券");
    assertThat(box.stream().map(item -> ((JsonObject) item).getString("coupon_id")).toList()).contains(soon);
    assertThat(service.get(shop.path("/messages/banner"), diner).statusCode())
        .as("the banner at the next scan is for campaigns").isEqualTo(204);

    JsonObject state = ok(service.get(shop.path("/expiry-reminders"), shop.owner()));
    assertThat(state.getBoolean("active")).isTrue();
    assertThat(state.getLong("reminded_this_week")).isEqualTo(1);
    assertThat(state.getString("summary")).isEqualTo("到期提醒：本周已提醒 1 位会员");
  }

  @Test
  void aBrandThatSwitchedRemindersOffIsToldNothingAndAnotherBrandKeepsItsOwn() {
    ARestaurant off = ARestaurant.payFirst(service, "关提醒面馆", "O1", 2000);
    ARestaurant on = ARestaurant.payFirst(service, "开提醒面馆", "N1", 2000);
    String quiet = steps.aMember(off, "quiet-" + UUID.randomUUID(), false, null);
    String told = steps.aMember(on, "told-" + UUID.randomUUID(), false, null);
    coupon(off, steps.memberId(off, quiet), "1 day", false);
    String toldCoupon = coupon(on, steps.memberId(on, told), "1 day", false);

    JsonObject switched = ok(service.call(HttpMethod.PUT, off.path("/expiry-reminders"), off.owner(),
        new JsonObject().put("active", false)));
    assertThat(switched.getString("summary")).isEqualTo("到期提醒：已关闭");
    remind();

    assertThat(ok(service.get(off.path("/messages"), quiet)).getJsonArray("items")).isEmpty();
    JsonArray box = ok(service.get(on.path("/messages"), told)).getJsonArray("items");
    assertThat(box).singleElement().matches(item -> ((JsonObject) item).getString("coupon_id").equals(toldCoupon));
    assertThat(ok(service.get(off.path("/expiry-reminders"), off.owner())).getLong("reminded_this_week")).isZero();
    assertThat(ok(service.get(on.path("/expiry-reminders"), on.owner())).getLong("reminded_this_week")).isEqualTo(1);
    assertThat(service.get(off.path("/expiry-reminders"), on.owner()).statusCode())
        .as("another brand's owner learns nothing of it").isIn(403, 404);
    assertThat(service.get(off.path("/expiry-reminders"), off.staff()).statusCode()).isEqualTo(403);
    assertThat(problem(service.call(HttpMethod.PUT, off.path("/expiry-reminders"), off.owner(),
        new JsonObject().put("active", "yes")), 400)).isNotBlank();

    ok(service.call(HttpMethod.PUT, off.path("/expiry-reminders"), off.owner(), new JsonObject().put("active", true)));
    remind();
    assertThat(ok(service.get(off.path("/messages"), quiet)).getJsonArray("items")).as("on again: told")
        .hasSize(1);
  }

  @Test
  void theReminderWordsNameTheCouponAndTheLastDayInStoreTime() {
    assertThat(ExpiryReminderRules.couponName(app.tableloop.loyalty.coupon.CouponTerms.Kind.PERCENT_OFF, 0, null, 20))
        .isEqualTo("8折券");
    assertThat(ExpiryReminderRules.couponName(app.tableloop.loyalty.coupon.CouponTerms.Kind.AMOUNT_OFF, 0, 1050L,
        null)).isEqualTo("¥10.50 无门槛券");
    Instant midnight = LocalDate.of(2026, 12, 6).atStartOfDay(SHANGHAI).toInstant();
    assertThat(ExpiryReminderRules.couponText("¥20 满减券", midnight, SHANGHAI))
        .isEqualTo("您的 ¥20 满减券将于 12月5日 到期，记得来店使用");
    assertThat(ExpiryReminderRules.weekStart(Instant.parse("2026-12-06T17:00:00Z"), SHANGHAI))
        .as("Monday 7 December has begun in Shanghai: this week starts then")
        .isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
    assertThat(ExpiryReminderRules.weekStart(Instant.parse("2026-12-06T15:00:00Z"), SHANGHAI))
        .isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
  }

  /** A ¥20-off coupon of the member's ending {@code endsIn} from now (used, when {@code used}); answers its id. */
  private static String coupon(ARestaurant shop, String member, String endsIn, boolean used) {
    String tenant = shop.bootstrapped().tenantId().toString();
    String template = UUID.randomUUID().toString();
    String coupon = UUID.randomUUID().toString();
    steps.sql("INSERT INTO coupon_templates (id, tenant_id, name, kind, threshold_fen, amount_off_fen, validity_kind,"
        + " valid_days) VALUES ('" + template + "', '" + tenant + "', '满100减20', 'amount_off', 10000, 2000, 'days', 7)");
    steps.sql("INSERT INTO coupons (id, tenant_id, template_id, member_id, source, valid_from, valid_until)"
        + " VALUES ('" + coupon + "', '" + tenant + "', '" + template + "', '" + member + "', 'owner',"
        + " now() - interval '7 days', now() + interval '" + endsIn + "')");
    if (used) {
      steps.sql("UPDATE coupons SET used_at = now(), order_id = (SELECT id FROM orders WHERE tenant_id = '" + tenant
          + "' LIMIT 1) WHERE id = '" + coupon + "'");
    }
    return coupon;
  }
}
