package app.tableloop.insight.customer;

import app.tableloop.campaign.AudienceParams;
import app.tableloop.campaign.CampaignRules;
import java.util.Locale;
import java.util.Optional;

/**
 * The customer segments an owner reads, over the brand's active members and their paid visits (refunds taken off
 * their spend). Sleeping is the window a win-back campaign reaches by default, so that "42 位沉睡顾客" on the
 * customers screen and on the win-back card count the same people before the card's basket floor. Segments overlap:
 * a new member may be a regular too, and a high-value one new, regular or sleeping as well; regular, sleeping and lost
 * never overlap.
 */
public enum Segment {
  NEW("新顾客", "New"),
  REGULAR("常客", "Regular"),
  HIGH_VALUE("高价值", "High value"),
  SLEEPING("沉睡", "Sleeping"),
  LOST("流失", "Lost");

  /** A first visit within these days makes a member new. */
  public static final int NEW_DAYS = 30;
  /** A regular visited at least this often. */
  public static final int REGULAR_MIN_VISITS = 2;
  /** The share of the members who visited within {@link #LOST_AFTER_DAYS} whose spend makes them high value. */
  public static final int HIGH_VALUE_TOP_PERCENT = 20;
  private static final AudienceParams WIN_BACK = CampaignRules.defaultParams(0);
  /** A member whose last visit is at least this old sleeps: the win-back's default lower bound. */
  public static final int SLEEPING_AFTER_DAYS = WIN_BACK.minDays();
  /** A member whose last visit is older than this is lost: the win-back's default upper bound. */
  public static final int LOST_AFTER_DAYS = WIN_BACK.maxDays();

  private final String label;
  private final String labelEn;

  Segment(String label, String labelEn) {
    this.label = label;
    this.labelEn = labelEn;
  }

  public String label() {
    return label;
  }

  public String labelEn() {
    return labelEn;
  }

  /** What the segment counts, in Simplified Chinese and English. */
  public String definition() {
    return switch (this) {
      case NEW -> "近 " + NEW_DAYS + " 天首次到店 / first visit in the last " + NEW_DAYS + " days";
      case REGULAR -> "到店至少 " + REGULAR_MIN_VISITS + " 次，最近一次在 " + SLEEPING_AFTER_DAYS + " 天内 / at least "
          + REGULAR_MIN_VISITS + " visits, the last within " + SLEEPING_AFTER_DAYS + " days";
      case HIGH_VALUE -> "近 " + LOST_AFTER_DAYS + " 天到过店的会员中累计消费前 " + HIGH_VALUE_TOP_PERCENT
          + "% / the top " + HIGH_VALUE_TOP_PERCENT + "% by spend among members who visited in the last "
          + LOST_AFTER_DAYS + " days";
      case SLEEPING -> "最近一次到店在 " + SLEEPING_AFTER_DAYS + "–" + LOST_AFTER_DAYS + " 天前（即唤醒活动的人群，未按客单价筛选）"
          + " / last visit " + SLEEPING_AFTER_DAYS + " to " + LOST_AFTER_DAYS
          + " days ago (the win-back campaign's audience before its basket floor)";
      case LOST -> "最近一次到店在 " + LOST_AFTER_DAYS + " 天以前 / last visit more than " + LOST_AFTER_DAYS
          + " days ago";
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Segment> fromWireName(String name) {
    for (Segment segment : values()) {
      if (segment.wireName().equals(name)) {
        return Optional.of(segment);
      }
    }
    return Optional.empty();
  }

  /** How many members of those who visited within a year are high value: the top share, rounded up. */
  public static long highValueCount(long visitedWithinYear) {
    return (visitedWithinYear * HIGH_VALUE_TOP_PERCENT + 99) / 100;
  }
}
