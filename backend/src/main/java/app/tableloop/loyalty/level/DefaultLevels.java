package app.tableloop.loyalty.level;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The member levels of a tenant that defined none of its own (no rows in {@code loyalty_levels}): 普通 on joining,
 * 银卡 from ¥1,000 and 金卡 from ¥3,000 spent over the last 12 months.
 */
public final class DefaultLevels {
  /** A member level and the benefits it gives; spend is over the last 12 months, in fen. */
  public record Level(int rank, String name, long minSpendFen, boolean memberPrices, int discountPercent,
                      BigDecimal pointsMultiplier) {
  }

  public static final List<Level> LEVELS = List.of(
      new Level(0, "普通", 0, true, 0, new BigDecimal("1.0")),
      new Level(1, "银卡", 100_000, true, 0, new BigDecimal("1.2")),
      new Level(2, "金卡", 300_000, true, 5, new BigDecimal("1.5")));

  private DefaultLevels() {
  }

  /** The default level of this rank, if there is one. */
  public static Optional<Level> of(int rank) {
    return LEVELS.stream().filter(level -> level.rank() == rank).findFirst();
  }
}
