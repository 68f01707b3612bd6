package app.tableloop.loyalty.storedvalue;

import static app.tableloop.loyalty.storedvalue.StoredValueSteps.payPath;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static app.tableloop.testing.Responses.refusedNotification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tableloop.menu.BusinessDay;
import app.tableloop.payment.PaymentFollowUp;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import app.tableloop.wechat.MerchantCredentials;
import app.tableloop.wechat.WeChatPayV3Format;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stored value end to end: packages, top-ups paid through WeChat Pay's verified notification path (credited once,
 * forged and replayed notifications changing nothing), orders and tabs paid from the balance (never below zero
 * however many pay at once), refunds back to the balance, principal handed back, and the settlement reconciling.
 */
class StoredValueTest {
  private static final String NOTIFY = "/api/v1/payments/wechat/notify";
  private static final long PRICE_FEN = 1000;

  static RunningService service;
  static StoredValueSteps steps;
  static ARestaurant shop;
  static ARestaurant elsewhere;
  static ARestaurant eatFirst;
  /** Signed in, never joined: sign-ins are limited per address, so the tests share what they can. */
  static String nonMember;
  /** 充80送20: ¥100 of balance, ten of the shop's dishes. */
  static String tenDishes;

  @BeforeAll
  static void setUp() {
    service = RunningService.startReachable(StoredValueTest.class);
    steps = new StoredValueSteps(service);
    shop = ARestaurant.payFirst(service, "储值面馆", "S1-S60", PRICE_FEN);
    elsewhere = ARestaurant.payFirst(service, "隔壁储值面馆", "T1-T5", PRICE_FEN);
    eatFirst = ARestaurant.eatFirst(service, "储值小馆", "E1-E5", 3000);
    nonMember = service.signIn("not-a-member");
    tenDishes = steps.aPackage(shop, "充80送20", 8000, 2000).getString("id");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theOwnerSellsPackagesAndDinersSeeOnlyTheActiveOnes() {
    JsonObject retired = steps.aPackage(shop, "充500送60", 50000, 6000);
    assertThat(retired.getBoolean("active")).isTrue();
    assertThat(problem(call(HttpMethod.POST, shop, "/top-up-packages", shop.owner(),
        new JsonObject().put("name", "送太多").put("price_fen", 1000).put("bonus_fen", 1001)), 400))
        .isEqualTo("bonus_above_price");
    assertThat(problem(call(HttpMethod.POST, shop, "/top-up-packages", shop.owner(),
        new JsonObject().put("name", "太便宜").put("price_fen", 99)), 400)).isEqualTo("invalid_field");
    assertThat(problem(call(HttpMethod.POST, shop, "/top-up-packages", shop.staff(),
        new JsonObject().put("name", "店员定的").put("price_fen", 1000)), 403)).isEqualTo("forbidden");
    assertThat(problem(call(HttpMethod.PATCH, shop, "/top-up-packages/" + retired.getString("id"), elsewhere.owner(),
        new JsonObject().put("active", false)), 404)).isEqualTo("not_found");
    assertThat(problem(call(HttpMethod.PATCH, elsewhere, "/top-up-packages/" + retired.getString("id"),
        elsewhere.owner(), new JsonObject().put("active", false)), 404)).isEqualTo("top_up_package_not_found");

    JsonObject changed = ok(call(HttpMethod.PATCH, shop, "/top-up-packages/" + retired.getString("id"), shop.owner(),
        new JsonObject().put("active", false).put("name", "充500送60（停售）")));

    assertThat(changed.getBoolean("active")).isFalse();
    assertThat(changed.getLong("price_fen")).isEqualTo(50000);
    String diner = aMember("diner-packages");
    assertThat(names(ok(service.get(shop.path("/top-up-packages"), diner)))).contains("充80送20")
        .doesNotContain("充500送60（停售）");
    assertThat(names(ok(service.get(shop.path("/top-up-packages"), shop.owner())))).contains("充500送60（停售）");
    assertThat(problem(call(HttpMethod.POST, shop, "/wallet/top-ups", diner,
        new JsonObject().put("package_id", retired.getString("id"))), 409)).isEqualTo("top_up_package_inactive");
    assertThat(problem(call(HttpMethod.POST, shop, "/wallet/top-ups", diner,
        new JsonObject().put("package_id", UUID.randomUUID().toString())), 404)).isEqualTo("top_up_package_not_found");
    String foreign = steps.aPackage(elsewhere, "隔壁的", 1000, 0).getString("id");
    assertThat(problem(call(HttpMethod.POST, shop, "/wallet/top-ups", diner,
        new JsonObject().put("package_id", foreign)), 404)).isEqualTo("top_up_package_not_found");
    assertThat(problem(call(HttpMethod.POST, shop, "/wallet/top-ups", diner,
        new JsonObject().put("amount_fen", 8000)), 400)).isIn("invalid_field", "missing_field", "unknown_field");
    assertThat(service.env().count("SELECT count(*) FROM top_ups WHERE member_id = '" + memberId(diner) + "'"))
        .isZero();
  }

  /**
   * Money that comes into a balance moves the balance and its history in one transaction. The wallet must show both
   * from before it or both from after, even when that transaction commits between the wallet's reads: here it commits
   * while the wallet waits to read the history.
   */
  @Test
  void theWalletShowsTheBalanceAndTheHistoryOfOneMoment() {
    String diner = aMember("diner-one-moment");
    steps.toppedUp(shop, diner, tenDishes, 10000);
    String member = memberId(diner);
    // What a reversal does: ¥50 back into the principal, and its entry.
    HttpResponse<Buffer> read = service.getWhileChangeCommits(shop.path("/wallet/stored-value"), diner,
        "stored_value_entries", sql -> {
          sql.executeUpdate("INSERT INTO stored_value_entries (tenant_id, member_id, store_id, entry_key, kind,"
              + " principal_fen, bonus_fen, occurred_at) SELECT tenant_id, member_id, store_id, 'reversal:one-moment',"
              + " 'reversal', 5000, 0, now() FROM stored_value_entries WHERE member_id = '" + member + "'");
          sql.executeUpdate("UPDATE stored_value_accounts SET principal_fen = principal_fen + 5000"
              + " WHERE member_id = '" + member + "'");
        });
    JsonObject before = ok(read);
    assertThat(before.getLong("balance_fen")).isEqualTo(10000);
    assertThat(before.getJsonObject("history").getJsonArray("items"))
        .as("the history of the same moment as the balance").hasSize(1);
    JsonObject after = steps.wallet(shop, diner);
    assertThat(after.getLong("balance_fen")).isEqualTo(15000);
    assertThat(after.getJsonObject("history").getJsonArray("items")).hasSize(2);
  }

  @Test
  void aTopUpIsCreditedOnceHoweverOftenWeChatPayNotifies() {
    String diner = aMember("diner-top-up");
    assertThat(problem(call(HttpMethod.POST, shop, "/wallet/top-ups", nonMember,
        new JsonObject().put("package_id", tenDishes)), 409)).isEqualTo("not_a_member");

    JsonObject started = steps.topUp(shop, diner, tenDishes);
    JsonObject payment = started.getJsonObject("payment").getJsonObject("payment");
    assertThat(payment.getLong("amount_fen")).isEqualTo(8000);
    assertThat(payment.getString("top_up_id")).isEqualTo(started.getString("top_up_id"));
    assertThat(started.getJsonObject("payment").getJsonObject("request_payment").getString("package"))
        .startsWith("prepay_id=");
    assertThat(topUpState(diner, started).getString("state")).isEqualTo("pending");

    service.simulator().pay().repeatNextNotification(4);
    service.simulator().pay().pay(payment.getString("out_trade_no"));

    JsonObject wallet = steps.walletOnceAt(shop, diner, 10000);
    assertThat(wallet.getLong("principal_fen")).isEqualTo(8000);
    assertThat(wallet.getLong("bonus_fen")).isEqualTo(2000);
    JsonObject entry = wallet.getJsonObject("history").getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("kind")).isEqualTo("top_up");
    assertThat(entry.getString("top_up_id")).isEqualTo(started.getString("top_up_id"));
    assertThat(topUpState(diner, started).getString("state")).isEqualTo("paid");
    service.eventually(() -> service.simulator().pay().notificationDeliveries().size(), size -> size >= 5);
    assertThat(service.env().count("SELECT count(*) FROM stored_value_entries WHERE top_up_id = '"
        + started.getString("top_up_id") + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'top_up.paid'"
        + " AND payload->>'top_up_id' = '"
        + started.getString("top_up_id") + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger l JOIN payments p ON p.id = l.payment_id"
        + " WHERE p.top_up_id = '" + started.getString("top_up_id") + "' AND l.amount_fen = 8000")).isEqualTo(1);
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isEqualTo(10000);

    String stranger = aMember("diner-stranger");
    assertThat(problem(service.get(shop.path("/wallet/top-ups/" + started.getString("top_up_id")), stranger), 404))
        .isEqualTo("top_up_not_found");
    assertThat(problem(service.get(elsewhere.path("/wallet/stored-value"), diner), 409)).isEqualTo("not_a_member");
  }

