package app.tableloop.insight;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.insight.ExplanationRules.Part;
import app.tableloop.insight.RevenueChange.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Why revenue moved, as plain rules: the parts always add up to the change, and read as an owner would say it. */
class ExplanationRulesTest {

  private static Side returning(long visits, long fen) {
    return new Side(0, 0, visits, fen, 0, 0);
  }

  private static long sum(List<Part> parts) {
    return parts.stream().mapToLong(Part::changeFen).sum();
  }

  @Test
  void regularsComingLessOftenWithABiggerBasketReadAsFewerVisitsAndAHigherBasket() {
    RevenueChange change = new RevenueChange(returning(82, 82 * 10_600), returning(100, 1_000_000));

    ExplanationRules.Explanation explanation = ExplanationRules.explain(change, PeriodKey.LAST_7_DAYS);

    assertThat(explanation.parts()).containsExactly(
        new Part("new_customers", 0, 0L, 0L),
        new Part("visit_frequency", -180_000, 82L, 100L),
        new Part("basket_size", 49_200, 10_600L, 10_000L),
        new Part("other", 0, null, null),
        new Part("stored_value", 0, null, null));
    assertThat(sum(explanation.parts())).isEqualTo(change.changeFen()).isEqualTo(-130_800);
    assertThat(explanation.sentences())
        .containsExactly("营业额比上周少 ¥1,308：老顾客少来了 18 人次（−¥1,800），客单价涨了 ¥6（+¥492）。");
    assertThat(explanation.sentencesEn()).containsExactly("Revenue is ¥1,308 lower than last week: returning"
        + " customers came 18 fewer times (−¥1,800), the average basket rose by ¥6 (+¥492).");
  }

  @Test
  void theBasketPartTakesTheRoundingSoThePartsAddUpToTheFen() {
    RevenueChange change = new RevenueChange(new Side(2, 3_333, 7, 10_001, 17, 0), new Side(1, 1_000, 3, 1_000, 5, 0));

    List<Part> parts = ExplanationRules.parts(change);

    assertThat(parts.get(1).changeFen()).as("4 more visits at the previous basket ¥3.33").isEqualTo(4 * 333);
    assertThat(parts.get(2).changeFen()).isEqualTo(10_001 - 1_000 - 4 * 333);
    assertThat(sum(parts)).isEqualTo(change.changeFen()).isEqualTo(3_333 + 10_001 + 17 - 1_000 - 1_000 - 5);
  }

  @Test
  void aFirstPeriodWithRegularsReadsAsVisitsNotAsBasket() {
    RevenueChange change = new RevenueChange(returning(3, 30_001), returning(0, 0));

    List<Part> parts = ExplanationRules.parts(change);

    assertThat(parts.get(1).changeFen()).as("3 visits at this period's basket ¥100").isEqualTo(30_000);
    assertThat(parts.get(2).changeFen()).as("only the rounding").isEqualTo(1);
    assertThat(ExplanationRules.explain(change, PeriodKey.TODAY).sentences())
        .containsExactly("营业额比昨天多 ¥300.01：老顾客多来了 3 人次（+¥300）。");
  }

  @Test
  void newCustomersAndBillsWithoutADinerAreTheirOwnPartsLargestFirst() {
    RevenueChange change = new RevenueChange(new Side(5, 60_000, 0, 0, 2_000, 0), new Side(2, 20_000, 0, 0, 5_000, 0));

    ExplanationRules.Explanation explanation = ExplanationRules.explain(change, PeriodKey.LAST_30_DAYS);

    assertThat(sum(explanation.parts())).isEqualTo(37_000);
    assertThat(explanation.sentences()).containsExactly(
        "营业额比上月多 ¥370：新顾客多了 3 位（+¥400），未关联顾客的账单少了（−¥30）。");
    assertThat(explanation.sentencesEn()).containsExactly(
        "Revenue is ¥370 higher than last month: 3 more new customers (+¥400), bills without a known customer fell"
            + " (−¥30).");
  }

  @Test
  void storedValueSoldMakesRevenueAsTheSettlementNetsIt() {
    // A ¥500 top-up sold this week, and a ¥120 meal paid from a balance (a sale, but no money taken).
    RevenueChange change = new RevenueChange(new Side(0, 0, 2, 20_000, 0, 50_000 - 12_000),
        new Side(0, 0, 2, 20_000, 0, 0));

    ExplanationRules.Explanation explanation = ExplanationRules.explain(change, PeriodKey.LAST_7_DAYS);

    assertThat(change.changeFen()).isEqualTo(38_000);
    assertThat(explanation.parts().get(4)).isEqualTo(new Part("stored_value", 38_000, null, null));
    assertThat(sum(explanation.parts())).isEqualTo(38_000);
    assertThat(explanation.sentences()).containsExactly("营业额比上周多 ¥380：储值净充值多了（+¥380）。");
    assertThat(explanation.sentencesEn()).containsExactly(
        "Revenue is ¥380 higher than last week: stored value sold net of balances spent rose (+¥380).");
  }

  @Test
  void unchangedSalesSaySo() {
    Side same = new Side(1, 1_000, 2, 4_000, 0, 0);

    ExplanationRules.Explanation explanation = ExplanationRules.explain(new RevenueChange(same, same),
        PeriodKey.TODAY);

    assertThat(explanation.parts()).allMatch(part -> part.changeFen() == 0);
    assertThat(explanation.sentences()).containsExactly("营业额与昨天持平。");
    assertThat(explanation.sentencesEn()).containsExactly("Revenue is the same as yesterday.");
  }

  @Test
  void moneyReadsInYuanWithThousandsAndFenOnlyWhenThereAreSome() {
    assertThat(ExplanationRules.yuan(231_000)).isEqualTo("¥2,310");
    assertThat(ExplanationRules.yuan(2_350)).isEqualTo("¥23.50");
    assertThat(ExplanationRules.yuan(-302_000)).isEqualTo("−¥3,020");
    assertThat(ExplanationRules.yuan(123_456_789)).isEqualTo("¥1,234,567.89");
    assertThat(ExplanationRules.yuan(0)).isEqualTo("¥0");
  }
}
