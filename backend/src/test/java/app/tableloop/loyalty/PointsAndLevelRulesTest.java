package app.tableloop.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.loyalty.level.DefaultLevels;
import app.tableloop.loyalty.level.DefaultLevels.Level;
import app.tableloop.loyalty.level.LevelRules;
import app.tableloop.loyalty.points.EarnRule;
import app.tableloop.loyalty.points.PointsRules;
import app.tableloop.platform.refusal.Refusal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plain rules of points and levels: earning, expiry, taking from lots, clawing back, and a valid ladder. */
class PointsAndLevelRulesTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void pointsAreEarnedPerWholeYuanPaidTimesTheMultiplierRoundedDown() {
    assertThat(EarnRule.DEFAULT.points(8800, new BigDecimal("1.0"))).isEqualTo(88);
    assertThat(EarnRule.DEFAULT.points(8899, new BigDecimal("1.0"))).as("fen below a yuan earn nothing").isEqualTo(88);
    assertThat(EarnRule.DEFAULT.points(8800, new BigDecimal("1.2"))).isEqualTo(105);
    assertThat(EarnRule.DEFAULT.points(99, new BigDecimal("1.5"))).isZero();
    assertThat(new EarnRule(3, Optional.empty()).points(8800, new BigDecimal("1.5"))).isEqualTo(396);
  }

  @Test
  void aLotLastsUntilTheEndOfNextYearInTheStoresTimeZoneOrSoManyDays() {
    // Already 2026 in Shanghai (01:30 on New Year's Day), still 2025 in UTC.
    Instant lateInTheYear = Instant.parse("2025-12-31T17:30:00Z");
    assertThat(EarnRule.DEFAULT.expiresAt(lateInTheYear, SHANGHAI))
        .isEqualTo(Instant.parse("2027-12-31T16:00:00Z")); // 2028-01-01 00:00 in Shanghai
    assertThat(EarnRule.DEFAULT.expiresAt(lateInTheYear, ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(new EarnRule(1, Optional.of(30)).expiresAt(lateInTheYear, SHANGHAI))
        .isEqualTo(Instant.parse("2026-01-30T17:30:00Z"));
  }

  @Test
  void pointsAreTakenLotByLotInTheOrderGivenAndWhatTheLotsLackIsTheShortfall() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    List<PointsRules.Lot> lots = List.of(new PointsRules.Lot(first, 30), new PointsRules.Lot(second, 50));

    PointsRules.Allocation some = PointsRules.take(lots, 40);
    assertThat(some.takes()).containsExactly(new PointsRules.Take(first, 30), new PointsRules.Take(second, 10));
    assertThat(some.shortfall()).isZero();
    assertThat(PointsRules.take(lots, 20).takes()).containsExactly(new PointsRules.Take(first, 20));
    PointsRules.Allocation tooMany = PointsRules.take(lots, 100);
    assertThat(tooMany.taken()).isEqualTo(80);
    assertThat(tooMany.shortfall()).isEqualTo(20);
    assertThat(PointsRules.take(List.of(), 5).shortfall()).isEqualTo(5);
  }

  @Test
  void aRefundClawsBackInProportionAndAFullRefundEverything() {
    assertThat(PointsRules.clawbackDue(88, 8800, 0, 0)).isZero();
    assertThat(PointsRules.clawbackDue(88, 8800, 1000, 0)).isEqualTo(10);
    assertThat(PointsRules.clawbackDue(88, 8800, 8800, 10)).as("the rest, after the first").isEqualTo(78);
    assertThat(PointsRules.clawbackDue(88, 8800, 8800, 0)).isEqualTo(88);
    assertThat(PointsRules.clawbackDue(88, 8800, 8800, 88)).as("a refund counted again").isZero();
    assertThat(PointsRules.clawbackDue(105, 8850, 50, 0)).as("rounded for the restaurant").isEqualTo(1);
  }

  @Test
  void theBuiltInLaddersAreValidAndTheSpendReachesTheHighestLevelItPasses() {
    assertThat(LevelRules.refusal(DefaultLevels.ALL)).isEmpty();
    assertThat(DefaultLevels.ALL).extracting(Level::name).containsExactly("普通", "银卡", "金卡");
    assertThat(LevelRules.reached(DefaultLevels.ALL, 99_999).rank()).isZero();
    assertThat(LevelRules.reached(DefaultLevels.ALL, 100_000).rank()).isEqualTo(1);
    assertThat(LevelRules.reached(DefaultLevels.ALL, 5_000_000).rank()).isEqualTo(2);
    assertThat(LevelRules.above(DefaultLevels.ALL, 1)).map(Level::name).contains("金卡");
    assertThat(LevelRules.above(DefaultLevels.ALL, 2)).isEmpty();
  }

  @Test
  void aLadderOutOfOrderOrWithAnEntrySpendOrTwiceANameIsRefusedNamingTheField() {
    assertThat(field(ladder(level(1, "普通", 0)))).isEqualTo("items[0].rank");
    assertThat(field(ladder(level(0, "普通", 100)))).isEqualTo("items[0].min_spend_fen");
    assertThat(field(ladder(level(0, "普通", 0), level(1, "银卡", 0)))).isEqualTo("items[1].min_spend_fen");
    assertThat(field(ladder(level(0, "普通", 0), level(1, "普通", 500)))).isEqualTo("items[1].name");
    List<Level> fractional = ladder(level(0, "普通", 0),
        new Level(1, "银卡", 500, true, 0, new BigDecimal("1.25")));
    assertThat(field(fractional)).isEqualTo("items[1].points_multiplier");
    assertThat(field(List.of())).isEqualTo("items");
    assertThat(LevelRules.refusal(ladder(level(0, "普通", 0), level(1, "银卡", 500)))).isEmpty();
  }

  private static String field(List<Level> levels) {
    Optional<Refusal> refusal = LevelRules.refusal(levels);
    assertThat(refusal).isPresent();
    assertThat(refusal.get().code()).isEqualTo("levels_invalid");
    return refusal.get().field();
  }

  private static List<Level> ladder(Level... levels) {
    return new ArrayList<>(List.of(levels));
  }

  private static Level level(int rank, String name, long minSpendFen) {
    return new Level(rank, name, minSpendFen, true, 0, new BigDecimal("1.0"));
  }
}
