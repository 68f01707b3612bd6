package app.tableloop.insight.customer;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of the customers screen, in Simplified Chinese first. */
public enum CustomerRefusal implements Refusal.Listed {
  CURSOR_INVALID(Refusal.of(Kind.INVALID, "cursor_invalid", "翻页位置无效，请从第一页重新加载",
      "Not a cursor this list gave; load the first page again").at("after"));

  private final Refusal words;

  CustomerRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
