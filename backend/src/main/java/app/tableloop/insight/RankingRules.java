package app.tableloop.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The brand's stores side by side: ranked by revenue, each figure held against the median of the brand's stores, and
 * the figures where a store is below that median named ("benchmark with my neighbours"). A figure a store lacks (no
 * previous revenue to grow from, no campaign cost yet) is left out of its median and never flagged.
 */
public final class RankingRules {
  public static final String REVENUE = "revenue_fen";
  public static final String GROWTH = "growth_percent";
  public static final String REPEAT_RATE = "repeat_rate_percent";
  public static final String AVG_BASKET = "avg_basket_fen";
  public static final String CAMPAIGN_RETURN = "campaign_return";

  private RankingRules() {
  }

  /** What a store did in the period: revenue now and before, diners who came back, average bill, campaign return. */
  public record StoreFigures(UUID storeId, String name, long revenueFen, long previousRevenueFen,
                             long knownDiners, long returningDiners, long avgBasketFen, Double campaignReturn) {
    /** Revenue change against the period before, in percent to one decimal; null when there was none before. */
    public Double growthPercent() {
      return previousRevenueFen <= 0 ? null
          : oneDecimal((revenueFen - previousRevenueFen) * 100.0 / previousRevenueFen);
    }

    /** Of the diners known to have paid in the period, the share who had paid at the brand before. */
    public double repeatRatePercent() {
      return knownDiners == 0 ? 0.0 : oneDecimal(returningDiners * 100.0 / knownDiners);
    }
  }

  public record Medians(Long revenueFen, Double growthPercent, Double repeatRatePercent, Long avgBasketFen,
                        Double campaignReturn) {
  }

  public record Ranked(int rank, StoreFigures store, List<String> belowMedian) {
  }

  public record Ranking(Medians median, List<Ranked> stores) {
  }

  public static Ranking rank(List<StoreFigures> stores) {
    Medians median = new Medians(
        roundedMedian(stores, store -> (double) store.revenueFen()),
        oneDecimalMedian(stores, StoreFigures::growthPercent),
        oneDecimalMedian(stores, StoreFigures::repeatRatePercent),
        roundedMedian(stores, store -> (double) store.avgBasketFen()),
        twoDecimalMedian(stores, StoreFigures::campaignReturn));
    List<StoreFigures> ordered = stores.stream()
        .sorted(Comparator.comparingLong(StoreFigures::revenueFen).reversed().thenComparing(StoreFigures::name))
        .toList();
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      StoreFigures store = ordered.get(i);
      List<String> below = new ArrayList<>();
      flagBelow(below, REVENUE, (double) store.revenueFen(), median.revenueFen());
      flagBelow(below, GROWTH, store.growthPercent(), median.growthPercent());
      flagBelow(below, REPEAT_RATE, store.repeatRatePercent(), median.repeatRatePercent());
      flagBelow(below, AVG_BASKET, (double) store.avgBasketFen(), median.avgBasketFen());
      flagBelow(below, CAMPAIGN_RETURN, store.campaignReturn(), median.campaignReturn());
      ranked.add(new Ranked(i + 1, store, List.copyOf(below)));
    }
    return new Ranking(median, ranked);
  }

  private static void flagBelow(List<String> below, String key, Double value, Number median) {
    if (value != null && median != null && value < median.doubleValue()) {
      below.add(key);
    }
  }

  /** The middle value (the mean of the two middle ones for an even count); null when no store has the figure. */
  static Double median(List<StoreFigures> stores, Function<StoreFigures, Double> figure) {
    List<Double> values = stores.stream().map(figure).filter(Objects::nonNull).sorted().toList();
    if (values.isEmpty()) {
      return null;
    }
    int middle = values.size() / 2;
    return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
  }

  private static Long roundedMedian(List<StoreFigures> stores, Function<StoreFigures, Double> figure) {
    Double median = median(stores, figure);
    return median == null ? null : Math.round(median);
  }

  private static Double oneDecimalMedian(List<StoreFigures> stores, Function<StoreFigures, Double> figure) {
    Double median = median(stores, figure);
    return median == null ? null : oneDecimal(median);
  }

  private static Double twoDecimalMedian(List<StoreFigures> stores, Function<StoreFigures, Double> figure) {
    Double median = median(stores, figure);
    return median == null ? null : Math.round(median * 100) / 100.0;
  }

  static double oneDecimal(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
