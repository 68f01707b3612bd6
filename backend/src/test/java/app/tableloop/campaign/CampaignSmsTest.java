package app.tableloop.campaign;

import static app.tableloop.campaign.CampaignSteps.launching;
import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.campaign.sms.SmsMessage;
import app.tableloop.campaign.sms.SmsProvider;
import app.tableloop.campaign.sms.SmsReceipt;
import app.tableloop.campaign.sms.SmsSettings;
import app.tableloop.campaign.sms.SmsSimulator;
import app.tableloop.campaign.sms.TencentSms;
import app.tableloop.platform.runtime.Features;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaign SMS, through the live Tencent Cloud provider against its simulator: one to each reached member who gave
 * marketing consent and a phone, none to others; never in the quiet hours nor past the weekly cap (deferred, not
 * dropped); never twice, however many senders race or when one died after handing an SMS over.
 */
class CampaignSmsTest {
  static RunningService service;
  static CampaignSteps steps;
  static CampaignModule campaigns;

  @BeforeAll
  static void start() {
    Application.Modules capturing = (platform, wechat, contract) -> {
      Features.Api api = Application.FEATURES.create(platform, wechat, contract);
      campaigns = api.modules().stream().filter(CampaignModule.class::isInstance).map(CampaignModule.class::cast)
          .findFirst().orElseThrow();
      return api;
    };
    service = RunningService.startReachable(CampaignSmsTest.class, capturing);
    steps = new CampaignSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static SmsSimulator simulator() {
    return campaigns.smsSimulator().orElseThrow();
  }

  /** The store's clock shows {@code hour} o'clock now: its zone is the offset that makes it so. */
  private static void storeHourNow(ARestaurant shop, int hour) {
    int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
    steps.sql("UPDATE stores SET time_zone = '" + ZoneOffset.ofHours(offset).getId() + "' WHERE id = '"
        + shop.store().id() + "'");
  }

  private static List<SmsSimulator.Text> textsTo(String phone) {
    return simulator().texts().stream().filter(text -> text.phone().equals("+86" + phone)).toList();
  }

  private static int sendSms() {
    return service.<Integer>runJob(SmsSending.SEND_NOW);
  }

  @Test
  void onlyConsentingMembersWithAPhoneGetOneSmsEachEvenWithSendersRacing() {
    ARestaurant shop = ARestaurant.payFirst(service, "短信面馆", "S1", 2000);
    storeHourNow(shop, 12);
    List<String> phones = IntStream.range(0, 30).mapToObj(i -> "1370001" + String.format("%04d", i)).toList();
    phones.forEach(phone -> steps.history(shop, steps.aMember(shop, "sms-" + UUID.randomUUID(), true, phone),
        2, 40_000, 100, 300));
    String withoutPhone = steps.aMember(shop, "nophone-" + UUID.randomUUID(), true, null);
    steps.history(shop, withoutPhone, 2, 40_000, 100, 300);
    String withoutConsent = steps.aMember(shop, "noconsent-" + UUID.randomUUID(), false, "13700019999");
    steps.history(shop, withoutConsent, 2, 40_000, 100, 300);
    String id = ok(steps.launch(shop, shop.owner(), launching("win_back"))).getString("id");
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);

    IntStream.range(0, 3).mapToObj(i -> CompletableFuture.supplyAsync(CampaignSmsTest::sendSms))
        .toList().forEach(CompletableFuture::join);

    service.eventually(() -> simulator().texts().stream().filter(text -> text.phone().startsWith("+861370001"))
        .count(), count -> count >= 30);
    phones.forEach(phone -> assertThat(textsTo(phone)).as(phone).singleElement()
        .satisfies(text -> assertThat(text.text()).contains("短信面馆").endsWith("退订回T")));
    assertThat(textsTo("13700019999")).as("no consent, no SMS").isEmpty();
    JsonObject results = service.eventually(() -> steps.campaign(shop, id).getJsonObject("results"),
        found -> found.getLong("sms_sent") == 30);
    assertThat(List.of(results.getLong("reached"), results.getLong("sms_sent"), results.getLong("message_cost_fen")))
        .as("32 reached in the app, 30 by SMS at ¥0.1").containsExactly(32L, 30L, 300L);
    assertThat(sendSms()).as("nothing more is due").isZero();
  }

