package app.tableloop.insight;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.insight.RankingRules.StoreFigures;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stores side by side: ranked by revenue, each figure against the brand's median, the ones below it named. */
class RankingRulesTest {

  private static StoreFigures store(String name, long revenue, long previous, long known, long returning,
                                    long basket, Double campaignReturn) {
    return new StoreFigures(UUID.randomUUID(), name, revenue, previous, known, returning, basket, campaignReturn);
  }

  @Test
  void storesAreRankedByRevenueAndFlaggedWhereTheyAreBelowTheBrandsMedian() {
    RankingRules.Ranking ranking = RankingRules.rank(List.of(
        store("二号店", 50_000, 100_000, 10, 2, 5_000, null),
        store("一号店", 200_000, 100_000, 10, 8, 10_000, 3.0),
        store("三号店", 120_000, 0, 4, 3, 8_000, 1.0)));

    assertThat(ranking.stores()).extracting(ranked -> ranked.store().name())
        .containsExactly("一号店", "三号店", "二号店");
    assertThat(ranking.stores()).extracting(RankingRules.Ranked::rank).containsExactly(1, 2, 3);
    assertThat(ranking.median()).isEqualTo(new RankingRules.Medians(120_000L, 25.0, 75.0, 8_000L, 2.0));
    assertThat(ranking.stores().get(0).belowMedian()).isEmpty();
    assertThat(ranking.stores().get(1).belowMedian()).as("no previous revenue: no growth to flag")
        .containsExactly("campaign_return");
    assertThat(ranking.stores().get(2).belowMedian())
        .containsExactly("revenue_fen", "growth_percent", "repeat_rate_percent", "avg_basket_fen");
  }

  @Test
  void growthAndRepeatRateAreToOneDecimalAndAbsentWithoutAPreviousPeriod() {
    StoreFigures store = store("一号店", 123_456, 100_000, 3, 1, 0, null);

    assertThat(store.growthPercent()).isEqualTo(23.5);
    assertThat(store.repeatRatePercent()).isEqualTo(33.3);
    assertThat(store("新店", 1, 0, 0, 0, 0, null).growthPercent()).isNull();
    assertThat(store("新店", 1, 0, 0, 0, 0, null).repeatRatePercent()).isZero();
  }

  @Test
  void aBrandOfOneStoreIsItsOwnMedianAndNeverBelowIt() {
    RankingRules.Ranking ranking = RankingRules.rank(List.of(store("唯一店", 5_000, 4_000, 2, 1, 2_500, null)));

    assertThat(ranking.stores().get(0).belowMedian()).isEmpty();
    assertThat(ranking.median().campaignReturn()).isNull();
  }
}
