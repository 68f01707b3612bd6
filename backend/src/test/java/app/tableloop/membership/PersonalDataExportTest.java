package app.tableloop.membership;

import static app.tableloop.membership.MemberSteps.consent;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member's export and the owner's carry what the other features hold about members (coupons, points, stored value,
 * referrals, messages, subscriptions), each member's rows only; leaving erases their message box and their unused
 * subscriptions, and leaves the other member's.
 */
class PersonalDataExportTest {
  private static final List<String> SECTIONS = List.of("coupons", "points", "stored_value", "referrals",
      "referral_reward", "messages", "campaigns_reached", "subscriptions", "subscribe_messages");

  static RunningService service;
  static MemberSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(PersonalDataExportTest.class);
    steps = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void eachMemberExportsTheirOwnRowsOfEverySectionAndLeavingErasesTheirMessagesAndSubscriptions() {
    ARestaurant shop = ARestaurant.payFirst(service, "导出面馆", "E1-E2", 3000);
    String sharer = aPayingMember(shop, "sharer-" + UUID.randomUUID(), "E1");
    String friend = aPayingMember(shop, "friend-" + UUID.randomUUID(), "E2");
    String sharerId = memberId(shop, sharer);
    String friendId = memberId(shop, friend);
    service.eventsHandled();
    String sharerCoupon = rowsOf(shop, sharerId, "分享者的消息");
    String friendCoupon = rowsOf(shop, friendId, "好友的消息");
    sql("INSERT INTO referrals (tenant_id, sharer_member_id, friend_member_id, sharer_key, friend_key, outcome,"
        + " joined_at) VALUES ('" + tenant(shop) + "', '" + sharerId + "', '" + friendId + "', '\\x01', '\\x02',"
        + " 'counted', now())");
    String campaign = UUID.randomUUID().toString();
    sql("INSERT INTO campaigns (id, tenant_id, store_id, store_ids, type, title, status, offer, params, message,"
        + " starts_at, idempotency_key) VALUES ('" + campaign + "', '" + tenant(shop) + "', '" + shop.store().id()
        + "', ARRAY['" + shop.store().id() + "'::uuid], 'win_back', '唤醒沉睡顾客', 'finished', '{}', '{}', '好久不见',"
        + " now(), 'export-" + campaign + "')");
    for (String member : List.of(sharerId, friendId)) {
      sql("INSERT INTO campaign_recipients (campaign_id, tenant_id, member_id, template_id) VALUES ('" + campaign
          + "', '" + tenant(shop) + "', '" + member + "', gen_random_uuid())");
    }
    sql("INSERT INTO referral_rewards (sharer_member_id, tenant_id, rewarded_at, not_issued) VALUES ('" + sharerId
        + "', '" + tenant(shop) + "', now(), 'no_template')");

    JsonObject mine = ok(service.get(shop.path("/membership/export"), sharer));
    assertThat(mine.fieldNames()).containsAll(SECTIONS);
    assertThat(mine.getJsonArray("coupons")).singleElement()
        .matches(coupon -> ((JsonObject) coupon).getString("id").equals(sharerCoupon));
    assertThat(mine.getJsonArray("points")).singleElement()
        .matches(entry -> ((JsonObject) entry).getString("kind").equals("earn"));
    assertThat(mine.getJsonArray("stored_value")).singleElement()
        .matches(entry -> ((JsonObject) entry).getString("reason").equals("分享者的消息"));
    assertThat(mine.getJsonArray("messages")).singleElement()
        .matches(message -> ((JsonObject) message).getString("body").equals("分享者的消息"));
    assertThat(mine.getJsonArray("subscriptions")).singleElement()
        .matches(grant -> ((JsonObject) grant).getString("result").equals("accept"));
    assertThat(mine.getJsonArray("referrals")).singleElement()
        .matches(referral -> ((JsonObject) referral).getString("role").equals("sharer"));
    assertThat(mine.getJsonArray("referral_reward")).hasSize(1);
    assertThat(mine.getJsonArray("campaigns_reached")).singleElement()
        .matches(reached -> ((JsonObject) reached).getString("title").equals("唤醒沉睡顾客"));
    assertThat(mine.getJsonArray("subscribe_messages")).singleElement()
        .matches(message -> ((JsonObject) message).getString("template_id").equals("tpl-" + sharerId));
    assertThat(SECTIONS).allSatisfy(section -> assertThat(mine.getJsonArray(section)).as(section).isNotEmpty());
    assertThat(mine.encode()).as("nothing of the friend's").doesNotContain(friendCoupon).doesNotContain("好友的消息")
        .doesNotContain(friendId);

    JsonObject theirs = ok(service.get(shop.path("/membership/export"), friend));
    assertThat(theirs.getJsonArray("referrals")).singleElement()
        .matches(referral -> ((JsonObject) referral).getString("role").equals("friend"));
    assertThat(theirs.getJsonArray("referral_reward")).isEmpty();
    assertThat(theirs.encode()).doesNotContain(sharerCoupon).doesNotContain("分享者的消息").doesNotContain(sharerId);

    assertThat(problem(service.get(shop.path("/exports/member-data.csv"), shop.staff()), 403)).isEqualTo("forbidden");
    String csv = service.get(shop.path("/exports/member-data.csv"), shop.owner()).bodyAsString();
    assertThat(csv.lines().filter(line -> line.startsWith("coupons,")).toList()).hasSize(2);
    assertThat(csv).contains(sharerCoupon).contains(friendCoupon).contains("messages," + sharerId);
    assertThat(count("SELECT count(*) FROM access_audit WHERE tenant_id = '" + tenant(shop)
        + "' AND action = 'member_data_exported'")).isEqualTo(1);
    ARestaurant other = ARestaurant.payFirst(service, "别家面馆", "Z1", 3000);
    assertThat(service.get(other.path("/exports/member-data.csv"), other.owner()).bodyAsString())
        .as("another brand's export").doesNotContain(sharerId).doesNotContain(friendId);

    assertThat(service.call(HttpMethod.DELETE, shop.path("/membership"), sharer, null).statusCode()).isEqualTo(204);
    assertThat(count("SELECT count(*) FROM member_messages WHERE member_id = '" + sharerId + "'")).isZero();
    assertThat(count("SELECT count(*) FROM subscribe_grants WHERE template_id = 'tpl-" + sharerId + "'"))
        .as("no unused subscription is left to send the person anything").isZero();
    assertThat(count("SELECT count(*) FROM member_messages WHERE member_id = '" + friendId + "'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM subscribe_grants WHERE template_id = 'tpl-" + friendId + "'"))
        .isEqualTo(1);
    assertThat(ok(service.get(shop.path("/membership/export"), friend)).getJsonArray("messages")).hasSize(1);
  }

