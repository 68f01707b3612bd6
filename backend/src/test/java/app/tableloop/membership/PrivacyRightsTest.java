package app.tableloop.membership;

import static app.tableloop.membership.MemberSteps.consent;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.menu.BusinessDay;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The member's privacy rights and the owner's: export, leaving (down to what a dump of the database still
 * holds), the streamed CSV exports and the retention job.
 */
class PrivacyRightsTest {
  private static final long PRICE_FEN = 2600;

  static RunningService service;
  static MemberSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(PrivacyRightsTest.class);
    steps = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aMemberSeesAllTheirDataAndLeavingErasesThemWhileTheirOrdersStillCount() {
    ARestaurant shop = ARestaurant.payFirst(service, "隐私面馆", "D1-D3", PRICE_FEN);
    String user = "leaver-" + UUID.randomUUID();
    String openId = service.simulator().miniProgram().openIdOf(user);
    String phone = "13700009876";
    String nickname = "熊猫爱吃面";
    String birthday = "1990-04-12";
    String diner = service.signIn(user);
    ARestaurant.Ordered ordered = steps.paidOrder(shop, diner, "D1", 1);
    JsonObject member = ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner)).put("marketing", true)
        .put("nickname", nickname).put("birthday", birthday)
        .put("phone_code", service.simulator().miniProgram().phoneCode(phone))));
    String id = member.getString("id");
    steps.statsOnceThere(shop, diner, 1);
    assertThat(problem(service.call(HttpMethod.PATCH, shop.path("/membership"), diner,
        new JsonObject().put("birthday", "2999-01-01")), 400)).isEqualTo("birthday_invalid");

    HttpResponse<Buffer> download = service.get(shop.path("/membership/export"), diner);
    assertThat(download.getHeader("Content-Disposition")).contains("attachment");
    JsonObject export = ok(download);
    assertThat(export.getString("phone")).isEqualTo(phone);
    assertThat(export.getString("openid")).isEqualTo(openId);
    assertThat(export.getString("nickname")).isEqualTo(nickname);
    assertThat(export.getString("birthday")).isEqualTo(birthday);
    assertThat(export.getJsonArray("visits")).hasSize(1);
    assertThat(export.getJsonArray("orders")).singleElement()
        .satisfies(order -> assertThat(((JsonObject) order).getString("id")).isEqualTo(ordered.order()));
    assertThat(export.getJsonArray("consents")).hasSize(2);
    assertThat(service.env().count("SELECT count(*) FROM access_audit WHERE member_id = '" + id
        + "' AND action = 'data_exported'")).isEqualTo(1);
    assertThat(problem(service.get(shop.path("/members/" + id), diner), 404)).as("nobody else's data")
        .isEqualTo("not_found");

    String day = BusinessDay.of(Instant.now(), ZoneId.of("Asia/Shanghai")).toString();
    long grossBefore = ok(service.get(shop.path("/settlements/" + day), shop.owner())).getLong("gross_fen");
    HttpResponse<Buffer> left = service.call(HttpMethod.DELETE, shop.path("/membership"), diner, null);
    assertThat(left.statusCode()).as(left.bodyAsString()).isEqualTo(204);

    assertThat(service.get(shop.path("/membership"), diner).statusCode()).as("the old session").isEqualTo(401);
    assertThat(service.call(HttpMethod.DELETE, shop.path("/membership"), diner, null).statusCode()).isEqualTo(401);
    String dump = steps.databaseDump();
    assertThat(dump).doesNotContain(phone).doesNotContain(openId).doesNotContain(nickname).doesNotContain(birthday);
    assertThat(ok(service.get(shop.path("/settlements/" + day), shop.owner())).getLong("gross_fen"))
        .isEqualTo(grossBefore).isGreaterThanOrEqualTo(ordered.totalFen());
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE id = '" + ordered.order() + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM access_audit WHERE member_id = '" + id
        + "' AND action = 'member_erased'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM consent_ledger WHERE member_id = '" + id
        + "' AND NOT granted")).as("membership and marketing withdrawn").isEqualTo(2);

    // The same person, back: a new diner, with nothing to delete.
    String again = service.signIn(user);
    assertThat(problem(service.call(HttpMethod.DELETE, shop.path("/membership"), again, null), 404))
        .isEqualTo("not_a_member");
    assertThat(ok(service.get(shop.path("/membership"), again)).getValue("member")).isNull();
  }

  @Test
  void theOwnerExportsEveryMemberAndOrderAsAStreamedCsv() {
    ARestaurant shop = ARestaurant.payFirst(service, "导出面馆", "X1-X3", PRICE_FEN);
    String user = "exported-" + UUID.randomUUID();
    String diner = service.signIn(user);
    ARestaurant.Ordered ordered = steps.paidOrder(shop, diner, "X1", 1);
    String id = ok(steps.join(shop, diner, consent(steps.noticeVersion(shop, diner)).put("nickname", "=cmd|计算器")))
        .getString("id");

    assertThat(problem(service.get(shop.path("/exports/members.csv"), shop.staff()), 403)).isEqualTo("forbidden");
    HttpResponse<Buffer> members = service.get(shop.path("/exports/members.csv"), shop.owner());
    assertThat(members.statusCode()).isEqualTo(200);
    assertThat(members.getHeader("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(members.getHeader("Content-Type")).startsWith("text/csv");
    List<String> lines = members.bodyAsString().lines().toList();
    assertThat(lines.get(0)).startsWith("\uFEFFmember_id,status");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith(id + ",active").contains(",'=cmd|计算器,");

    String orders = service.get(shop.path("/exports/orders.csv"), shop.owner()).bodyAsString();
    assertThat(orders).contains(ordered.order() + "," + shop.store().id()).contains("," + id);
    assertThat(service.env().count("SELECT count(*) FROM access_audit a JOIN stores s ON s.tenant_id = a.tenant_id"
        + " WHERE s.id = '" + shop.store().id() + "' AND a.action IN ('members_exported', 'orders_exported')"))
        .isEqualTo(2);
  }

  @Test
  void membersInactiveLongerThanTheTenantKeepsThemAreAnonymised() {
    ARestaurant shop = ARestaurant.payFirst(service, "保存期限", "K1", PRICE_FEN);
    String dormant = service.signIn("dormant-" + UUID.randomUUID());
    String recent = service.signIn("recent-" + UUID.randomUUID());
    int version = steps.noticeVersion(shop, dormant);
    String dormantId = ok(steps.join(shop, dormant, consent(version).put("nickname", "老顾客"))).getString("id");
    String recentId = ok(steps.join(shop, recent, consent(version))).getString("id");
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/membership-settings"), shop.owner(),
        new JsonObject().put("retention_days", 5)), 400)).isEqualTo("invalid_field");
    ok(service.call(HttpMethod.PUT, shop.path("/membership-settings"), shop.owner(),
        new JsonObject().put("retention_days", 365)));
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE members SET last_active_at = now() - interval '400 days'"
        + " WHERE id = '" + dormantId + "'"));

    assertThat(service.<Integer>runJob(MemberRetention.RETAIN_NOW)).isGreaterThanOrEqualTo(1);

    assertThat(service.env().count("SELECT count(*) FROM members WHERE id = '" + dormantId
        + "' AND status = 'erased' AND user_id IS NULL AND nickname IS NULL")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM members WHERE id = '" + recentId
        + "' AND status = 'active'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM access_audit WHERE member_id = '" + dormantId
        + "' AND action = 'member_anonymised' AND actor_role = 'system'")).isEqualTo(1);
    assertThat(service.get(shop.path("/membership"), dormant).statusCode()).isEqualTo(401);
  }
}
