package app.tableloop.loyalty.coupon;

import app.tableloop.ordering.CouponChoice;
import app.tableloop.ordering.OrderAdjustment;
import app.tableloop.platform.refusal.Refusal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an order costs a diner, from its lines at menu prices: a member whose level gives member prices pays them;
 * then the level's discount percent comes off; then one coupon. A coupon that is not stackable replaces the level's
 * discount instead of adding to it. "Best" is the usable coupon that leaves the least to pay (the soonest to expire
 * among equals), or none when no coupon beats the level's discount alone. Amounts off are rounded down, in fen. A
 * coupon for some hours of the day is usable in those hours of the store's time zone; one for some stores only at
 * those. Plain rules, no I/O.
 */
public final class CheckoutRules {
  private CheckoutRules() {
  }

  /** A line of the order at menu prices, with its dish's category and its unit price for members. */
  public record Line(UUID dishId, UUID categoryId, int quantity, long unitPriceFen, long memberUnitPriceFen) {
  }

  /**
   * The placing diner as checkout sees them: a member with their level's benefits, whether this is their first
   * visit, and their coupons; or no member at all.
   */
  public record Diner(boolean member, String levelName, boolean memberPrices, int discountPercent,
                      boolean firstVisit, List<Coupon> coupons) {
    public static final Diner NOT_A_MEMBER = new Diner(false, null, false, 0, false, List.of());
  }

  /** A coupon of the diner's for this order: whether it can be used, what it would take off, or why not. */
  public record Option(Coupon coupon, boolean usable, long discountFen, Refusal reason) {
  }

  /** The order's price: its subtotal at menu prices, what comes off it, and the coupon chosen if any. */
  public record Quote(long subtotalFen, List<OrderAdjustment> adjustments, List<Option> options,
                      Optional<Coupon> chosen) {
    public long discountFen() {
      return adjustments.stream().mapToLong(OrderAdjustment::amountFen).sum();
    }

    public long totalFen() {
      return subtotalFen - discountFen();
    }
  }

  /** A quote, or the refusal of the coupon the diner chose by its id. */
  public record Outcome(Quote quote, Refusal refusal) {
    public boolean priced() {
      return refusal == null;
    }
  }

  public static Outcome quote(List<Line> lines, Diner diner, CouponChoice choice, Instant now, UUID storeId,
                              ZoneId storeZone) {
    boolean memberPrices = diner.member() && diner.memberPrices();
    long subtotal = lines.stream().mapToLong(line -> line.unitPriceFen() * line.quantity()).sum();
    long afterMemberPrices = lines.stream().mapToLong(line -> after(line, memberPrices)).sum();
    int percent = diner.member() ? diner.discountPercent() : 0;
    long levelOff = afterMemberPrices * percent / 100;
    List<Option> options = diner.coupons().stream()
        .map(coupon -> option(coupon, lines, memberPrices, percent, diner.firstVisit(), now, storeId,
            storeZone))
        .toList();

    Optional<Option> chosen;
    if (choice.best()) {
      chosen = options.stream().filter(Option::usable)
          .filter(option -> value(option, levelOff) > levelOff)
          .max(Comparator.comparingLong((Option option) -> value(option, levelOff))
              .thenComparing(option -> option.coupon().validUntil(), Comparator.reverseOrder()));
    } else if (choice.couponId().isPresent()) {
      UUID wanted = choice.couponId().get();
      chosen = options.stream().filter(option -> option.coupon().id().equals(wanted)).findFirst();
      if (chosen.isEmpty()) {
        return new Outcome(null, CouponRefusal.COUPON_NOT_FOUND);
      }
      if (!chosen.get().usable()) {
        return new Outcome(null, chosen.get().reason());
      }
    } else {
      chosen = Optional.empty();
    }

    List<OrderAdjustment> adjustments = new ArrayList<>();
    if (subtotal > afterMemberPrices) {
      adjustments.add(new OrderAdjustment(OrderAdjustment.Kind.MEMBER_PRICE, "会员价", subtotal - afterMemberPrices,
          null));
    }
    if (levelOff > 0 && chosen.map(option -> option.coupon().terms().stackable()).orElse(true)) {
      adjustments.add(new OrderAdjustment(OrderAdjustment.Kind.LEVEL_DISCOUNT,
          diner.levelName() + "会员" + zhe(percent), levelOff, null));
    }
    chosen.ifPresent(option -> adjustments.add(new OrderAdjustment(OrderAdjustment.Kind.COUPON,
        option.coupon().name(), option.discountFen(), option.coupon().id())));
    return new Outcome(new Quote(subtotal, List.copyOf(adjustments), options, chosen.map(Option::coupon)), null);
  }

