package app.tableloop.loyalty.coupon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.tableloop.ordering.CouponChoice;
import app.tableloop.ordering.OrderAdjustment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checkout's prices as rules: member prices, then the level's discount, then one coupon. */
class CheckoutRulesTest {
  /** 20:00 in Shanghai. */
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final UUID STORE = UUID.randomUUID();
  private static final UUID NOODLES = UUID.randomUUID();
  private static final UUID CUCUMBER = UUID.randomUUID();
  private static final UUID MAINS = UUID.randomUUID();
  private static final UUID COLD = UUID.randomUUID();
  /** 4 × 面 at ¥30 (no member price), 2 × 拍黄瓜 at ¥10 (¥8 for members): ¥140, ¥136 at member prices. */
  private static final List<CheckoutRules.Line> CART = List.of(
      new CheckoutRules.Line(NOODLES, MAINS, 4, 3000, 3000),
      new CheckoutRules.Line(CUCUMBER, COLD, 2, 1000, 800));

  @Test
  void aDinerWhoIsNoMemberPaysMenuPricesAndGetsNoCoupon() {
    CheckoutRules.Quote quote = quote(CheckoutRules.Diner.NOT_A_MEMBER, CouponChoice.BEST);

    assertThat(quote.subtotalFen()).isEqualTo(14000);
    assertThat(quote.adjustments()).isEmpty();
    assertThat(quote.totalFen()).isEqualTo(14000);
  }

  @Test
  void aGoldMemberPaysMemberPricesLessTheLevelsDiscountWhenNoCouponBeatsIt() {
    Coupon small = coupon(terms(CouponTerms.Kind.AMOUNT_OFF, 0, 300L, null, null, false));

    CheckoutRules.Quote quote = quote(gold(List.of(small)), CouponChoice.BEST);

    assertThat(quote.adjustments())
        .extracting(OrderAdjustment::kind, OrderAdjustment::amountFen, OrderAdjustment::label)
        .containsExactly(tuple(OrderAdjustment.Kind.MEMBER_PRICE, 400L, "会员价"),
            tuple(OrderAdjustment.Kind.LEVEL_DISCOUNT, 680L, "金卡会员95折"));
    assertThat(quote.chosen()).as("¥3 alone gives less than the level's ¥6.80").isEmpty();
    assertThat(quote.options().get(0).usable()).isTrue();
    assertThat(quote.totalFen()).isEqualTo(12920);
  }

  @Test
  void theBestCouponLeavesTheLeastToPayAndOnlyAStackableOneKeepsTheLevelsDiscount() {
    Coupon alone = coupon(terms(CouponTerms.Kind.AMOUNT_OFF, 10000, 1500L, null, null, false));
    Coupon stacking = coupon(terms(CouponTerms.Kind.AMOUNT_OFF, 5000, 500L, null, null, true));

    CheckoutRules.Quote best = quote(gold(List.of(stacking, alone)), CouponChoice.BEST);
    assertThat(best.chosen()).contains(alone);
    assertThat(best.adjustments()).extracting(OrderAdjustment::kind)
        .containsExactly(OrderAdjustment.Kind.MEMBER_PRICE, OrderAdjustment.Kind.COUPON);
    assertThat(best.totalFen()).isEqualTo(14000 - 400 - 1500);

    CheckoutRules.Quote chosen = quote(gold(List.of(stacking, alone)),
        new CouponChoice(false, Optional.of(stacking.id())));
    assertThat(chosen.adjustments()).extracting(OrderAdjustment::amountFen).containsExactly(400L, 680L, 500L);
    assertThat(chosen.adjustments().get(2).couponId()).isEqualTo(stacking.id());
    assertThat(chosen.totalFen()).isEqualTo(14000 - 400 - 680 - 500);

    assertThat(quote(gold(List.of(stacking, alone)), CouponChoice.NONE).totalFen()).isEqualTo(12920);
  }

