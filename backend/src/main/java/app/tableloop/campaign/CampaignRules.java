package app.tableloop.campaign;

import app.tableloop.loyalty.coupon.CouponTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a campaign card's defaults come from the store's data, and what it is expected to cost. Plain rules, no I/O.
 * The assumptions are named here and said on the card: each type's expected redemption share ({@link CampaignType}),
 * the price of one SMS, that a redeemed coupon brings an order of the audience's average basket, and how an off-peak
 * offer reads the store's quiet hours from its paid bills.
 */
public final class CampaignRules {
  /** What one marketing SMS costs, as Chinese providers price them (¥0.1). */
  public static final long SMS_PRICE_FEN = 10;
  /** The basket assumed when the store has no paid visit yet (¥100). */
  public static final long BASKET_WITHOUT_HISTORY_FEN = 10_000;
  /** The smallest reward worth a message (¥5). */
  public static final long MIN_REWARD_FEN = 500;
  /** The window in which visits by reached members are shown as visits after the campaign. */
  public static final int VISIT_WINDOW_DAYS = 14;
  /** The weeks of paid bills an off-peak offer reads the store's hours from. */
  public static final int OFF_PEAK_WEEKS = 8;
  /** Fewer paid bills than this over those weeks show no pattern yet. */
  public static final int OFF_PEAK_MIN_BILLS = 100;
  /** The first of them must be this old, so that a single busy week is not taken for the store's pattern. */
  public static final int OFF_PEAK_MIN_HISTORY_DAYS = 28;
  /** How many of the opening hours (those with any bill) count as quiet: the ones with the fewest bills. */
  public static final int OFF_PEAK_QUIET_HOURS = 3;
  /** An off-peak offer goes to members who visited at least once: they know the store, and only the hour changes. */
  public static final int OFF_PEAK_MIN_VISITS = 1;
  private static final long FIVE_YUAN = 500;
  private static final long ONE_YUAN = 100;

  private CampaignRules() {
  }

  /** The parameters a card starts from; the win-back's basket floor is the store's median basket. */
  public static AudienceParams defaultParams(long medianBasketFen) {
    return new AudienceParams(45, 365, medianBasketFen, 2, 120, 10, 30, 7);
  }

  /** A repeat customer's threshold: just above their own average basket (× the multiplier), rounded up to ¥5. */
  public static long basketBoostThreshold(long avgBasketFen, int multiplierPercent) {
    long raised = (avgBasketFen * multiplierPercent + 99) / 100;
    return (raised + FIVE_YUAN - 1) / FIVE_YUAN * FIVE_YUAN;
  }

  /** The reward scaled to a threshold: its share, to the nearest yuan, never below {@link #MIN_REWARD_FEN}. */
  public static long scaledReward(long thresholdFen, int rewardPercent) {
    long share = thresholdFen * rewardPercent / 100;
    return Math.max(MIN_REWARD_FEN, (share + ONE_YUAN / 2) / ONE_YUAN * ONE_YUAN);
  }

  /**
   * The store's quiet hours, in order: among its opening hours (the hours of the day with any paid bill over the
   * weeks read), the {@link #OFF_PEAK_QUIET_HOURS} with the fewest bills (the earlier hour among equals). None while
   * the history is too short or too thin to tell, or when the store is open no longer than that.
   *
   * @param billsByHour the paid bills of each hour of the day (store time) over the last {@link #OFF_PEAK_WEEKS}
   * @param firstBill   when the first of them was paid, or null without any
   */
  public static List<Integer> quietHours(Map<Integer, Long> billsByHour, Instant firstBill, Instant now) {
    long bills = billsByHour.values().stream().mapToLong(Long::longValue).sum();
    List<Integer> opening = billsByHour.entrySet().stream().filter(hour -> hour.getValue() > 0)
        .map(Map.Entry::getKey).toList();
    if (bills < OFF_PEAK_MIN_BILLS || firstBill == null
        || firstBill.isAfter(now.minus(Duration.ofDays(OFF_PEAK_MIN_HISTORY_DAYS)))
        || opening.size() <= OFF_PEAK_QUIET_HOURS) {
      return List.of();
    }
    return opening.stream()
        .sorted(Comparator.comparingLong((Integer hour) -> billsByHour.get(hour)).thenComparing(hour -> hour))
        .limit(OFF_PEAK_QUIET_HOURS).sorted().toList();
  }