  /** What the order gets off with this coupon, besides member prices: with the level's discount when it stacks. */
  private static long value(Option option, long levelOff) {
    return option.discountFen() + (option.coupon().terms().stackable() ? levelOff : 0);
  }

  private static Option option(Coupon coupon, List<Line> lines, boolean memberPrices, int percent,
                               boolean firstVisit, Instant now, UUID storeId, ZoneId storeZone) {
    CouponTerms terms = coupon.terms();
    if (coupon.usedAt() != null) {
      return unusable(coupon, CouponRefusal.COUPON_USED);
    }
    if (!now.isBefore(coupon.validUntil())) {
      return unusable(coupon, CouponRefusal.COUPON_EXPIRED);
    }
    if (now.isBefore(coupon.validFrom())) {
      return unusable(coupon, CouponRefusal.COUPON_NOT_YET_VALID);
    }
    if (!terms.usableAt(storeId)) {
      return unusable(coupon, CouponRefusal.STORE_NOT_ELIGIBLE);
    }
    if (!terms.usableInHour(now.atZone(storeZone).getHour())) {
      return unusable(coupon, CouponRefusal.outsideHours(terms.validHours()));
    }
    if (terms.firstVisitOnly() && !firstVisit) {
      return unusable(coupon, CouponRefusal.FIRST_VISIT_ONLY);
    }
    // What is left of a line once the level's discount came off it, when the coupon stacks with that discount.
    int keep = terms.stackable() ? 100 - percent : 100;
    List<Line> inScope = lines.stream().filter(line -> inScope(terms, line)).toList();
    if (inScope.isEmpty()) {
      return unusable(coupon, CouponRefusal.OUT_OF_SCOPE);
    }
    long base = inScope.stream().mapToLong(line -> after(line, memberPrices)).sum() * keep / 100;
    if (base < terms.thresholdFen()) {
      return unusable(coupon, CouponRefusal.belowThreshold(terms.thresholdFen(), base));
    }
    long off = switch (terms.kind()) {
      case AMOUNT_OFF -> Math.min(terms.amountOffFen(), base);
      case PERCENT_OFF -> Math.min(base * terms.percentOff() / 100,
          terms.capFen() == null ? Long.MAX_VALUE : terms.capFen());
      case FREE_DISH -> lines.stream().filter(line -> line.dishId().equals(terms.freeDishId()))
          .mapToLong(line -> (memberPrices ? line.memberUnitPriceFen() : line.unitPriceFen()) * keep / 100)
          .min().orElse(-1);
    };
    if (off < 0) {
      return unusable(coupon, CouponRefusal.FREE_DISH_MISSING);
    }
    return off == 0 ? unusable(coupon, CouponRefusal.OUT_OF_SCOPE) : new Option(coupon, true, off, null);
  }

  private static boolean inScope(CouponTerms terms, Line line) {
    return switch (terms.scope()) {
      case MENU -> true;
      case CATEGORIES -> terms.scopeIds().contains(line.categoryId());
      case DISHES -> terms.scopeIds().contains(line.dishId());
    };
  }

  private static long after(Line line, boolean memberPrices) {
    return (memberPrices ? line.memberUnitPriceFen() : line.unitPriceFen()) * line.quantity();
  }

  private static Option unusable(Coupon coupon, Refusal reason) {
    return new Option(coupon, false, 0, reason);
  }

  /** 5 % off is 95折, 10 % off 9折. */
  public static String zhe(int percentOff) {
    int rate = 100 - percentOff;
    return (rate % 10 == 0 ? Integer.toString(rate / 10) : Integer.toString(rate)) + "折";
  }
}