  @Test
  void aPercentOffIsCappedAndAFreeDishTakesOnePortionOff() {
    Coupon capped = coupon(terms(CouponTerms.Kind.PERCENT_OFF, 0, null, 20, 1000L, false));
    Coupon uncapped = coupon(terms(CouponTerms.Kind.PERCENT_OFF, 0, null, 20, null, false));
    CouponTerms freeCucumber = new CouponTerms(CouponTerms.Kind.FREE_DISH, 0, null, null, null, CUCUMBER, false,
        CouponTerms.Scope.MENU, List.of(), false, List.of());
    CheckoutRules.Diner member = new CheckoutRules.Diner(true, "普通", true, 0, false,
        List.of(capped, uncapped, coupon(freeCucumber)));

    List<CheckoutRules.Option> options = quote(member, CouponChoice.NONE).options();

    assertThat(options).extracting(CheckoutRules.Option::discountFen).containsExactly(1000L, 2720L, 800L);
  }

  @Test
  void aCouponThatCannotBeUsedIsListedWithWhyAndRefusedWhenChosen() {
    Coupon belowThreshold = coupon(terms(CouponTerms.Kind.AMOUNT_OFF, 20000, 1000L, null, null, false));
    Coupon cucumbersOnly = coupon(new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, 2000, 500L, null, null, null, false,
        CouponTerms.Scope.CATEGORIES, List.of(COLD), false, List.of()));
    Coupon firstVisit = coupon(new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, 0, 500L, null, null, null, true,
        CouponTerms.Scope.MENU, List.of(), false, List.of()));
    Coupon expired = new Coupon(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "过期", firstVisit.terms(),
        CouponSource.CLAIM, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(10)), NOW, null, null);
    Coupon used = new Coupon(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "用过", firstVisit.terms(),
        CouponSource.CLAIM, NOW, NOW, NOW.plus(Duration.ofDays(1)), NOW, UUID.randomUUID());
    CheckoutRules.Diner regular = new CheckoutRules.Diner(true, "普通", true, 0, false,
        List.of(belowThreshold, cucumbersOnly, firstVisit, expired, used));

    assertThat(quote(regular, CouponChoice.BEST).options()).extracting(option -> option.reason().code())
        .containsExactly("coupon_below_threshold", "coupon_below_threshold", "coupon_first_visit_only",
            "coupon_expired", "coupon_used");
    CheckoutRules.Outcome refused = CheckoutRules.quote(CART, regular,
        new CouponChoice(false, Optional.of(belowThreshold.id())), NOW, STORE, SHANGHAI);
    assertThat(refused.priced()).isFalse();
    assertThat(refused.refusal().message()).isEqualTo("还差 64 元才能使用这张优惠券（满 200 元可用）");
    assertThat(CheckoutRules.quote(CART, regular, new CouponChoice(false, Optional.of(UUID.randomUUID())), NOW,
        STORE, SHANGHAI).refusal()).isEqualTo(CouponRefusal.COUPON_NOT_FOUND);
    Coupon dishesElsewhere = coupon(new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, 0, 500L, null, null, null, false,
        CouponTerms.Scope.DISHES, List.of(UUID.randomUUID()), false, List.of()));
    assertThat(CheckoutRules.quote(CART, new CheckoutRules.Diner(true, "普通", true, 0, true,
        List.of(dishesElsewhere)), new CouponChoice(false, Optional.of(dishesElsewhere.id())), NOW, STORE,
        SHANGHAI)
        .refusal()).isEqualTo(CouponRefusal.OUT_OF_SCOPE);
  }

  @Test
  void aCouponForSomeHoursIsUsableInThoseHoursOfTheStoresTimeZoneOnly() {
    Coupon afternoons = coupon(new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, 0, 500L, null, null, null, false,
        CouponTerms.Scope.MENU, List.of(), false, List.of(14, 15, 16, 21)));
    CheckoutRules.Diner diner = new CheckoutRules.Diner(true, "普通", true, 0, false, List.of(afternoons));
    CouponChoice chosen = new CouponChoice(false, Optional.of(afternoons.id()));

    CheckoutRules.Outcome inside = CheckoutRules.quote(CART, diner, chosen, Instant.parse("2026-06-01T07:30:00Z"),
        STORE, SHANGHAI);
    assertThat(inside.priced()).as("15:30 in Shanghai").isTrue();
    assertThat(inside.quote().chosen()).contains(afternoons);
    assertThat(inside.quote().totalFen()).isEqualTo(13600 - 500);

    CheckoutRules.Outcome outside = CheckoutRules.quote(CART, diner, chosen, Instant.parse("2026-06-01T09:00:00Z"),
        STORE, SHANGHAI);
    assertThat(outside.priced()).as("17:00 in Shanghai: the last hour has ended").isFalse();
    assertThat(outside.refusal().code()).isEqualTo("coupon_outside_hours");
    assertThat(outside.refusal().message()).isEqualTo("这张优惠券仅限每天 14:00–17:00、21:00–22:00 使用（门店当地时间）");
    CheckoutRules.Quote listed = quote(diner, CouponChoice.BEST);
    assertThat(listed.chosen()).as("20:00 in Shanghai").isEmpty();
    assertThat(listed.options()).extracting(CheckoutRules.Option::usable, option -> option.reason().code())
        .containsExactly(tuple(false, "coupon_outside_hours"));

    assertThat(CheckoutRules.quote(CART, diner, chosen, NOW, STORE, ZoneId.of("Europe/Moscow")).priced())
        .as("the same instant is 15:00 in Moscow").isTrue();
    assertThat(CheckoutRules.quote(CART, diner, chosen, Instant.parse("2026-06-01T07:30:00Z"), STORE, ZoneOffset.UTC)
        .priced()).as("the same 15:30 in Shanghai is 07:30 in UTC").isFalse();
  }

  @Test
  void aCouponForSomeStoresIsUsableAtThoseOnly() {
    UUID elsewhere = UUID.randomUUID();
    Coupon ours = coupon(new CouponTerms(CouponTerms.Kind.AMOUNT_OFF, 0, 500L, null, null, null, false,
        CouponTerms.Scope.MENU, List.of(), false, List.of(), List.of(STORE)));
    CheckoutRules.Diner diner = new CheckoutRules.Diner(true, "普通", true, 0, false, List.of(ours));
    CouponChoice chosen = new CouponChoice(false, Optional.of(ours.id()));

    assertThat(CheckoutRules.quote(CART, diner, chosen, NOW, STORE, SHANGHAI).quote().totalFen())
        .isEqualTo(13600 - 500);
    CheckoutRules.Outcome refused = CheckoutRules.quote(CART, diner, chosen, NOW, elsewhere, SHANGHAI);
    assertThat(refused.refusal().code()).isEqualTo("store_not_eligible");
    assertThat(refused.refusal().message()).isEqualTo("仅限指定门店使用");
    assertThat(CheckoutRules.quote(CART, diner, CouponChoice.BEST, NOW, elsewhere, SHANGHAI).quote().options())
        .extracting(CheckoutRules.Option::usable, option -> option.reason().code())
        .containsExactly(tuple(false, "store_not_eligible"));
  }

  private static CheckoutRules.Quote quote(CheckoutRules.Diner diner, CouponChoice choice) {
    CheckoutRules.Outcome outcome = CheckoutRules.quote(CART, diner, choice, NOW, STORE, SHANGHAI);
    assertThat(outcome.priced()).as(String.valueOf(outcome.refusal())).isTrue();
    return outcome.quote();
  }

  private static CheckoutRules.Diner gold(List<Coupon> coupons) {
    return new CheckoutRules.Diner(true, "金卡", true, 5, false, coupons);
  }

  private static CouponTerms terms(CouponTerms.Kind kind, long thresholdFen, Long amountOffFen, Integer percentOff,
                                   Long capFen, boolean stackable) {
    return new CouponTerms(kind, thresholdFen, amountOffFen, percentOff, capFen, null, false, CouponTerms.Scope.MENU,
        List.of(), stackable, List.of());
  }

  private static Coupon coupon(CouponTerms terms) {
    return new Coupon(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "券", terms, CouponSource.OWNER,
        NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(7)), null, null);
  }
}
