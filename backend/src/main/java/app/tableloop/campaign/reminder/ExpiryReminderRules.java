package app.tableloop.campaign.reminder;

import app.tableloop.campaign.CampaignRules;
import app.tableloop.loyalty.coupon.CheckoutRules;
import app.tableloop.loyalty.coupon.CouponTerms;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * When a member is reminded of what is about to expire, and what the reminder says: a usable coupon within
 * {@link #COUPON_WINDOW} of its end, points within {@link #POINTS_WINDOW}; once per coupon, once per points expiry day.
 */
public final class ExpiryReminderRules {
  public static final Duration COUPON_WINDOW = Duration.ofDays(3);
  public static final Duration POINTS_WINDOW = Duration.ofDays(7);
  public static final String TITLE = "到期提醒";

  private ExpiryReminderRules() {
  }

  /** The coupon's face as the member knows it: ¥20 满减券, ¥10 无门槛券, 8折券, 赠菜券. */
  public static String couponName(CouponTerms.Kind kind, long thresholdFen, Long amountOffFen, Integer percentOff) {
    return switch (kind) {
      case AMOUNT_OFF -> "¥" + CampaignRules.yuan(amountOffFen) + (thresholdFen == 0 ? " 无门槛券" : " 满减券");
      case PERCENT_OFF -> CheckoutRules.zhe(percentOff) + "券";
      case FREE_DISH -> "赠菜券";
    };
  }

  /** 您的 ¥20 满减券将于 12月5日 到期: the day is the last one it can be used on, store time. */
  public static String couponText(String couponName, Instant validUntil, ZoneId zone) {
    return "您的 " + couponName + "将于 " + dayText(lastDay(validUntil, zone)) + " 到期，记得来店使用";
  }

  /** 您有 120 积分将于 12月8日 到期. */
  public static String pointsText(long points, LocalDate lastDay) {
    return "您有 " + points + " 积分将于 " + dayText(lastDay) + " 到期，可用积分兑换优惠券";
  }

  public static String couponKey(java.util.UUID couponId) {
    return "coupon_expiry:" + couponId;
  }

  public static String pointsKey(LocalDate lastDay) {
    return "points_expiry:" + lastDay;
  }

  /** The last day something is valid on, given the first instant it no longer is. */
  public static LocalDate lastDay(Instant until, ZoneId zone) {
    return LocalDate.ofInstant(until.minusNanos(1_000), zone);
  }

  /** Monday 00:00 of this week, store time: where "本周已提醒" counts from. */
  public static Instant weekStart(Instant now, ZoneId zone) {
    return LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .atStartOfDay(zone).toInstant();
  }

  /** What the 营销 screen says of the automatic reminders. */
  public static String summary(boolean on, long remindedThisWeek) {
    return on ? "到期提醒：本周已提醒 " + remindedThisWeek + " 位会员" : "到期提醒：已关闭";
  }

  private static String dayText(LocalDate day) {
    return day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }
}
