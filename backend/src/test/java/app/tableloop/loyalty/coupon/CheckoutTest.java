package app.tableloop.loyalty.coupon;

import static app.tableloop.loyalty.coupon.CouponSteps.amountOff;
import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.payment.PaymentFollowUp;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkout with coupons and member levels: the quote and the order price the cart alike, the coupon is redeemed in
 * the order's transaction once however many orders race for it, a coupon that cannot be used is refused with
 * nothing changed, and an order that comes to nothing gives its coupon back.
 */
class CheckoutTest {
  private static final long NOODLES_FEN = 3000;

  static RunningService service;
  static CouponSteps steps;

  @BeforeAll
  static void start() {
    service = RunningService.start(CheckoutTest.class);
    steps = new CouponSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** A restaurant selling 面 at ¥30 and 拍黄瓜 at ¥10 (¥8 for members), in its own category. */
  private record Shop(ARestaurant restaurant, String cucumber, String coldDishes) {
    String path(String rest) {
      return restaurant.path(rest);
    }
  }

  private static Shop aShop(String name, String tables, boolean payFirst) {
    ARestaurant restaurant = payFirst ? ARestaurant.payFirst(service, name, tables, NOODLES_FEN)
        : ARestaurant.eatFirst(service, name, tables, NOODLES_FEN);
    String category = restaurant.post(restaurant.owner(), "/menu/categories", new JsonObject().put("name", "凉菜"))
        .getString("id");
    String cucumber = restaurant.post(restaurant.owner(), "/menu/dishes", new JsonObject().put("category_id", category)
        .put("name", "拍黄瓜").put("price_fen", 1000).put("member_price_fen", 800)).getString("id");
    return new Shop(restaurant, cucumber, category);
  }

  /** The diner at the table, with 4 面 and 2 拍黄瓜 in the cart: ¥140, ¥136 at member prices. */
  private static String seatWithCart(Shop shop, String diner, String tableCode) {
    String tab = ok(service.openTab(shop.restaurant().store(), shop.restaurant().table(tableCode), diner))
        .getString("id");
    shop.restaurant().post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.restaurant().dish())
        .put("quantity", 4));
    shop.restaurant().post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.cucumber())
        .put("quantity", 2));
    return tab;
  }

  private static HttpResponse<Buffer> place(Shop shop, String diner, String tab, String coupon) {
    JsonObject body = new JsonObject().put("idempotency_key", "order-" + UUID.randomUUID()).put("head_count", 2);
    return service.call(HttpMethod.POST, shop.path("/tabs/" + tab + "/orders"), diner,
        coupon == null ? body : body.put("coupon", coupon));
  }

  private static JsonObject quote(Shop shop, String diner, String tab, String coupon) {
    return ok(service.get(shop.path("/tabs/" + tab + "/checkout?coupon=" + coupon), diner));
  }

  @Test
  void aGoldMemberPaysMemberPricesTheLevelsDiscountAndTheCouponChosenAsQuoted() {
    Shop shop = aShop("金卡面馆", "A1-A2", false);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "gold-" + UUID.randomUUID());
    steps.sql("UPDATE members SET level_rank = 2 WHERE id = '" + steps.memberId(restaurant, diner) + "'");
    String alone = steps.grant(restaurant, steps.template(restaurant, amountOff("满100减15", 10000, 1500))
        .getString("id"), diner);
    String stacking = steps.grant(restaurant, steps.template(restaurant, amountOff("满50减5 可叠加", 5000, 500)
        .put("stackable", true)).getString("id"), diner);
    String tab = seatWithCart(shop, diner, "A1");

    JsonObject best = quote(shop, diner, tab, "best");
    assertThat(best.getLong("subtotal_fen")).isEqualTo(14000);
    assertThat(best.getString("chosen_coupon_id")).isEqualTo(alone);
    assertThat(best.getJsonArray("adjustments").stream().map(JsonObject.class::cast)
        .map(line -> line.getString("kind") + " " + line.getLong("amount_fen")))
        .containsExactly("member_price 400", "coupon 1500");
    assertThat(best.getLong("total_fen")).isEqualTo(12100);
    assertThat(best.getJsonArray("coupons")).hasSize(2);
    assertThat(quote(shop, diner, tab, "none").getLong("total_fen")).as("member prices, then 金卡 95折")
        .isEqualTo(14000 - 400 - 680);
    JsonObject quoted = quote(shop, diner, tab, stacking);
    assertThat(quoted.getLong("total_fen")).isEqualTo(14000 - 400 - 680 - 500);

    JsonObject order = ok(place(shop, diner, tab, stacking));

    assertThat(order.getLong("subtotal_fen")).isEqualTo(14000);
    assertThat(order.getLong("discount_fen")).isEqualTo(1580);
    assertThat(order.getLong("total_fen")).isEqualTo(12420);
    assertThat(order.getJsonArray("adjustments")).isEqualTo(quoted.getJsonArray("adjustments"));
    assertThat(order.getJsonArray("adjustments").getJsonObject(1).getString("label")).isEqualTo("金卡会员95折");
    assertThat(ok(service.get(shop.path("/tabs/" + tab), diner)).getJsonArray("orders").getJsonObject(0))
        .as("the order as read back").isEqualTo(order);
    assertThat(steps.orderOf(stacking)).isEqualTo(order.getString("id"));
    assertThat(steps.orderOf(alone)).isNull();
    JsonObject used = steps.wallet(restaurant, diner, "used").getJsonObject(0);
    assertThat(used.getString("id")).isEqualTo(stacking);
    assertThat(used.getString("order_id")).isEqualTo(order.getString("id"));
    assertThat(used.getString("state")).isEqualTo("used");

    String stranger = service.signIn("walk-in-" + UUID.randomUUID());
    String theirs = seatWithCart(shop, stranger, "A2");
    JsonObject plain = quote(shop, stranger, theirs, "best");
    assertThat(plain.getJsonArray("adjustments")).isEmpty();
    assertThat(plain.getJsonArray("coupons")).isEmpty();
    assertThat(plain.getLong("total_fen")).isEqualTo(14000);
    assertThat(problem(service.get(shop.path("/tabs/" + tab + "/checkout"), stranger), 404))
        .as("someone else's tab").isEqualTo("tab_not_found");
    JsonObject walkIn = ok(place(shop, stranger, theirs, null));
    assertThat(walkIn.getLong("total_fen")).isEqualTo(14000);
    assertThat(walkIn.getLong("discount_fen")).isZero();
  }

  @Test
  void couponsThatCannotBeUsedAreRefusedAndTheOrderIsNotPlaced() {
    Shop shop = aShop("拒券面馆", "B1", false);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "picky-" + UUID.randomUUID());
    String other = steps.aMember(restaurant, "other-" + UUID.randomUUID());
    String below = steps.grant(restaurant, steps.template(restaurant, amountOff("满200减20", 20000, 2000))
        .getString("id"), diner);
    String cucumbersOnly = steps.grant(restaurant, steps.template(restaurant, amountOff("黄瓜券", 0, 200)
        .put("scope", new JsonObject().put("kind", "dishes").put("ids", new JsonArray().add(shop.cucumber()))))
        .getString("id"), diner);
    String firstVisit = steps.grant(restaurant, steps.template(restaurant, amountOff("首单立减", 0, 1000)
        .put("first_visit_only", true)).getString("id"), diner);
    String expired = steps.grant(restaurant, steps.template(restaurant, amountOff("过期券", 0, 1000))
        .getString("id"), diner);
    steps.sql("UPDATE coupons SET valid_from = now() - interval '2 days', valid_until = now() - interval '1 day'"
        + " WHERE id = '" + expired + "'");
    String theirs = steps.grant(restaurant, steps.template(restaurant, amountOff("别人的券", 0, 1000))
        .getString("id"), other);
    ARestaurant elsewhere = ARestaurant.eatFirst(service, "别家拒券面馆", "Z1", 2000);
    String foreign = steps.grant(elsewhere, steps.template(elsewhere, amountOff("别家的券", 0, 1000))
        .getString("id"), steps.aMember(elsewhere, "foreign-" + UUID.randomUUID()));
    steps.sql("UPDATE members SET visits = 1 WHERE id = '" + steps.memberId(restaurant, diner) + "'");
    String tab = ok(service.openTab(restaurant.store(), restaurant.table("B1"), diner)).getString("id");
    restaurant.post(diner, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", restaurant.dish())
        .put("quantity", 4));

    assertThat(problem(place(shop, diner, tab, below), 409)).isEqualTo("coupon_below_threshold");
    assertThat(problem(place(shop, diner, tab, cucumbersOnly), 409)).isEqualTo("coupon_out_of_scope");
    assertThat(problem(place(shop, diner, tab, firstVisit), 409)).isEqualTo("coupon_first_visit_only");
    assertThat(problem(place(shop, diner, tab, expired), 409)).isEqualTo("coupon_expired");
    assertThat(problem(place(shop, diner, tab, theirs), 404)).isEqualTo("coupon_not_found");
    assertThat(problem(place(shop, diner, tab, foreign), 404)).isEqualTo("coupon_not_found");
    assertThat(problem(place(shop, diner, tab, "someone's"), 400)).isEqualTo("invalid_field");
    assertThat(problem(service.get(shop.path("/tabs/" + tab + "/checkout?coupon=" + below), diner), 409))
        .isEqualTo("coupon_below_threshold");
    assertThat(steps.count("SELECT count(*) FROM orders WHERE tab_id = '" + tab + "'")).as("nothing placed").isZero();
    assertThat(ok(service.get(shop.path("/tabs/" + tab), diner)).getJsonObject("cart").getJsonArray("lines"))
        .as("the cart is kept").hasSize(1);
    assertThat(steps.count("SELECT count(*) FROM coupons WHERE used_at IS NOT NULL AND id IN ('" + below + "', '"
        + cucumbersOnly + "', '" + firstVisit + "', '" + expired + "', '" + theirs + "', '" + foreign + "')"))
        .isZero();

    JsonObject quoteOfBest = quote(shop, diner, tab, "best");
    assertThat(quoteOfBest.getValue("chosen_coupon_id")).as("none of them can be used").isNull();
    assertThat(quoteOfBest.getJsonArray("coupons").stream().map(JsonObject.class::cast)
        .map(option -> option.getString("reason"))).containsExactlyInAnyOrder("coupon_below_threshold",
        "coupon_out_of_scope", "coupon_first_visit_only");
    JsonObject order = ok(place(shop, diner, tab, "best"));
    assertThat(order.getLong("total_fen")).isEqualTo(4 * NOODLES_FEN);
    assertThat(problem(place(shop, diner, tab, "best"), 400)).as("the cart was emptied").isEqualTo("cart_empty");
  }

  @Test
  void aCouponForSomeHoursIsUsableOnlyInThoseHoursOfTheStoresTimeZone() {
    Shop shop = aShop("时段券面馆", "H1", false);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "hours-" + UUID.randomUUID());
    // The store's hour now and the next, so that a test crossing the hour still sits in them; and twelve hours away.
    int hour = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).getHour();
    JsonObject nowTemplate = steps.template(restaurant, amountOff("此刻可用", 0, 500)
        .put("valid_hours", new JsonArray().add((hour + 1) % 24).add(hour)));
    assertThat(nowTemplate.getJsonArray("valid_hours")).as("kept in order")
        .containsExactlyElementsOf(Stream.of(hour, (hour + 1) % 24).sorted().toList());
    String inside = steps.grant(restaurant, nowTemplate.getString("id"), diner);
    String outside = steps.grant(restaurant, steps.template(restaurant, amountOff("半天后可用", 0, 800)
        .put("valid_hours", new JsonArray().add((hour + 12) % 24))).getString("id"), diner);
    String tab = seatWithCart(shop, diner, "H1");

    JsonObject best = quote(shop, diner, tab, "best");
    assertThat(best.getString("chosen_coupon_id")).as("the bigger one is for other hours").isEqualTo(inside);
    JsonObject refused = best.getJsonArray("coupons").stream().map(JsonObject.class::cast)
        .filter(option -> option.getJsonObject("coupon").getString("id").equals(outside)).findFirst().orElseThrow();
    assertThat(refused.getBoolean("usable")).isFalse();
    assertThat(refused.getString("reason")).isEqualTo("coupon_outside_hours");
    assertThat(refused.getString("reason_message")).contains(String.format("%02d:00", (hour + 12) % 24))
        .contains("门店当地时间");
    assertThat(refused.getJsonObject("coupon").getJsonArray("valid_hours")).containsExactly((hour + 12) % 24);
    assertThat(problem(place(shop, diner, tab, outside), 409)).isEqualTo("coupon_outside_hours");
    assertThat(steps.count("SELECT count(*) FROM orders WHERE tab_id = '" + tab + "'")).as("nothing placed").isZero();

    // The same instant twelve hours behind Shanghai: the store's own clock decides.
    steps.sql("UPDATE stores SET time_zone = 'Etc/GMT+4' WHERE id = '" + restaurant.store().id() + "'");
    assertThat(quote(shop, diner, tab, "best").getString("chosen_coupon_id")).isEqualTo(outside);
    assertThat(problem(place(shop, diner, tab, inside), 409)).isEqualTo("coupon_outside_hours");
    JsonObject order = ok(place(shop, diner, tab, outside));
    assertThat(order.getJsonArray("adjustments").stream().map(JsonObject.class::cast)
        .map(line -> line.getString("kind") + " " + line.getLong("amount_fen")))
        .containsExactly("member_price 400", "coupon 800");
    assertThat(steps.orderOf(outside)).isEqualTo(order.getString("id"));
    assertThat(steps.orderOf(inside)).isNull();

    assertThat(problem(steps.createTemplate(restaurant, restaurant.owner(), amountOff("第25点", 0, 500)
        .put("valid_hours", new JsonArray().add(24))), 400)).isEqualTo("invalid_field");
    assertThat(problem(steps.createTemplate(restaurant, restaurant.owner(), amountOff("重复的点", 0, 500)
        .put("valid_hours", new JsonArray().add(3).add(3))), 400)).isEqualTo("invalid_field");
  }

  @Test
  void twentyOrdersRacingWithOneCouponRedeemItOnce() {
    Shop shop = aShop("抢单面馆", "R1-R20", false);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "racer-" + UUID.randomUUID());
    String coupon = steps.grant(restaurant, steps.template(restaurant, amountOff("立减10元", 0, 1000))
        .getString("id"), diner);
    List<String> tabs = IntStream.rangeClosed(1, 20).mapToObj(i -> seatWithCart(shop, diner, "R" + i)).toList();

    List<HttpResponse<Buffer>> answers = tabs.stream()
        .map(tab -> service.callAsync(HttpMethod.POST, shop.path("/tabs/" + tab + "/orders"), diner,
            new JsonObject().put("idempotency_key", "race-" + UUID.randomUUID()).put("head_count", 1)
                .put("coupon", coupon)))
        .toList().stream().map(placing -> placing.toCompletionStage().toCompletableFuture().join()).toList();

    List<JsonObject> placed = answers.stream().filter(answer -> answer.statusCode() == 201)
        .map(HttpResponse::bodyAsJsonObject).toList();
    assertThat(placed).hasSize(1);
    assertThat(answers.stream().filter(answer -> answer.statusCode() == 409)
        .map(answer -> answer.bodyAsJsonObject().getString("code"))).hasSize(19).containsOnly("coupon_used");
    assertThat(steps.orderOf(coupon)).isEqualTo(placed.get(0).getString("id"));
    assertThat(steps.count("SELECT count(*) FROM orders o JOIN tabs t ON t.id = o.tab_id WHERE t.store_id = '"
        + restaurant.store().id() + "'")).as("the refused orders were not placed").isEqualTo(1);
    assertThat(steps.count("SELECT count(*) FROM orders WHERE discount_fen > 0 AND store_id = '"
        + restaurant.store().id() + "'")).isEqualTo(1);
  }

  @Test
  void aCancelledOrderGivesItsCouponBackOnceEvenWhenItsEventComesAgain() {
    Shop shop = aShop("退券面馆", "C1-C2", false);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "cancelled-" + UUID.randomUUID());
    String coupon = steps.grant(restaurant, steps.template(restaurant, amountOff("立减8元", 0, 800))
        .getString("id"), diner);
    String first = ok(place(shop, diner, seatWithCart(shop, diner, "C1"), coupon)).getString("id");

    ok(service.call(HttpMethod.POST, shop.path("/orders/" + first + "/cancel"), restaurant.staff(),
        new JsonObject().put("reason", "客人取消")));

    service.eventually(() -> steps.orderOf(coupon), order -> order == null);
    assertThat(steps.wallet(restaurant, diner, "available").getJsonObject(0).getString("id")).isEqualTo(coupon);
    String second = ok(place(shop, diner, seatWithCart(shop, diner, "C2"), coupon)).getString("id");
    // The relay stopped after the handler committed but before it marked the event processed: it comes again.
    steps.sql("UPDATE outbox SET processed_at = NULL, next_attempt_at = now() WHERE topic = 'order.ended'"
        + " AND payload ->> 'order_id' = '" + first + "'");
    service.<Integer>runJob(OutboxRelay.RELAY_NOW);
    assertThat(steps.count("SELECT count(*) FROM outbox WHERE processed_at IS NULL")).isZero();
    assertThat(steps.orderOf(coupon)).as("still the second order's").isEqualTo(second);
  }

  @Test
  void aPayFirstOrderWhosePaymentExpiredGivesItsCouponBack() {
    Shop shop = aShop("超时退券面馆", "P1", true);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "slow-" + UUID.randomUUID());
    String coupon = steps.grant(restaurant, steps.template(restaurant, amountOff("立减5元", 0, 500))
        .getString("id"), diner);
    String tab = seatWithCart(shop, diner, "P1");
    JsonObject order = ok(place(shop, diner, tab, "best"));
    assertThat(order.getString("status")).isEqualTo("awaiting_payment");
    assertThat(steps.orderOf(coupon)).isEqualTo(order.getString("id"));
    ARestaurant.Ordered ordered = new ARestaurant.Ordered(restaurant, diner, tab, order.getString("id"),
        order.getLong("total_fen"));
    JsonObject payment = restaurant.requestWeChatPayment(ordered).getJsonObject("payment");
    assertThat(payment.getLong("amount_fen")).as("what is paid is the discounted total").isEqualTo(13600 - 500);

    steps.sql("UPDATE payments SET expires_at = now() - interval '1 minute' WHERE out_trade_no = '"
        + payment.getString("out_trade_no") + "'");
    assertThat(service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW)).isEqualTo(1);

    service.eventually(() -> steps.orderOf(coupon), found -> found == null);
  }

  @Test
  void aPartialRefundKeepsTheCouponAndTheRefundOfTheRestGivesItBack() {
    Shop shop = aShop("退款退券面馆", "F1", true);
    ARestaurant restaurant = shop.restaurant();
    String diner = steps.aMember(restaurant, "refunded-" + UUID.randomUUID());
    String coupon = steps.grant(restaurant, steps.template(restaurant, amountOff("满100减20", 10000, 2000))
        .getString("id"), diner);
    JsonObject order = ok(place(shop, diner, seatWithCart(shop, diner, "F1"), coupon));
    long paid = order.getLong("total_fen");
    assertThat(paid).isEqualTo(13600 - 2000);
    String orderPath = "/orders/" + order.getString("id");
    ok(service.call(HttpMethod.POST, shop.path(orderPath + "/counter-payment"), restaurant.staff(),
        new JsonObject().put("method", "cash")));

    ok(service.call(HttpMethod.POST, shop.path(orderPath + "/refunds"), restaurant.owner(), refund(1000)));
    service.eventually(() -> steps.count("SELECT count(*) FROM outbox WHERE topic = 'payment.refunded'"
        + " AND processed_at IS NULL"), pending -> pending == 0);
    assertThat(steps.orderOf(coupon)).as("a partial refund keeps it").isEqualTo(order.getString("id"));

    ok(service.call(HttpMethod.POST, shop.path(orderPath + "/refunds"), restaurant.owner(), refund(paid - 1000)));
    service.eventually(() -> steps.orderOf(coupon), found -> found == null);
    assertThat(steps.wallet(restaurant, diner, "available")).hasSize(1);

    steps.sql("UPDATE outbox SET processed_at = NULL, next_attempt_at = now() WHERE topic = 'payment.refunded'");
    service.<Integer>runJob(OutboxRelay.RELAY_NOW);
    assertThat(steps.count("SELECT count(*) FROM coupons WHERE id = '" + coupon + "' AND used_at IS NULL"))
        .isEqualTo(1);
  }

  private static JsonObject refund(long amountFen) {
    return new JsonObject().put("amount_fen", amountFen).put("reason", "菜品有问题")
        .put("idempotency_key", "refund-" + UUID.randomUUID());
  }
}