  @Test
  void forgedAndReplayedTopUpNotificationsChangeNothing() throws Exception {
    String diner = aMember("diner-forged");
    JsonObject started = steps.topUp(shop, diner, tenDishes);
    String outTradeNo = started.getJsonObject("payment").getJsonObject("payment").getString("out_trade_no");
    PrivateKey weChatPay = service.simulator().pay().platformPrivateKey();
    String transactionId = "4200" + Math.abs(ThreadLocalRandom.current().nextLong());
    String body = notification(outTradeNo, transactionId, 8000);
    long now = Instant.now().getEpochSecond();

    refusedNotification(notify(WeChatPayV3Format.withOneDigitChanged(body), signed(weChatPay, now, body)), 401);
    refusedNotification(notify(body, signed(WeChatPayV3Format.otherKeys().getPrivate(), now, body)), 401);
    refusedNotification(notify(body, signed(weChatPay, now - 6 * 60, body)), 401);
    String cheaper = notification(outTradeNo, transactionId, 100);
    refusedNotification(notify(cheaper, signed(weChatPay, now, cheaper)), 409);
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND out_trade_no = '"
        + outTradeNo + "'")).isZero();
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE payload->>'top_up_id' = '"
        + started.getString("top_up_id") + "'")).isZero();

    for (int delivery = 0; delivery < 4; delivery++) {
      HttpResponse<Buffer> accepted = notify(body, signed(weChatPay, Instant.now().getEpochSecond(), body));
      assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    }

    steps.walletOnceAt(shop, diner, 10000);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'top_up.paid'"
        + " AND payload->>'top_up_id' = '"
        + started.getString("top_up_id") + "'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM stored_value_entries WHERE top_up_id = '"
        + started.getString("top_up_id") + "'")).isEqualTo(1);
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isEqualTo(10000);
  }

  @Test
  void thirtyConcurrentPaymentsAgainstABalanceForTenPayExactlyTen() {
    String diner = aMember("diner-race");
    steps.toppedUp(shop, diner, tenDishes, 10000);
    List<Ordered> orders = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      orders.add(orderAt(diner, "S" + i));
    }

    List<Future<HttpResponse<Buffer>>> sent = orders.stream().map(ordered -> service.callAsync(HttpMethod.POST,
        shop.path("/tabs/" + ordered.tab() + "/orders/" + ordered.order() + "/stored-value-payment"), diner, null))
        .toList();
    List<HttpResponse<Buffer>> answers = sent.stream().map(Await::result).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(10);
    assertThat(answers.stream().filter(answer -> answer.statusCode() == 409
        && answer.bodyAsJsonObject().getString("code").equals("stored_value_insufficient"))).hasSize(20);
    JsonObject wallet = steps.wallet(shop, diner);
    assertThat(wallet.getLong("balance_fen")).isZero();
    assertThat(wallet.getLong("principal_fen")).isZero();
    assertThat(wallet.getLong("bonus_fen")).isZero();
    String ids = String.join(",", orders.stream().map(ordered -> "'" + ordered.order() + "'").toList());
    String ofOrders = "order_id IN (" + ids + ")";
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE method = 'stored_value' AND status = 'paid'"
        + " AND amount_fen = 1000 AND " + ofOrders)).isEqualTo(10);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE " + ofOrders)).isEqualTo(10);
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE status = 'placed' AND "
        + ofOrders.replaceFirst("order_id", "id"))).isEqualTo(10);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger WHERE method = 'stored_value' AND " + ofOrders))
        .isEqualTo(10);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.paid'"
        + " AND payload->>'method' = 'stored_value' AND payload->>'order_id' IN (" + ids + ")")).isEqualTo(10);
    assertThat(service.env().count("SELECT count(*) FROM stored_value_entries WHERE kind = 'payment'"
        + " AND principal_fen = -800 AND bonus_fen = -200 AND " + ofOrders)).isEqualTo(10);
  }

  @Test
  void payingFromTheBalanceRefusesWhatItCannotCoverAndChangesNothing() {
    String diner = aMember("diner-short");
    Ordered ordered = orderAt(diner, "S41");
    String pay = "/tabs/" + ordered.tab() + "/orders/" + ordered.order() + "/stored-value-payment";
    assertThat(problem(shop.call(diner, pay, null), 409)).isEqualTo("stored_value_insufficient");

    Ordered theirs = orderAt(nonMember, "S42");
    assertThat(problem(shop.call(nonMember, "/tabs/" + theirs.tab() + "/orders/" + theirs.order()
        + "/stored-value-payment", null), 409)).isEqualTo("not_a_member");
    assertThat(problem(shop.call(diner, "/tabs/" + theirs.tab() + "/orders/" + theirs.order()
        + "/stored-value-payment", null), 404)).isEqualTo("order_not_found");

    steps.toppedUp(shop, diner, tenDishes, 10000);
    assertThat(problem(shop.call(diner, pay, new JsonObject().put("amount_fen", 1)), 400))
        .isIn("invalid_field", "unknown_field");
    String wechatOutTradeNo = shop.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    String poorDiner = aMember("diner-poor");
    Ordered poorOrder = orderAt(poorDiner, "S44");
    String poorWeChat = shop.requestWeChatPayment(poorOrder).getJsonObject("payment").getString("out_trade_no");
    assertThat(problem(shop.call(poorDiner, payPath(poorOrder), null), 409)).isEqualTo("stored_value_insufficient");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + poorWeChat
        + "' AND status = 'pending'")).as("a refused payment from the balance leaves the WeChat one payable")
        .isEqualTo(1);

    JsonObject paid = ok(shop.call(diner, pay, null));

    assertThat(paid.getString("method")).isEqualTo("stored_value");
    assertThat(paid.getString("status")).isEqualTo("paid");
    assertThat(paid.getLong("amount_fen")).isEqualTo(PRICE_FEN);
    assertThat(problem(shop.call(diner, pay, null), 409)).isEqualTo("order_not_awaiting_payment");
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isEqualTo(9000);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + wechatOutTradeNo
        + "' AND status = 'closed'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + theirs.order() + "'")).isZero();
  }

  @Test
  void anEatFirstTabIsPaidFromTheBalanceAndARefundGoesBackToItInProportion() {
    String diner = service.signIn("diner-tab");
    join(eatFirst, diner);
    String pack = steps.aPackage(eatFirst, "充100送50", 10000, 5000).getString("id");
    steps.toppedUp(eatFirst, diner, pack, 15000);
    ARestaurant.Seated seated = seat(eatFirst, diner, "E1");
    JsonObject first = eatFirst.order(seated, 1);
    eatFirst.order(seated, 2);

    JsonObject paid = ok(eatFirst.call(diner, "/tabs/" + seated.tab() + "/stored-value-payment", null));

    assertThat(paid.getLong("amount_fen")).isEqualTo(9000);
    assertThat(paid.getJsonArray("order_ids")).hasSize(2);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'tab.paid' AND payload->>'tab_id' = '"
        + seated.tab() + "' AND payload->>'method' = 'stored_value'")).isEqualTo(1);
    JsonObject wallet = steps.wallet(eatFirst, diner);
    assertThat(wallet.getLong("principal_fen")).isEqualTo(4000);
    assertThat(wallet.getLong("bonus_fen")).isEqualTo(2000);

    ok(service.call(HttpMethod.POST, eatFirst.path("/orders/" + first.getString("id") + "/refunds"),
        eatFirst.owner(), new JsonObject().put("amount_fen", 3000).put("reason", "菜凉了")
            .put("idempotency_key", "refund-" + UUID.randomUUID())));

    JsonObject back = steps.walletOnceAt(eatFirst, diner, 9000);
    assertThat(back.getLong("principal_fen")).isEqualTo(6000);
    assertThat(back.getLong("bonus_fen")).isEqualTo(3000);
    assertThat(back.getJsonObject("history").getJsonArray("items").getJsonObject(0).getString("kind"))
        .isEqualTo("reversal");
  }

  @Test
  void withWeChatPayForTheRestTheBalanceIsHeldAndBothArePaidTogether() {
    String diner = aMember("diner-split");
    steps.toppedUp(shop, diner, smallPackage(), 300);
    Ordered ordered = orderAt(diner, "S45");
    assertThat(problem(shop.call(diner, payPath(ordered), null), 409)).isEqualTo("stored_value_insufficient");

    JsonObject split = ok(shop.call(diner, payPath(ordered), new JsonObject().put("wechat_for_rest", true)));
    JsonObject again = ok(shop.call(diner, payPath(ordered), new JsonObject().put("wechat_for_rest", true)));

    JsonObject held = split.getJsonObject("held");
    JsonObject rest = split.getJsonObject("wechat").getJsonObject("payment");
    assertThat(List.of(held.getString("method"), held.getString("status"), String.valueOf(held.getLong("amount_fen"))))
        .containsExactly("stored_value", "pending", "300");
    assertThat(rest.getLong("amount_fen")).isEqualTo(700);
    assertThat(again.getJsonObject("wechat").getJsonObject("payment").getString("out_trade_no"))
        .as("asked again: the same pair").isEqualTo(rest.getString("out_trade_no"));
    assertThat(again.getJsonObject("held").getString("id")).isEqualTo(held.getString("id"));
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).as("held").isZero();
    assertThat(orderStatus(ordered)).isEqualTo("awaiting_payment");

    service.simulator().pay().repeatNextNotification(2);
    service.simulator().pay().pay(rest.getString("out_trade_no"));

    service.eventually(() -> orderStatus(ordered), "placed"::equals);
    String order = "'" + ordered.order() + "'";
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = " + order
        + " AND ((method = 'stored_value' AND amount_fen = 300) OR (method = 'wechat' AND amount_fen = 700))"))
        .isEqualTo(2);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND order_id = " + order))
        .isEqualTo(2);
    assertThat(service.env().count("SELECT coalesce(sum(amount_fen), 0) FROM payment_ledger WHERE order_id = " + order))
        .isEqualTo(1000);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'order.paid' AND payload->>'order_id' = "
        + order)).isEqualTo(2);
    assertThat(service.env().count("SELECT count(*) FROM stored_value_entries WHERE order_id = " + order
        + " AND kind = 'payment' AND principal_fen = -200 AND bonus_fen = -100")).isEqualTo(1);
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isZero();
    assertThatThrownBy(() -> service.env().asOwner(sql -> sql.execute("INSERT INTO payments (tenant_id, store_id,"
            + " order_id, out_trade_no, method, amount_fen, payer_openid, expires_at, hold_id) SELECT tenant_id,"
            + " store_id, order_id, 'SECONDREST1', method, amount_fen, payer_openid, expires_at, hold_id"
            + " FROM payments WHERE hold_id = '" + held.getString("id") + "'")))
        .as("a hold completes one WeChat payment, never two").hasStackTraceContaining("payments_by_hold");
  }

  @Test
  void concurrentRequestsForTheRestOfSeveralOrdersHoldTheBalanceOnce() {
    String diner = aMember("diner-split-race");
    steps.toppedUp(shop, diner, smallPackage(), 300);
    List<Ordered> orders = new ArrayList<>();
    for (int table = 50; table < 56; table++) {
      orders.add(orderAt(diner, "S" + table));
    }

    List<HttpResponse<Buffer>> answers = orders.stream().map(ordered -> service.callAsync(HttpMethod.POST,
            shop.path(payPath(ordered)), diner, new JsonObject().put("wechat_for_rest", true)))
        .toList().stream().map(Await::result).toList();

    assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() == 409
        && answer.bodyAsJsonObject().getString("code").equals("stored_value_insufficient"))).hasSize(5);
    String ids = String.join(",", orders.stream().map(ordered -> "'" + ordered.order() + "'").toList());
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE method = 'stored_value' AND status = 'pending'"
        + " AND amount_fen = 300 AND order_id IN (" + ids + ")")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE method = 'wechat' AND hold_id IS NOT NULL"
        + " AND amount_fen = 700 AND order_id IN (" + ids + ")")).isEqualTo(1);
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isZero();
  }

  @Test
  void theHeldPartGoesBackWhenTheWeChatPaymentOfTheRestExpiresOrTheCounterIsPaidInstead() {
    String diner = aMember("diner-split-expired");
    steps.toppedUp(shop, diner, smallPackage(), 300);
    Ordered expiring = orderAt(diner, "S46");
    String expiringRest = ok(shop.call(diner, payPath(expiring), new JsonObject().put("wechat_for_rest", true)))
        .getJsonObject("wechat").getJsonObject("payment").getString("out_trade_no");
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isZero();

    service.env().asOwner(sql -> sql.executeUpdate("UPDATE payments SET expires_at = now() - interval '1 minute'"
        + " WHERE out_trade_no = '" + expiringRest + "'"));
    service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW);

    JsonObject back = steps.walletOnceAt(shop, diner, 300);
    assertThat(List.of(back.getLong("principal_fen"), back.getLong("bonus_fen"))).containsExactly(200L, 100L);
    assertThat(back.getJsonObject("history").getJsonArray("items").getJsonObject(0).getString("kind"))
        .isEqualTo("reversal");
    assertThat(orderStatus(expiring)).isEqualTo("cancelled");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + expiring.order()
        + "' AND status = 'closed'")).isEqualTo(2);

    Ordered atCounter = orderAt(diner, "S47");
    String counterRest = ok(shop.call(diner, payPath(atCounter), new JsonObject().put("wechat_for_rest", true)))
        .getJsonObject("wechat").getJsonObject("payment").getString("out_trade_no");
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isZero();

    ok(service.call(HttpMethod.POST, shop.path("/orders/" + atCounter.order() + "/counter-payment"), shop.staff(),
        new JsonObject().put("method", "cash")));

    steps.walletOnceAt(shop, diner, 300);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + atCounter.order()
        + "' AND status = 'paid'")).as("the cash alone").isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + counterRest
        + "' AND status = 'closed'")).isEqualTo(1);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'stored_value.released'"
        + " AND payload->>'order_id' IN ('" + expiring.order() + "', '" + atCounter.order() + "')")).isEqualTo(2);
  }

  @Test
  void theRestPaidAfterItsHoldWasGivenUpIsRefundedAndTheOrderStillAwaitsPayment() {
    String diner = aMember("diner-split-late");
    steps.toppedUp(shop, diner, smallPackage(), 300);
    Ordered ordered = orderAt(diner, "S48");
    String oldRest = ok(shop.call(diner, payPath(ordered), new JsonObject().put("wechat_for_rest", true)))
        .getJsonObject("wechat").getJsonObject("payment").getString("out_trade_no");
    String whole = shop.requestWeChatPayment(ordered).getJsonObject("payment").getString("out_trade_no");
    assertThat(whole).as("the diner chose to pay all in WeChat instead").isNotEqualTo(oldRest);
    steps.walletOnceAt(shop, diner, 300);

    service.simulator().pay().pay(oldRest);

    assertThat(service.eventually(() -> service.env().count("SELECT count(*) FROM refunds r JOIN payments p"
        + " ON p.id = r.payment_id WHERE p.out_trade_no = '" + oldRest + "' AND r.cause = 'duplicate_payment'"
        + " AND r.amount_fen = 700 AND r.status = 'succeeded'"), count -> count == 1)).isEqualTo(1);
    assertThat(orderStatus(ordered)).isEqualTo("awaiting_payment");
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE order_id = '" + ordered.order()
        + "' AND method = 'stored_value' AND status = 'paid'")).isZero();
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isEqualTo(300);
  }

  @Test
  void anEatFirstTabIsPaidWithTheWholeBalanceAndWeChatPayForTheRest() {
    String diner = service.signIn("diner-tab-split");
    join(eatFirst, diner);
    steps.toppedUp(eatFirst, diner, steps.aPackage(eatFirst, "充2送1", 200, 100).getString("id"), 300);
    ARestaurant.Seated seated = seat(eatFirst, diner, "E2");
    eatFirst.order(seated, 1);
    eatFirst.order(seated, 1);
    String pay = "/tabs/" + seated.tab() + "/stored-value-payment";
    assertThat(problem(eatFirst.call(diner, pay, null), 409)).isEqualTo("stored_value_insufficient");

    JsonObject split = ok(eatFirst.call(diner, pay, new JsonObject().put("wechat_for_rest", true)));

    assertThat(split.getJsonObject("held").getLong("amount_fen")).isEqualTo(300);
    JsonObject rest = split.getJsonObject("wechat").getJsonObject("payment");
    assertThat(rest.getLong("amount_fen")).isEqualTo(5700);
    assertThat(rest.getString("tab_id")).isEqualTo(seated.tab());
    assertThat(steps.wallet(eatFirst, diner).getLong("balance_fen")).isZero();

    service.simulator().pay().pay(rest.getString("out_trade_no"));

    String tab = "'" + seated.tab() + "'";
    service.eventually(() -> service.env().count("SELECT count(*) FROM tabs WHERE status = 'closed' AND id = " + tab),
        closed -> closed == 1);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND tab_id = " + tab
        + " AND ((method = 'stored_value' AND amount_fen = 300) OR (method = 'wechat' AND amount_fen = 5700))"))
        .isEqualTo(2);
    assertThat(service.env().count("SELECT count(*) FROM payment_orders po JOIN payments p ON p.id = po.payment_id"
        + " WHERE p.tab_id = " + tab)).as("both payments cover both orders").isEqualTo(4);
    assertThat(service.env().count("SELECT count(*) FROM outbox WHERE topic = 'tab.paid' AND payload->>'tab_id' = "
        + tab + " AND jsonb_array_length(payload->'order_ids') = 2")).isEqualTo(2);
    assertThat(service.env().count("SELECT count(*) FROM orders WHERE tab_id = " + tab + " AND paid_by IS NULL"))
        .isZero();
    assertThat(steps.wallet(eatFirst, diner).getLong("balance_fen")).isZero();
  }

  @Test
  void theOwnerHandsBackUnspentPrincipalOnceAndNeverMore() {
    String diner = aMember("diner-leaving");
    steps.toppedUp(shop, diner, tenDishes, 10000);
    ok(shop.call(diner, payPath(orderAt(diner, "S43")), null));
    String member = memberId(diner);
    String refunds = "/members/" + member + "/stored-value-refunds";
    JsonObject tooMuch = new JsonObject().put("amount_fen", 7201).put("idempotency_key", "hand-back-too-much");
    assertThat(problem(call(HttpMethod.POST, shop, refunds, shop.owner(), tooMuch), 409))
        .isEqualTo("principal_insufficient");
    JsonObject half = new JsonObject().put("amount_fen", 3600).put("reason", "搬家了")
        .put("idempotency_key", "hand-back-" + UUID.randomUUID());
    assertThat(problem(call(HttpMethod.POST, shop, refunds, shop.staff(), half), 403)).isEqualTo("forbidden");
    assertThat(problem(call(HttpMethod.POST, elsewhere, refunds, elsewhere.owner(), half), 404))
        .isEqualTo("member_not_found");
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isEqualTo(9000);

    JsonObject handed = ok(call(HttpMethod.POST, shop, refunds, shop.owner(), half));
    JsonObject again = ok(call(HttpMethod.POST, shop, refunds, shop.owner(), half));

    assertThat(handed.getLong("refunded_fen")).isEqualTo(3600);
    assertThat(handed.getLong("bonus_forfeited_fen")).isEqualTo(900);
    assertThat(handed.getJsonObject("balance").getLong("principal_fen")).isEqualTo(3600);
    assertThat(handed.getJsonObject("balance").getLong("bonus_fen")).isEqualTo(900);
    assertThat(again).isEqualTo(handed);
    assertThat(problem(call(HttpMethod.POST, shop, refunds, shop.owner(), half.copy().put("amount_fen", 100)), 409))
        .isEqualTo("idempotency_key_reused");
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isEqualTo(4500);
    assertThat(service.env().count("SELECT count(*) FROM payment_ledger l JOIN payments p ON p.id = l.payment_id"
        + " JOIN top_ups t ON t.id = p.top_up_id JOIN members m ON m.id = t.member_id WHERE m.id = '" + member
        + "' AND l.kind = 'refund' AND l.method = 'cash' AND l.amount_fen = -3600")).isEqualTo(1);

    JsonObject rest = ok(call(HttpMethod.POST, shop, refunds, shop.owner(),
        new JsonObject().put("amount_fen", 3600).put("idempotency_key", "hand-back-" + UUID.randomUUID())));
    assertThat(rest.getLong("bonus_forfeited_fen")).isEqualTo(900);
    assertThat(steps.wallet(shop, diner).getLong("balance_fen")).isZero();
  }

  @Test
  void theDaysSettlementCountsTopUpsAsMoneyInAndBalancePaymentsApartAndStillEqualsTheLedger() {
    ARestaurant settled = ARestaurant.payFirst(service, "对账储值面馆", "D1-D5", PRICE_FEN);
    String diner = service.signIn("diner-settled");
    join(settled, diner);
    String pack = steps.aPackage(settled, "充80送20", 8000, 2000).getString("id");
    steps.toppedUp(settled, diner, pack, 10000);
    List<Ordered> paid = new ArrayList<>();
    for (String table : List.of("D1", "D2")) {
      Ordered ordered = orderAt(settled, diner, table, 1);
      ok(settled.call(diner, payPath(ordered), null));
      paid.add(ordered);
    }
    Ordered byWeChat = orderAt(settled, diner, "D3", 2);
    service.simulator().pay().pay(settled.requestWeChatPayment(byWeChat).getJsonObject("payment")
        .getString("out_trade_no"));
    ok(service.call(HttpMethod.POST, settled.path("/orders/" + paid.get(0).order() + "/refunds"), settled.owner(),
        new JsonObject().put("amount_fen", 500).put("reason", "少了一个蛋").put("idempotency_key",
            "refund-" + UUID.randomUUID())));
    ok(call(HttpMethod.POST, settled, "/members/" + memberId(diner, settled) + "/stored-value-refunds",
        settled.owner(), new JsonObject().put("amount_fen", 1000).put("idempotency_key", "hand-back-settled")));
    service.eventually(() -> service.env().count("SELECT count(*) FROM payments WHERE status = 'paid' AND store_id = '"
        + settled.store().id() + "'"), count -> count == 4);

    String day = BusinessDay.of(Instant.now(), ZoneId.of("Asia/Shanghai")).toString();
    JsonObject report = ok(service.get(settled.path("/settlements/" + day), settled.owner()));

    JsonObject storedValue = report.getJsonObject("stored_value");
    assertThat(storedValue.getLong("sold_fen")).isEqualTo(8000);
    assertThat(storedValue.getLong("bonus_granted_fen")).isEqualTo(2000);
    assertThat(storedValue.getLong("used_fen")).isEqualTo(2000);
    assertThat(storedValue.getLong("returned_fen")).isEqualTo(500);
    assertThat(storedValue.getLong("refunded_fen")).isEqualTo(1000);
    assertThat(report.getLong("gross_fen")).as("the top-up and the WeChat order: money in").isEqualTo(8000 + 2000);
    assertThat(report.getLong("refunds_fen")).as("the principal handed back in cash").isEqualTo(1000);
    assertThat(report.getLong("net_fen")).isEqualTo(9000);
    assertThat(report.getJsonObject("by_method").fieldNames()).doesNotContain("stored_value");
    assertThat(report.getJsonObject("by_method").getJsonObject("wechat").getLong("gross_fen")).isEqualTo(10000);
    assertThat(report.getJsonObject("by_method").getJsonObject("cash").getLong("refunds_fen")).isEqualTo(1000);
    String ofStore = " FROM payment_ledger WHERE store_id = '" + settled.store().id() + "'";
    assertThat(report.getLong("net_fen")).as("the ledger's money, stored-value movements apart")
        .isEqualTo(service.env().count("SELECT coalesce(sum(amount_fen), 0)" + ofStore
            + " AND method <> 'stored_value' AND NOT duplicate"));
    assertThat(storedValue.getLong("used_fen") - storedValue.getLong("returned_fen"))
        .isEqualTo(service.env().count("SELECT coalesce(sum(amount_fen), 0)" + ofStore
            + " AND method = 'stored_value'"));
    assertThat(report.getJsonObject("wechat_bill").getString("state")).as("WeChat Pay bills today tomorrow")
        .isEqualTo("not_yet_available");
    assertThat(report.getJsonArray("mismatches")).isEmpty();
  }

  // --- fixtures ---

  /** 充2送1: a balance of ¥3, short of any order of the shop. */
  private static String smallPackage() {
    return steps.aPackage(shop, "充2送1", 200, 100).getString("id");
  }

  private static String orderStatus(Ordered ordered) {
    JsonObject tab = ok(service.get(shop.path("/tabs/" + ordered.tab()), ordered.diner()));
    return tab.getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(order -> order.getString("id").equals(ordered.order())).findFirst().orElseThrow()
        .getString("status");
  }

  private static HttpResponse<Buffer> call(HttpMethod method, ARestaurant at, String rest, String token,
                                           JsonObject body) {
    return service.call(method, at.path(rest), token, body);
  }

  private static List<String> names(JsonObject packages) {
    return packages.getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(offered -> offered.getString("name")).toList();
  }

  /** A diner signed in as {@code user} who joined the shop's membership. */
  private static String aMember(String user) {
    String diner = service.signIn(user);
    join(shop, diner);
    return diner;
  }

  private static void join(ARestaurant at, String diner) {
    int version = ok(service.get(at.path("/membership"), diner)).getJsonObject("notice").getInteger("version");
    ok(service.call(HttpMethod.POST, at.path("/membership"), diner,
        new JsonObject().put("consent", true).put("notice_version", version)));
  }

  private static String memberId(String diner) {
    return memberId(diner, shop);
  }

  private static String memberId(String diner, ARestaurant at) {
    return ok(service.get(at.path("/membership"), diner)).getJsonObject("member").getString("id");
  }

  private static JsonObject topUpState(String diner, JsonObject started) {
    return ok(service.get(shop.path("/wallet/top-ups/" + started.getString("top_up_id")), diner));
  }

  /** The signed-in diner sits at the shop's table and orders one dish: awaiting payment. */
  private static Ordered orderAt(String diner, String tableCode) {
    return orderAt(shop, diner, tableCode, 1);
  }

  private static Ordered orderAt(ARestaurant at, String diner, String tableCode, int quantity) {
    JsonObject order = at.order(seat(at, diner, tableCode), quantity);
    return new Ordered(at, diner, order.getString("tab_id"), order.getString("id"), order.getLong("total_fen"));
  }

  /** The signed-in diner scans the table and opens or joins its tab. */
  private static ARestaurant.Seated seat(ARestaurant at, String diner, String tableCode) {
    return new ARestaurant.Seated(at, diner, at.table(tableCode),
        ok(service.openTab(at.store(), at.table(tableCode), diner)).getString("id"));
  }

  private static String notification(String outTradeNo, String transactionId, long totalFen) throws Exception {
    MerchantCredentials merchant = service.simulator().account().merchantCredentials();
    return WeChatPayV3Format.paymentNotification(UUID.randomUUID().toString(), merchant.apiV3Key(),
        WeChatPayV3Format.successfulTransaction(service.simulator().account().appId(), merchant.mchId(), outTradeNo,
            transactionId, totalFen, WeChatPayV3Format.now(), "oTestPayer0000000000000000000"));
  }

  private static MultiMap signed(PrivateKey key, long timestamp, String body) throws Exception {
    return WeChatPayV3Format.signedHeaders(key,
        service.simulator().account().merchantCredentials().payPublicKey().orElseThrow().id(), timestamp, body);
  }

  private static HttpResponse<Buffer> notify(String body, MultiMap headers) {
    return service.postRaw(NOTIFY, headers, body);
  }
}
