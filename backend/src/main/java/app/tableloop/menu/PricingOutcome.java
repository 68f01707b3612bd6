package app.tableloop.menu;

/** What pricing a diner's selection came to: a priced line, or a refusal the diner can act on. */
public sealed interface PricingOutcome permits PricingOutcome.Priced, PricingOutcome.Rejected {

  record Priced(PricedLine line) implements PricingOutcome {
  }

  /**
   * Why the selection cannot be ordered: a stable code, the message in Simplified Chinese and in English, and the
   * field of the selection at fault ({@code dish_id}, {@code choice_ids} or {@code quantity}).
   */
  record Rejected(String code, String message, String messageEn, String field) implements PricingOutcome {
  }
}
