package app.tableloop.loyalty.level;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The member levels a tenant has until its owner defines its own: 普通 from joining, 银卡 and 金卡 by what the member
 * spent over the last 12 months, each with its benefits at checkout and its points multiplier.
 */
public final class DefaultLevels {
  /**
   * A level: reached at {@code minSpendFen} over the last 12 months (rank 0 by joining), giving member prices on the
   * menu, a percent off the order, and points at this multiple of the earn rule.
   */
  public record Level(int rank, String name, long minSpendFen, boolean memberPrices, int discountPercent,
                      BigDecimal pointsMultiplier) {
  }

  public static final List<Level> ALL = List.of(
      new Level(0, "普通", 0, true, 0, new BigDecimal("1.0")),
      new Level(1, "银卡", 100_000, true, 0, new BigDecimal("1.2")),
      new Level(2, "金卡", 300_000, true, 5, new BigDecimal("1.5")));

  private DefaultLevels() {
  }

  /** The default level of this rank, if there is one. */
  public static Optional<Level> of(int rank) {
    return ALL.stream().filter(level -> level.rank() == rank).findFirst();
  }
}