  private static String aPayingMember(ARestaurant shop, String user, String table) {
    String diner = service.signIn(user);
    ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner))));
    steps.paidOrder(shop, diner, table, 1);
    return diner;
  }

  /**
   * A coupon, a stored-value refund, a message, an accepted subscription and a subscribe message of the member, the
   * message and the refund's reason saying {@code words}; answers the coupon's id.
   */
  private static String rowsOf(ARestaurant shop, String memberId, String words) {
    String tenant = tenant(shop);
    String template = UUID.randomUUID().toString();
    String coupon = UUID.randomUUID().toString();
    sql("INSERT INTO coupon_templates (id, tenant_id, name, kind, amount_off_fen, validity_kind, valid_days)"
        + " VALUES ('" + template + "', '" + tenant + "', '减5元', 'amount_off', 500, 'days', 7)");
    sql("INSERT INTO coupons (id, tenant_id, template_id, member_id, source, valid_from, valid_until) VALUES ('"
        + coupon + "', '" + tenant + "', '" + template + "', '" + memberId + "', 'owner', now(), now() + interval '7 days')");
    sql("INSERT INTO stored_value_entries (tenant_id, member_id, store_id, entry_key, kind, principal_fen, bonus_fen,"
        + " reason, occurred_at) VALUES ('" + tenant + "', '" + memberId + "', '" + shop.store().id() + "', 'refund:"
        + UUID.randomUUID() + "', 'refund', -100, 0, '" + words + "', now())");
    sql("INSERT INTO member_messages (tenant_id, member_id, title, body) VALUES ('" + tenant + "', '" + memberId
        + "', '通知', '" + words + "')");
    sql("INSERT INTO subscribe_messages (tenant_id, user_id, kind, template_id, event_key, status, created_at)"
        + " SELECT tenant_id, user_id, 'dishes_ready', 'tpl-" + memberId + "', 'dishes_ready:" + UUID.randomUUID()
        + "', 'sent', now() FROM members WHERE id = '" + memberId + "'");
    sql("INSERT INTO subscribe_grants (tenant_id, store_id, user_id, kind, template_id, result, recorded_at)"
        + " SELECT tenant_id, '" + shop.store().id() + "', user_id, 'dishes_ready', 'tpl-" + memberId + "', 'accept',"
        + " now() FROM members WHERE id = '" + memberId + "'");
    return coupon;
  }

  private static String memberId(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getString("id");
  }

  private static String tenant(ARestaurant shop) {
    return shop.bootstrapped().tenantId().toString();
  }

  private static void sql(String statement) {
    service.env().asOwner(sql -> sql.executeUpdate(statement));
  }

  private static long count(String query) {
    return service.env().count(query);
  }
}
