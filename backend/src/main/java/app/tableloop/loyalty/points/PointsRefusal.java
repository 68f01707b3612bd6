package app.tableloop.loyalty.points;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of spending points, in Simplified Chinese first. */
public enum PointsRefusal implements Refusal.Listed {
  POINTS_INVALID(Refusal.of(Kind.INVALID, "points_invalid", "积分数量须大于 0", "Points must be more than 0")
      .at("points")),
  POINTS_INSUFFICIENT(Refusal.of(Kind.CONFLICT, "points_insufficient", "积分不足",
      "The member has fewer points than this"));

  private final Refusal words;

  PointsRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
