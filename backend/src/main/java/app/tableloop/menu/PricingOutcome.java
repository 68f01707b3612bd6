package app.tableloop.menu;

import app.tableloop.platform.refusal.Refusal;

/** What pricing a diner's selection came to: a priced line, or a refusal the diner can act on. */
public sealed interface PricingOutcome permits PricingOutcome.Priced, PricingOutcome.Rejected {

  record Priced(PricedLine line) implements PricingOutcome {
  }

  /**
   * Why the selection cannot be ordered: one of {@link MenuRefusal}'s, naming the field of the selection at fault
   * ({@code dish_id}, {@code choice_ids} or {@code quantity}).
   */
  record Rejected(Refusal refusal) implements PricingOutcome {
  }
}
