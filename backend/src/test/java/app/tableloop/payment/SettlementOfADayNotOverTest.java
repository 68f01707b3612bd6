package app.tableloop.payment;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.menu.BusinessDay;
import app.tableloop.payment.settlement.TradeBillCalendar;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.CapturedLog;
import app.tableloop.testing.MutableClock;
import app.tableloop.testing.RunningService;
import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settlement against WeChat Pay's trade bills, which WeChat Pay issues for a China date at 10:00 the next
 * morning. A business day (04:00 to 04:00, China time here) touches two China dates: today's is compared with
 * nothing, and lists nothing missing; a day whose bills are out is compared; a bill that cannot be read says so. The
 * simulator has a clock of its own, which a test sets back while a diner pays, so that WeChat Pay's records are of an
 * earlier day.
 */
class SettlementOfADayNotOverTest {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final long PRICE_FEN = 2800;

  static MutableClock wechatClock;
  static RunningService service;

  @BeforeAll
  static void setUp() {
    wechatClock = MutableClock.startingNow();
    service = RunningService.startReachable(SettlementOfADayNotOverTest.class, wechatClock);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void todaysSettlementNeitherAsksForNorWarnsOfABillWeChatPayCannotHaveYet() {
    ARestaurant today = ARestaurant.payFirst(service, "今日对账面馆", "A1", PRICE_FEN);
    Ordered paid = anOrderPaidWithWeChat(today, "diner-bill-today", "A1", Duration.ZERO);
    LocalDate day = BusinessDay.of(Instant.now(), CHINA);

    JsonObject report;
    try (CapturedLog log = CapturedLog.start()) {
      report = ok(service.get(today.path("/settlements/" + day), today.owner()));
      assertThat(log.events()).as("nothing to warn of: WeChat Pay has no bill of today yet")
          .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    assertThat(report.getLong("gross_fen")).isEqualTo(paid.totalFen());
    JsonObject bill = report.getJsonObject("wechat_bill");
    assertThat(bill.getString("state")).isEqualTo("not_yet_available");
    assertThat(bill.getString("compared_until")).isNull();
    assertThat(Instant.parse(bill.getString("rest_available_at")))
        .isEqualTo(day.plusDays(2).atTime(10, 0).atZone(CHINA).toInstant());
    assertThat(bill.getString("message")).contains("10 点");
    assertThat(bill.getString("message_en")).contains("10:00");
    assertThat(report.getBoolean("trade_bill_read")).isFalse();
    assertThat(report.getJsonArray("mismatches")).as("nothing is missing from a bill not issued yet").isEmpty();
  }

  @Test
  void aDayWhoseBillsAreOutIsComparedAndWhatDiffersIsListed() {
    ARestaurant past = ARestaurant.payFirst(service, "前日对账面馆", "B1-B2", PRICE_FEN);
    Ordered paid = anOrderPaidWithWeChat(past, "diner-bill-past", "B1", Duration.ofDays(3));
    Ordered altered = anOrderPaidWithWeChat(past, "diner-bill-altered", "B2", Duration.ofDays(3));
    // Our record of the second payment no longer says what WeChat Pay took.
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE payments SET amount_fen = amount_fen + 1 WHERE order_id = '"
        + altered.order() + "'"));
    LocalDate day = BusinessDay.of(paidAt(paid), CHINA);
    assertThat(BusinessDay.of(paidAt(altered), CHINA)).isEqualTo(day);

    JsonObject report = ok(service.get(past.path("/settlements/" + day), past.owner()));

    assertThat(report.getLong("gross_fen")).isEqualTo(paid.totalFen() + altered.totalFen());
    JsonObject bill = report.getJsonObject("wechat_bill");
    assertThat(bill.getString("state")).isEqualTo("compared");
    assertThat(Instant.parse(bill.getString("compared_until"))).isEqualTo(Instant.parse(report.getString("to")));
    assertThat(bill.getString("rest_available_at")).isNull();
    assertThat(report.getBoolean("trade_bill_read")).isTrue();
    assertThat(report.getJsonArray("mismatches")).singleElement().satisfies(found -> {
      JsonObject mismatch = (JsonObject) found;
      assertThat(mismatch.getString("discrepancy")).isEqualTo("amount_differs");
      assertThat(mismatch.getLong("ours_fen")).isEqualTo(altered.totalFen() + 1);
      assertThat(mismatch.getLong("wechat_fen")).isEqualTo(altered.totalFen());
    });

    service.simulator().pay().failNextRequest();
    JsonObject failed = ok(service.get(past.path("/settlements/" + day), past.owner()));
    assertThat(failed.getJsonObject("wechat_bill").getString("state")).isEqualTo("unavailable");
    assertThat(failed.getJsonObject("wechat_bill").getString("message_en")).contains("could not be read");
    assertThat(failed.getBoolean("trade_bill_read")).isFalse();
    assertThat(failed.getJsonArray("mismatches")).as("nothing compared, nothing listed").isEmpty();
    assertThat(failed.getLong("gross_fen")).as("the ledger's side stands").isEqualTo(report.getLong("gross_fen"));

    assertThat(problem(service.get(past.path("/settlements/2026-02-30"), past.owner()), 400))
        .isEqualTo("invalid_field");
  }