  /** The offer a card proposes, from its audience's average basket and the store's median. */
  public static Offer defaultOffer(CampaignType type, AudienceParams params, long audienceAvgFen, long medianFen) {
    long basket = audienceAvgFen > 0 ? audienceAvgFen : medianFen > 0 ? medianFen : BASKET_WITHOUT_HISTORY_FEN;
    return switch (type) {
      case WIN_BACK -> new Offer(roundDownToFiveYuan(basket), scaledReward(basket, 15), 14, false);
      case BASKET_BOOST -> {
        long threshold = basketBoostThreshold(basket, params.multiplierPercent());
        yield new Offer(threshold, scaledReward(threshold, params.rewardPercent()), 30, true);
      }
      case OFF_PEAK -> new Offer(roundDownToFiveYuan(basket), scaledReward(basket, 15), 30, false);
      case WELCOME -> new Offer(roundDownToFiveYuan(basket), scaledReward(basket, 10), 30, false);
      case BIRTHDAY -> new Offer(roundDownToFiveYuan(basket), scaledReward(basket, 20), 14, false);
    };
  }

  /**
   * Coupon value × the expected redemptions, plus one SMS to each member reachable by SMS; the revenue expected is
   * one average basket per redemption.
   */
  public static Estimate estimate(CampaignType type, Audience audience, Offer offer) {
    long percent = type.expectedRedemptionPercent();
    long basket = Math.max(audience.avgBasketFen(), offer.thresholdFen());
    return new Estimate(audience.count() * percent / 100.0,
        (audience.count() * percent * offer.amountOffFen() + 50) / 100, audience.reachableBySms() * SMS_PRICE_FEN,
        (audience.count() * percent * basket + 50) / 100);
  }

  /** What the campaign is expected to return over its cost, for ranking the cards. */
  public static long expectedGain(Estimate estimate) {
    return estimate.expectedRevenueFen() - estimate.totalCostFen();
  }

  /** Whether an owner's offer makes sense: a reward below the threshold it asks (or any reward without one). */
  public static boolean offerHolds(Offer offer) {
    return offer.amountOffFen() > 0 && (offer.thresholdFen() == 0 || offer.amountOffFen() < offer.thresholdFen())
        && offer.validityDays() >= 1 && offer.validityDays() <= 365;
  }

  /** The coupon's name, as the wallet shows it: 满 X 减 Y, or 无门槛减 Y. */
  public static String couponName(CampaignType type, long thresholdFen, long amountOffFen) {
    String terms = thresholdFen == 0 ? "无门槛减" + yuan(amountOffFen) : "满" + yuan(thresholdFen) + "减"
        + yuan(amountOffFen);
    return type.title() + " " + terms;
  }

  /**
   * What the member reads in the message box (and, with the opt-out, by SMS); {@code validHours} are those the coupon
   * is usable in (none: any time).
   */
  public static String message(CampaignType type, String storeName, Offer offer, List<Integer> validHours) {
    String coupon = offer.perMember() ? "一张专属满减券" : "一张" + couponTerms(offer) + "券";
    return type.headline() + "！" + storeName + "送你" + coupon + "，" + hoursNote(validHours) + offer.validityDays()
        + " 天内有效，已放入你的券包。";
  }

  /** The hours a coupon is usable in, as the card and the message say them; nothing for any time. */
  private static String hoursNote(List<Integer> validHours) {
    return validHours.isEmpty() ? "" : "仅限每天 " + CouponTerms.hoursText(validHours) + " 使用，";
  }

  /** The SMS text: the message with the opt-out every marketing SMS carries. */
  public static String smsText(String message) {
    return message + "退订回T";
  }

  /** The coupon as the card shows it: its terms, and the hours it is usable in when it has some. */
  public static String couponPreview(Offer offer, List<Integer> validHours) {
    return couponTerms(offer) + (validHours.isEmpty() ? "" : "，仅限每天 " + CouponTerms.hoursText(validHours) + " 使用");
  }

  public static String couponTerms(Offer offer) {
    return offer.thresholdFen() == 0 ? "无门槛减" + yuan(offer.amountOffFen()) + "元"
        : "满" + yuan(offer.thresholdFen()) + "减" + yuan(offer.amountOffFen()) + "元";
  }

  public static String yuan(long fen) {
    return fen % 100 == 0 ? Long.toString(fen / 100) : String.format("%d.%02d", fen / 100, fen % 100);
  }

  private static long roundDownToFiveYuan(long fen) {
    return fen / FIVE_YUAN * FIVE_YUAN;
  }
}
