package app.tableloop.insight;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Why revenue moved against the period before: the change split into new customers' spend, returning customers'
 * visits (their number of bills at the reference basket) and basket size (the rest of their change, which also takes
 * the fen lost to rounding the basket), bills with no known diner, and stored value (sold less spent from balances).
 * The parts add up to the change exactly.
 */
public final class ExplanationRules {
  public static final String NEW_CUSTOMERS = "new_customers";
  public static final String VISIT_FREQUENCY = "visit_frequency";
  public static final String BASKET_SIZE = "basket_size";
  public static final String OTHER = "other";
  public static final String STORED_VALUE = "stored_value";

  private ExplanationRules() {
  }

  /** A part of the change; {@code current} and {@code previous} are what it counts (null for "other" and stored value). */
  public record Part(String key, long changeFen, Long current, Long previous) {
  }

  public record Explanation(List<Part> parts, List<String> sentences, List<String> sentencesEn) {
  }

  public static Explanation explain(RevenueChange change, PeriodKey key) {
    List<Part> parts = parts(change);
    return new Explanation(parts, List.of(sentenceZh(change, parts, key)), List.of(sentenceEn(change, parts, key)));
  }

  /**
   * The five parts, in their fixed order. Returning visits are valued at the previous period's basket; with no
   * returning bill before, at this period's, so that a first period of regulars reads as visits rather than basket.
   */
  public static List<Part> parts(RevenueChange change) {
    RevenueChange.Side now = change.current();
    RevenueChange.Side before = change.previous();
    long referenceBasket = before.returningVisits() > 0 ? before.returningBasketFen() : now.returningBasketFen();
    long visits = (now.returningVisits() - before.returningVisits()) * referenceBasket;
    long basket = (now.returningFen() - before.returningFen()) - visits;
    return List.of(
        new Part(NEW_CUSTOMERS, now.newFen() - before.newFen(), now.newDiners(), before.newDiners()),
        new Part(VISIT_FREQUENCY, visits, now.returningVisits(), before.returningVisits()),
        new Part(BASKET_SIZE, basket, now.returningBasketFen(), before.returningBasketFen()),
        new Part(OTHER, now.otherFen() - before.otherFen(), null, null),
        new Part(STORED_VALUE, now.storedValueFen() - before.storedValueFen(), null, null));
  }

  private static String sentenceZh(RevenueChange change, List<Part> parts, PeriodKey key) {
    long total = change.changeFen();
    String head = total == 0 ? "营业额与" + key.previousZh() + "持平"
        : "营业额比" + key.previousZh() + (total > 0 ? "多 " : "少 ") + yuan(Math.abs(total));
    List<String> clauses = new ArrayList<>();
    for (Part part : byWeight(parts, change)) {
      long count = part.current() == null ? 0 : part.current() - part.previous();
      String money = "（" + signedYuan(part.changeFen()) + "）";
      switch (part.key()) {
        case NEW_CUSTOMERS -> clauses.add(count == 0
            ? "新顾客消费" + (part.changeFen() > 0 ? "多了" : "少了") + money
            : "新顾客" + (count > 0 ? "多了 " : "少了 ") + Math.abs(count) + " 位" + money);
        case VISIT_FREQUENCY -> clauses.add("老顾客" + (count > 0 ? "多来了 " : "少来了 ") + Math.abs(count) + " 人次" + money);
        case BASKET_SIZE -> clauses.add(count == 0 ? "客单价略有变化" + money
            : "客单价" + (count > 0 ? "涨了 " : "降了 ") + yuan(Math.abs(count)) + money);
        case STORED_VALUE -> clauses.add("储值净充值" + (part.changeFen() > 0 ? "多了" : "少了") + money);
        default -> clauses.add("未关联顾客的账单" + (part.changeFen() > 0 ? "多了" : "少了") + money);
      }
    }
    return head + (clauses.isEmpty() ? "" : "：" + String.join("，", clauses)) + "。";
  }

  private static String sentenceEn(RevenueChange change, List<Part> parts, PeriodKey key) {
    long total = change.changeFen();
    String head = total == 0 ? "Revenue is the same as " + key.previousEn()
        : "Revenue is " + yuan(Math.abs(total)) + (total > 0 ? " higher" : " lower") + " than " + key.previousEn();
    List<String> clauses = new ArrayList<>();
    for (Part part : byWeight(parts, change)) {
      long count = part.current() == null ? 0 : part.current() - part.previous();
      String money = " (" + signedYuan(part.changeFen()) + ")";
      switch (part.key()) {
        case NEW_CUSTOMERS -> clauses.add(count == 0
            ? "new customers spent " + (part.changeFen() > 0 ? "more" : "less") + money
            : Math.abs(count) + (count > 0 ? " more" : " fewer") + " new customers" + money);
        case VISIT_FREQUENCY -> clauses.add("returning customers came " + Math.abs(count)
            + (count > 0 ? " more" : " fewer") + (Math.abs(count) == 1 ? " time" : " times") + money);
        case BASKET_SIZE -> clauses.add(count == 0 ? "the average basket changed slightly" + money
            : "the average basket " + (count > 0 ? "rose" : "fell") + " by " + yuan(Math.abs(count)) + money);
        case STORED_VALUE -> clauses.add("stored value sold net of balances spent " + (part.changeFen() > 0 ? "rose"
            : "fell") + money);
        default -> clauses.add("bills without a known customer " + (part.changeFen() > 0 ? "rose" : "fell") + money);
      }
    }
    return head + (clauses.isEmpty() ? "" : ": " + String.join(", ", clauses)) + ".";
  }

  /**
   * The parts worth a clause, largest first: those that moved money, but not the basket when one of the periods had
   * no returning bills (its part is then only the rounding of the other's basket).
   */
  private static List<Part> byWeight(List<Part> parts, RevenueChange change) {
    boolean basketsComparable = change.current().returningVisits() > 0 && change.previous().returningVisits() > 0;
    return parts.stream()
        .filter(part -> part.changeFen() != 0)
        .filter(part -> !part.key().equals(BASKET_SIZE) || basketsComparable)
        .sorted(Comparator.comparingLong((Part part) -> Math.abs(part.changeFen())).reversed())
        .toList();
  }

  /** Fen as an owner reads money: "¥2,310", or "¥23.50" when not whole yuan. */
  public static String yuan(long fen) {
    DecimalFormat format = new DecimalFormat(fen % 100 == 0 ? "#,##0" : "#,##0.00",
        DecimalFormatSymbols.getInstance(Locale.ROOT));
    return (fen < 0 ? "−¥" : "¥") + format.format(BigDecimal.valueOf(Math.abs(fen), 2));
  }

  private static String signedYuan(long fen) {
    return fen > 0 ? "+" + yuan(fen) : yuan(fen);
  }
}
