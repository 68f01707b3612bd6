package app.tableloop.campaign;

import java.util.Locale;
import java.util.Optional;

/** The kinds of campaign an owner can launch from a card, with what each expects of its members. */
public enum CampaignType {
  WIN_BACK("唤醒沉睡顾客", "好久不见，回来尝尝新菜", 10),
  BASKET_BOOST("提升客单价", "老朋友专享满减", 20),
  OFF_PEAK("错峰优惠", "错峰来店，不用排队还更实惠", 8),
  WELCOME("新客礼", "欢迎加入会员", 25),
  BIRTHDAY("生日礼", "生日快乐，来店里庆祝吧", 30);

  private final String title;
  private final String headline;
  private final int expectedRedemptionPercent;

  /**
   * @param expectedRedemptionPercent the share of reached members expected to use the coupon: an assumption the card
   *                                  names, from what restaurant coupons usually see (lapsed customers and a
   *                                  coupon that asks to come at another hour least, a birthday treat most)
   */
  CampaignType(String title, String headline, int expectedRedemptionPercent) {
    this.title = title;
    this.headline = headline;
    this.expectedRedemptionPercent = expectedRedemptionPercent;
  }

  public String title() {
    return title;
  }

  public String headline() {
    return headline;
  }

  public int expectedRedemptionPercent() {
    return expectedRedemptionPercent;
  }

  /** Whether it runs by itself for each new member who qualifies (on joining, before a birthday). */
  public boolean recurring() {
    return this == WELCOME || this == BIRTHDAY;
  }

  /**
   * How many of its coupons one member may come to hold: one, except a birthday's, one each year (bounded by a coupon
   * template's greatest per-member limit); the campaign's recipient key keeps it to one per occasion.
   */
  public int couponsPerMember() {
    return this == BIRTHDAY ? 100 : 1;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CampaignType> fromWireName(String name) {
    for (CampaignType type : values()) {
      if (type.wireName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
