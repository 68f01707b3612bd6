package app.tableloop.loyalty.level;

import app.tableloop.loyalty.level.DefaultLevels.Level;
import app.tableloop.platform.refusal.Refusal;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a tenant's levels a ladder: ranks 0, 1, 2… in order, the first reached by joining (no spend), each
 * further one at a higher spend, distinct names, and multipliers of one decimal between ×1.0 and ×10.0. A member is
 * at the highest level their spend over the last 12 months reaches.
 */
public final class LevelRules {
  private static final BigDecimal LOWEST_MULTIPLIER = BigDecimal.ONE;
  private static final BigDecimal HIGHEST_MULTIPLIER = BigDecimal.TEN;

  private LevelRules() {
  }

  /** The first thing wrong with these levels, naming the field at fault. */
  public static Optional<Refusal> refusal(List<Level> levels) {
    if (levels.isEmpty()) {
      return invalid("items", "至少需要一个会员等级", "At least one level is needed");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      String at = "items[" + i + "]";
      if (level.rank() != i) {
        return invalid(at + ".rank", "等级须从 0 开始依次编号", "Ranks go 0, 1, 2… in order");
      }
      if (i == 0 && level.minSpendFen() != 0) {
        return invalid(at + ".min_spend_fen", "最低等级须无消费门槛（入会即得）",
            "The lowest level is reached by joining: its spend must be 0");
      }
      if (i > 0 && level.minSpendFen() <= levels.get(i - 1).minSpendFen()) {
        return invalid(at + ".min_spend_fen", "每个等级的消费门槛须高于上一等级",
            "Each level needs a higher spend than the one below");
      }
      if (!names.add(level.name())) {
        return invalid(at + ".name", "等级名称重复：" + level.name(), "Two levels are named " + level.name());
      }
      BigDecimal multiplier = level.pointsMultiplier();
      if (multiplier.stripTrailingZeros().scale() > 1 || multiplier.compareTo(LOWEST_MULTIPLIER) < 0
          || multiplier.compareTo(HIGHEST_MULTIPLIER) > 0) {
        return invalid(at + ".points_multiplier", "积分倍数须在 1.0 到 10.0 之间，最多一位小数",
            "The points multiplier is 1.0 to 10.0, with at most one decimal");
      }
    }
    return Optional.empty();
  }

  /** The highest of the (valid) levels that this spend over the last 12 months reaches. */
  public static Level reached(List<Level> levels, long spendFen) {
    Level reached = levels.get(0);
    for (Level level : levels) {
      if (level.minSpendFen() <= spendFen) {
        reached = level;
      }
    }
    return reached;
  }

  /** The level of this rank, or the highest below it should the ladder have become shorter. */
  public static Level ofRank(List<Level> levels, int rank) {
    return levels.get(Math.max(0, Math.min(rank, levels.size() - 1)));
  }

  /** The level above this rank, if there is one. */
  public static Optional<Level> above(List<Level> levels, int rank) {
    return rank + 1 < levels.size() ? Optional.of(levels.get(rank + 1)) : Optional.empty();
  }

  private static Optional<Refusal> invalid(String field, String message, String messageEn) {
    return Optional.of(Refusal.of(Refusal.Kind.INVALID, "levels_invalid", message, messageEn).at(field));
  }
}