  @Test
  void quietHoursDeferAndTheWeeklyCapHoldsAcrossCampaignsAndWithdrawnConsentSkips() {
    ARestaurant shop = ARestaurant.payFirst(service, "夜间面馆", "Q1", 2000);
    storeHourNow(shop, 23);
    String night = steps.aMember(shop, "night-" + UUID.randomUUID(), true, "13600000001");
    steps.history(shop, night, 2, 40_000, 100, 10);
    String withdrawing = steps.aMember(shop, "withdrawing-" + UUID.randomUUID(), true, "13600000002");
    steps.history(shop, withdrawing, 2, 40_000, 100, 300);
    for (String type : List.of("win_back", "basket_boost", "welcome")) {
      ok(steps.launch(shop, shop.owner(), launching(type)));
    }
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
    ok(service.call(HttpMethod.PUT, shop.path("/membership/marketing"), withdrawing,
        new JsonObject().put("marketing", false)));

    assertThat(sendSms()).as("23:00 at the store: quiet").isZero();
    assertThat(textsTo("13600000001")).isEmpty();
    Instant nine = Instant.ofEpochSecond(steps.count("SELECT extract(epoch FROM min(sms_due_at))::bigint"
        + " FROM campaign_recipients r JOIN members m ON m.id = r.member_id WHERE m.id = '"
        + steps.memberId(shop, night) + "'"));
    assertThat(nine).as("deferred to 09:00 store time").isBetween(Instant.now().plus(9, ChronoUnit.HOURS),
        Instant.now().plus(11, ChronoUnit.HOURS));

    storeHourNow(shop, 10);
    steps.sql("UPDATE campaign_recipients SET sms_due_at = now() WHERE sms_state = 'due' AND tenant_id = '"
        + shop.bootstrapped().tenantId() + "'");
    sendSms();

    assertThat(textsTo("13600000001")).as("three campaigns, a cap of two a week").hasSize(2);
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE member_id = '"
        + steps.memberId(shop, night) + "' AND sms_state = 'due' AND sms_due_at > now() + interval '6 days'"))
        .as("the third waits for the week to pass").isEqualTo(1);
    assertThat(textsTo("13600000002")).as("consent withdrawn before sending").isEmpty();
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE member_id = '"
        + steps.memberId(shop, withdrawing) + "' AND sms_state = 'skipped'")).isEqualTo(2);
  }

  @Test
  void aSenderThatDiedAroundTheProviderCallLeavesEachRecipientExactlyOneSms() {
    ARestaurant shop = ARestaurant.payFirst(service, "崩溃面馆", "C1", 2000);
    // Quiet hours until the scene is set: no timer's pass sends anything meanwhile.
    storeHourNow(shop, 23);
    String answered = steps.aMember(shop, "answered-" + UUID.randomUUID(), true, "13500000001");
    String unsent = steps.aMember(shop, "unsent-" + UUID.randomUUID(), true, "13500000002");
    String inFlight = steps.aMember(shop, "inflight-" + UUID.randomUUID(), true, "13500000003");
    for (String diner : List.of(answered, unsent, inFlight)) {
      steps.history(shop, diner, 2, 40_000, 100, 300);
    }
    String id = ok(steps.launch(shop, shop.owner(), launching("win_back"))).getString("id");
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
    String sql = "UPDATE campaign_recipients SET sms_state = 'attempted', sms_sent_at = now() - interval '%s'"
        + " WHERE campaign_id = '" + id + "' AND member_id = '%s'";
    // Died before the provider was called: the attempt is committed, no SMS went out.
    steps.sql(sql.formatted("5 minutes", steps.memberId(shop, unsent)));
    // Still waiting for the provider's answer: not to be touched.
    steps.sql(sql.formatted("10 seconds", steps.memberId(shop, inFlight)));
    storeHourNow(shop, 12);
    steps.sql("UPDATE campaign_recipients SET sms_due_at = now() WHERE sms_state = 'due' AND campaign_id = '" + id
        + "'");
    service.eventually(CampaignSmsTest::sendSms, sent -> sent == 0);
    assertThat(textsTo("13500000001")).hasSize(1);
    // Died after the provider accepted, before its answer was recorded.
    steps.sql(sql.formatted("5 minutes", steps.memberId(shop, answered)));

    sendSms();

    assertThat(textsTo("13500000001")).as("the resend was recognised by its id").hasSize(1);
    assertThat(textsTo("13500000002")).as("the lost attempt went out once").hasSize(1);
    assertThat(textsTo("13500000003")).as("an attempt in flight is left to its sender").isEmpty();
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND sms_state = 'sent'")).isEqualTo(2);
  }

  @Test
  void aBirthdayMemberGreetedTwoYearsRunningGetsOneSmsForEachBirthday() {
    ARestaurant shop = ARestaurant.payFirst(service, "生日短信面馆", "Y1", 2000);
    storeHourNow(shop, 12);
    String diner = steps.aMember(shop, "birthday-" + UUID.randomUUID(), true, "13600000077");
    steps.birthdayIn(shop, diner, 3);
    String id = ok(steps.launch(shop, shop.owner(), launching("birthday"))).getString("id");
    String member = steps.memberId(shop, diner);
    long year = steps.count("SELECT occasion::int FROM campaign_recipients WHERE campaign_id = '" + id + "'");
    // The next birthday, as the dispatcher enrols it a year on, due at once.
    steps.sql("""
        INSERT INTO campaign_recipients (campaign_id, tenant_id, member_id, template_id, occasion)
        SELECT campaign_id, tenant_id, member_id, template_id, '%d' FROM campaign_recipients
         WHERE campaign_id = '%s'""".formatted(year + 1, id));
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);

    sendSms();

    assertThat(service.eventually(() -> textsTo("13600000077"), texts -> texts.size() >= 2))
        .extracting(SmsSimulator.Text::sessionContext)
        .containsExactlyInAnyOrder(id + ":" + member + ":" + year, id + ":" + member + ":" + (year + 1));
    assertThat(steps.count("SELECT count(*) FROM campaign_recipients WHERE campaign_id = '" + id
        + "' AND sms_state = 'sent'")).isEqualTo(2);
    assertThat(sendSms()).as("nothing more is due").isZero();
    assertThat(textsTo("13600000077")).hasSize(2);
  }

  @Test
  void twoHundredSmsThatBringBackOneEightHundredYuanCustomerReadOffTheCard() {
    ARestaurant shop = ARestaurant.payFirst(service, "账本面馆", "A1", 17_000);
    storeHourNow(shop, 12);
    List<String> diners = IntStream.range(0, 200).mapToObj(i -> steps.aMember(shop, "ledger-" + UUID.randomUUID(),
        true, "1390002" + String.format("%04d", i))).toList();
    steps.sql("UPDATE members SET visits = 2, spend_fen = 60000, last_visit_at = now() - interval '120 days',"
        + " first_visit_at = now() - interval '300 days' WHERE tenant_id = '" + shop.bootstrapped().tenantId() + "'");
    steps.everyMemberVisited(shop, 120, 30_000);
    String id = ok(steps.launch(shop, shop.owner(), launching("win_back").put("offer", new JsonObject()
        .put("threshold_fen", 50_000).put("amount_off_fen", 5_000).put("validity_days", 14)))).getString("id");
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
    sendSms();
    // A pass the timer started meanwhile may still be handing its batch over.
    assertThat(service.eventually(() -> simulator().texts().stream()
        .filter(text -> text.phone().startsWith("+861390002")).count(), count -> count >= 200)).isEqualTo(200);

    String diner = diners.get(7);
    String coupon = ok(service.get(shop.path("/messages"), diner)).getJsonArray("items").getJsonObject(0)
        .getString("coupon_id");
    String tab = ok(service.openTab(shop.store(), shop.table("A1"), diner)).getString("id");
    shop.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.dish()).put("quantity", 5));
    JsonObject order = shop.post(diner, "/tabs/" + tab + "/orders", new JsonObject()
        .put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 4).put("coupon", coupon));
    ok(service.call(HttpMethod.POST, shop.path("/orders/" + order.getString("id") + "/counter-payment"),
        shop.staff(), new JsonObject().put("method", "cash")));

    JsonObject results = service.eventually(() -> steps.campaign(shop, id).getJsonObject("results"),
        found -> found.getLong("sms_sent") == 200);
    assertThat(List.of(results.getLong("reached"), results.getLong("sms_sent"), results.getLong("message_cost_fen"),
        results.getLong("coupons_redeemed"), results.getLong("attributed_revenue_fen"),
        results.getLong("coupon_cost_fen"), results.getLong("cost_fen")))
        .as("¥20 of SMS and a ¥50 coupon brought back ¥800")
        .containsExactly(200L, 200L, 2_000L, 1L, 80_000L, 5_000L, 7_000L);
    assertThat(results.getDouble("return_on_cost")).isEqualTo(11.43);
  }

  @Test
  void replyingTToAMarketingSmsWithdrawsConsentInTheLedgerAndStopsTheNextSms() {
    ARestaurant shop = ARestaurant.payFirst(service, "退订面馆", "U1", 2000);
    storeHourNow(shop, 23);
    String diner = steps.aMember(shop, "unsubscriber-" + UUID.randomUUID(), true, "13400000001");
    steps.history(shop, diner, 2, 40_000, 100, 300);
    ok(steps.launch(shop, shop.owner(), launching("win_back")));
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
    ok(steps.launch(shop, shop.owner(), launching("basket_boost")));
    service.<Integer>runJob(CampaignDispatch.DISPATCH_NOW);
    steps.sql("UPDATE campaign_recipients SET sms_state = 'sent', sms_sent_at = now() WHERE member_id = '"
        + steps.memberId(shop, diner) + "' AND campaign_id IN (SELECT id FROM campaigns WHERE type = 'win_back')");

    JsonObject ignored = ok(service.call(HttpMethod.POST, "/api/v1/sms/replies", null, new JsonObject()
        .put("mobile", "13400000001").put("nationcode", "86").put("text", "好的").put("time", 1)));
    assertThat(ignored.getInteger("result")).isZero();
    assertThat(ok(service.get(shop.path("/membership"), diner)).getJsonObject("member")
        .getBoolean("marketing_consent")).as("not a stop word").isTrue();
    ok(service.call(HttpMethod.POST, "/api/v1/sms/replies", null, new JsonObject()
        .put("mobile", "13400000001").put("nationcode", "86").put("text", " t ").put("time", 1)));
    ok(service.call(HttpMethod.POST, "/api/v1/sms/replies", null, new JsonObject()
        .put("mobile", "13400000001").put("nationcode", "86").put("text", "T").put("time", 2)));

    assertThat(ok(service.get(shop.path("/membership"), diner)).getJsonObject("member")
        .getBoolean("marketing_consent")).isFalse();
    assertThat(steps.count("SELECT count(*) FROM consent_ledger WHERE purpose = 'marketing' AND NOT granted"
        + " AND member_id = '" + steps.memberId(shop, diner) + "'")).as("one withdrawal, however often").isEqualTo(1);
    storeHourNow(shop, 12);
    steps.sql("UPDATE campaign_recipients SET sms_due_at = now() WHERE sms_state = 'due' AND member_id = '"
        + steps.memberId(shop, diner) + "'");
    sendSms();
    assertThat(textsTo("13400000001")).as("the basket boost's SMS is not sent").isEmpty();
  }

  @Test
  void theLiveProviderIsDeliveredOnceWithTheOptOutEvenWhenSentAgainUnderItsId() throws Exception {
    SmsProvider provider = new TencentSms(simulator().settings(20));
    String id = "campaign-" + UUID.randomUUID();

    SmsReceipt first = provider.send(new SmsMessage(id, "+8613300000001", List.of("好久不见，送你一张券")));
    SmsReceipt again = provider.send(new SmsMessage(id, "+8613300000001", List.of("好久不见，送你一张券")));

    assertThat(first.accepted()).isTrue();
    assertThat(again.serialNo()).as("the resend is recognised").isEqualTo(first.serialNo());
    assertThat(simulator().texts().stream().filter(text -> text.sessionContext().equals(id)))
        .singleElement().satisfies(text -> {
          assertThat(text.phone()).isEqualTo("+8613300000001");
          assertThat(text.text()).isEqualTo("【TableLoop】好久不见，送你一张券退订回T");
        });
    String listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + simulator().settings(20).endpoint() + "/sim/texts")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(listed).contains(id).contains("退订回T");
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefusedAndDeliversNothing() {
    SmsSettings right = simulator().settings(20);
    SmsProvider forged = new TencentSms(new SmsSettings(right.secretId(), "not-the-key", right.sdkAppId(),
        right.signName(), right.templateId(), right.region(), right.endpoint(), right.protocol(), 20));

    SmsReceipt receipt = forged.send(new SmsMessage("forged-" + UUID.randomUUID(), "+8613300000002",
        List.of("x")));

    assertThat(receipt.accepted()).isFalse();
    assertThat(receipt.code()).isEqualTo("AuthFailure.SignatureFailure");
    assertThat(textsTo("13300000002")).isEmpty();
    assertThat(right.toString()).doesNotContain(right.secretKey());
  }
}
