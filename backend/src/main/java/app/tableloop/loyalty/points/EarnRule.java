package app.tableloop.loyalty.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How a tenant's members earn points: so many per whole yuan actually paid (discounts are never paid, so never
 * earn), times the member's level multiplier, rounded down; and how long a lot lasts: until the end of the year after
 * the one it was earned in (the paying store's time zone), or a number of days.
 *
 * @param expiryDays empty for the end of next year
 */
public record EarnRule(int pointsPerYuan, Optional<Integer> expiryDays) {
  public static final EarnRule DEFAULT = new EarnRule(1, Optional.empty());

  /** The points a payment of {@code paidFen} earns at this multiplier. */
  public long points(long paidFen, BigDecimal multiplier) {
    return BigDecimal.valueOf(paidFen / 100).multiply(BigDecimal.valueOf(pointsPerYuan)).multiply(multiplier)
        .setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  /** The first instant a lot earned at {@code earnedAt} is no longer valid. */
  public Instant expiresAt(Instant earnedAt, ZoneId zone) {
    return expiryDays.map(days -> earnedAt.plus(Duration.ofDays(days)))
        .orElseGet(() -> LocalDate.of(earnedAt.atZone(zone).getYear() + 2, 1, 1).atStartOfDay(zone).toInstant());
  }
}
