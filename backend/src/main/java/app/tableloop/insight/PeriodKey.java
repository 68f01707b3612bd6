package app.tableloop.insight;

import java.util.Arrays;
import java.util.Optional;

/** The periods a dashboard reads, and how a sentence names the period before each. */
public enum PeriodKey {
  TODAY("today", 1, "昨天", "yesterday"),
  LAST_7_DAYS("7d", 7, "上周", "last week"),
  LAST_30_DAYS("30d", 30, "上月", "last month");

  private final String wireName;
  private final int days;
  private final String previousZh;
  private final String previousEn;

  PeriodKey(String wireName, int days, String previousZh, String previousEn) {
    this.wireName = wireName;
    this.days = days;
    this.previousZh = previousZh;
    this.previousEn = previousEn;
  }

  public String wireName() {
    return wireName;
  }

  public int days() {
    return days;
  }

  /** The period before, as a sentence compares with it: "比上周少". */
  public String previousZh() {
    return previousZh;
  }

  public String previousEn() {
    return previousEn;
  }

  public static Optional<PeriodKey> fromWireName(String value) {
    return Arrays.stream(values()).filter(key -> key.wireName.equals(value)).findFirst();
  }
}