  @Test
  void yesterdayIsComparedUpToMidnightOnceWeChatPayHasIssuedYesterdaysBill() {
    ARestaurant yesterday = ARestaurant.payFirst(service, "昨日对账面馆", "C1", PRICE_FEN);
    Ordered paid = anOrderPaidWithWeChat(yesterday, "diner-bill-yesterday", "C1", Duration.ofDays(1));
    LocalDate day = BusinessDay.of(paidAt(paid), CHINA);
    Instant midnight = TradeBillCalendar.startOf(day.plusDays(1));
    // Make it a day the store's ledger and WeChat Pay disagree on, if the part before midnight is compared.
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE payments SET amount_fen = amount_fen + 1 WHERE order_id = '"
        + paid.order() + "'"));

    JsonObject report = ok(service.get(yesterday.path("/settlements/" + day), yesterday.owner()));

    JsonObject bill = report.getJsonObject("wechat_bill");
    assertThat(Instant.parse(bill.getString("rest_available_at")))
        .isEqualTo(day.plusDays(2).atTime(10, 0).atZone(CHINA).toInstant());
    if (Instant.now().isBefore(TradeBillCalendar.issuedAt(day))) {
      assertThat(bill.getString("state")).as("before 10:00 nothing of yesterday is billed yet")
          .isEqualTo("not_yet_available");
      assertThat(report.getJsonArray("mismatches")).isEmpty();
    } else {
      assertThat(bill.getString("state")).isEqualTo("partly_compared");
      assertThat(Instant.parse(bill.getString("compared_until"))).isEqualTo(midnight);
      assertThat(bill.getString("message")).contains("已核对到");
      assertThat(report.getJsonArray("mismatches")).as("only what was paid before midnight is compared")
          .hasSize(paidAt(paid).isBefore(midnight) ? 1 : 0);
    }
  }

  /** The diner pays in WeChat {@code ago} (WeChat Pay's records and ours say so); the notification arrives now. */
  private static Ordered anOrderPaidWithWeChat(ARestaurant restaurant, String user, String table, Duration ago) {
    Ordered ordered = restaurant.anOrderAwaitingPayment(user, table, 1);
    String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    String held;
    wechatClock.advance(ago.negated());
    try {
      held = service.payWithNotificationHeld(outTradeNo);
    } finally {
      wechatClock.advance(ago);
    }
    service.releaseNotificationAndSeeItAccepted(held);
    service.eventually(() -> service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = '"
        + ordered.order() + "'"), count -> count == 1);
    return ordered;
  }

  private static Instant paidAt(Ordered ordered) {
    return Instant.parse(ok(service.get(ordered.restaurant().path("/tabs/" + ordered.tab()), ordered.diner()))
        .getJsonArray("orders").getJsonObject(0).getJsonObject("payment").getString("paid_at"));
  }
}
