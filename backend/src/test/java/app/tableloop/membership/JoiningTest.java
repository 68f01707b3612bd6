package app.tableloop.membership;

import static app.tableloop.membership.MemberSteps.consent;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joining the membership: with consent to the notice in force, once however often it is asked, marketing a
 * separate consent, and the phone sealed, masked and revealed only with a reason the audit log keeps.
 */
class JoiningTest {
  private static final long PRICE_FEN = 2600;

  static RunningService service;
  static MemberSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(JoiningTest.class);
    steps = new MemberSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aDinerJoinsOnceWithConsentToTheNoticeInForceAndMarketingStaysOffUnlessAskedFor() {
    ARestaurant shop = ARestaurant.payFirst(service, "会员面馆", "J1-J4", PRICE_FEN);
    String diner = service.signIn("joiner-" + UUID.randomUUID());
    JsonObject card = ok(service.get(shop.path("/membership"), diner));
    assertThat(card.getValue("member")).isNull();
    int version = card.getJsonObject("notice").getInteger("version");
    assertThat(card.getJsonObject("notice").getString("body")).contains("隐私");

    assertThat(problem(steps.join(shop, diner, new JsonObject().put("consent", false)
        .put("notice_version", version)), 400))
        .isEqualTo("consent_required");
    assertThat(problem(steps.join(shop, diner, consent(version + 1)), 409)).isEqualTo("privacy_notice_outdated");
    assertThat(problem(steps.join(shop, diner, consent(version).put("table_id", UUID.randomUUID().toString())), 400))
        .isEqualTo("table_unknown");
    assertThat(problem(steps.join(shop, diner, consent(version).put("phone_code", "no-such-code")), 400))
        .isEqualTo("phone_code_invalid");
    assertThat(problem(steps.join(shop, diner, consent(version).put("nickname", "代开发票找我")), 400))
        .isEqualTo("text_refused");
    assertThat(problem(steps.join(shop, diner, consent(version).put("table_id", "J2")), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(steps.join(shop, diner, consent(version).put("birthday", "1990-13-45")), 400))
        .isIn("invalid_field", "birthday_invalid");
    assertThat(problem(steps.join(shop, diner, consent(version).put("referrer", "someone")), 400))
        .isEqualTo("invalid_field");
    assertThat(problem(steps.join(shop, diner, consent(version).put("staff_code", "NOT A CODE")), 400))
        .isEqualTo("invalid_field");
    assertThat(steps.membersOf(shop)).as("refusals change nothing").isZero();

    JsonObject member = ok(steps.join(shop, diner, consent(version)
        .put("table_id", shop.table("J2").id().toString()).put("nickname", "小熊")));
    assertThat(member.getString("joined_via")).isEqualTo("join_card");
    assertThat(member.getInteger("notice_version")).isEqualTo(version);
    assertThat(member.getBoolean("marketing_consent")).isFalse();
    assertThat(member.getString("joined_table_id")).isEqualTo(shop.table("J2").id().toString());
    assertThat(problem(steps.join(shop, diner, consent(version)), 409)).isEqualTo("already_member");

    String id = member.getString("id");
    assertThat(ok(service.call(HttpMethod.PUT, shop.path("/membership/marketing"), diner,
        new JsonObject().put("marketing", true))).getBoolean("marketing")).isTrue();
    ok(service.call(HttpMethod.PUT, shop.path("/membership/marketing"), diner,
        new JsonObject().put("marketing", true)));
    ok(service.call(HttpMethod.PUT, shop.path("/membership/marketing"), diner,
        new JsonObject().put("marketing", false)));
    assertThat(service.env().count("SELECT count(*) FROM consent_ledger WHERE member_id = '" + id + "'"))
        .as("joined, granted marketing, withdrew it: a repeated tap is no row").isEqualTo(3);
    assertThat(service.env().count("SELECT count(*) FROM consent_ledger WHERE member_id = '" + id
        + "' AND purpose = 'marketing' AND NOT granted")).isEqualTo(1);

    // A new notice: a diner who read the old one must read the new one first.
    ok(service.call(HttpMethod.POST, shop.path("/privacy-notices"), shop.owner(),
        new JsonObject().put("body", "新版隐私说明：我们只保存会员卡需要的信息，详见门店公告。")));
    String late = service.signIn("late-joiner-" + UUID.randomUUID());
    assertThat(problem(steps.join(shop, late, consent(version)), 409)).isEqualTo("privacy_notice_outdated");
    assertThat(ok(steps.join(shop, late, consent(version + 1))).getInteger("notice_version")).isEqualTo(version + 1);
    assertThat(problem(service.call(HttpMethod.POST, shop.path("/privacy-notices"), shop.staff(),
        new JsonObject().put("body", "店员不能发布隐私说明，这一条不会生效的。")), 403)).isEqualTo("forbidden");
  }

  @Test
  void twentyJoinsAtOnceMakeOneMember() {
    ARestaurant shop = ARestaurant.payFirst(service, "抢着入会", "R1", PRICE_FEN);
    String diner = service.signIn("racer-" + UUID.randomUUID());
    int version = steps.noticeVersion(shop, diner);
    List<Future<HttpResponse<Buffer>>> joins = IntStream.range(0, 20)
        .mapToObj(i -> service.callAsync(HttpMethod.POST, shop.path("/membership"), diner, consent(version)))
        .toList();
    List<Integer> statuses = Await.result(Future.all(joins)).<HttpResponse<Buffer>>list().stream()
        .map(HttpResponse::statusCode).toList();

    assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
    assertThat(steps.membersOf(shop)).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM consent_ledger c JOIN stores s ON s.tenant_id = c.tenant_id"
        + " WHERE s.id = '" + shop.store().id() + "'")).isEqualTo(1);
  }

  @Test
  void thePhoneIsSealedShownMaskedAndRevealedOnlyWithAReasonThatTheAuditLogKeeps() {
    try (CapturedLog log = CapturedLog.withDebug(List.of("me.chanjar", "cn.binarywang", "app.tableloop"))) {
      phoneSealedMaskedAndRevealedWithAReason();
      assertThat(log.text()).as("no phone number in the log, even at debug").doesNotContain("13912345678");
    }
  }

  private void phoneSealedMaskedAndRevealedWithAReason() {
    ARestaurant shop = ARestaurant.payFirst(service, "手机号面馆", "P1", PRICE_FEN);
    String diner = service.signIn("phone-" + UUID.randomUUID());
    String phone = "13912345678";
    String code = service.simulator().miniProgram().phoneCode(phone);
    int version = steps.noticeVersion(shop, diner);
    assertThat(problem(steps.join(shop, diner, consent(version + 1).put("phone_code", code)), 409))
        .as("refused before WeChat is asked").isEqualTo("privacy_notice_outdated");
    JsonObject member = ok(steps.join(shop, diner, consent(version).put("phone_code", code)));
    assertThat(member.getString("phone")).isEqualTo("139****5678");
    String another = service.signIn("phone-reuse-" + UUID.randomUUID());
    assertThat(problem(steps.join(shop, another, consent(steps.noticeVersion(shop, another))
        .put("phone_code", code)), 400))
        .as("a phone code is good once").isEqualTo("phone_code_invalid");

    String id = member.getString("id");
    JsonObject listed = ok(service.get(shop.path("/members"), shop.staff())).getJsonArray("members").getJsonObject(0);
    assertThat(listed.getString("phone")).isEqualTo("139****5678");
    assertThat(ok(service.call(HttpMethod.POST, shop.path("/members/search"), shop.staff(),
        new JsonObject().put("phone", phone))).getJsonArray("members")).singleElement()
        .satisfies(found -> assertThat(((JsonObject) found).getString("id")).isEqualTo(member.getString("id")));
    assertThat(ok(service.call(HttpMethod.POST, shop.path("/members/search"), shop.staff(),
        new JsonObject().put("phone", "13900000000"))).getJsonArray("members")).isEmpty();
    assertThat(ok(service.get(shop.path("/members/" + id), shop.staff())).getString("phone"))
        .isEqualTo("139****5678");

    String reveal = shop.path("/members/" + id + "/phone-reveal");
    assertThat(problem(service.call(HttpMethod.POST, reveal, shop.owner(), new JsonObject()), 400))
        .isEqualTo("missing_field");
    assertThat(problem(service.call(HttpMethod.POST, reveal, shop.owner(), new JsonObject().put("reason", "  ")),
        400)).isEqualTo("invalid_field");
    assertThat(problem(service.call(HttpMethod.POST, reveal, shop.staff(), new JsonObject().put("reason", "送外卖")),
        403)).isEqualTo("forbidden");
    assertThat(problem(service.call(HttpMethod.POST, reveal, diner, new JsonObject().put("reason", "看看")), 404))
        .isEqualTo("not_found");
    assertThat(service.env().count("SELECT count(*) FROM access_audit WHERE member_id = '" + id + "'")).isZero();

    JsonObject revealed = ok(service.call(HttpMethod.POST, reveal, shop.owner(),
        new JsonObject().put("reason", "会员遗失物品，联系归还")));
    assertThat(revealed.getString("phone")).isEqualTo(phone);
    assertThat(service.env().count("SELECT count(*) FROM access_audit WHERE member_id = '" + id
        + "' AND action = 'phone_revealed' AND reason = '会员遗失物品，联系归还' AND actor_role = 'owner'"))
        .isEqualTo(1);
    assertThat(problem(service.get(shop.path("/access-audit"), shop.staff()), 403)).isEqualTo("forbidden");
    JsonObject logged = ok(service.get(shop.path("/access-audit"), shop.owner())).getJsonArray("entries")
        .getJsonObject(0);
    assertThat(logged.getString("action")).isEqualTo("phone_revealed");
    assertThat(logged.getString("member_id")).isEqualTo(id);
    assertThat(logged.getString("reason")).isEqualTo("会员遗失物品，联系归还");
    assertThat(steps.databaseDump()).as("no phone number in clear text anywhere").doesNotContain(phone);
    assertThat(problem(service.call(HttpMethod.PUT, shop.path("/membership/marketing"), diner,
        new JsonObject().put("marketing", "yes")), 400)).isEqualTo("invalid_field");
  }
}
