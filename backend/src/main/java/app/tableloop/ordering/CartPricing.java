package app.tableloop.ordering;

import app.tableloop.menu.Dish;
import app.tableloop.menu.MenuPricing;
import app.tableloop.menu.PricedLine;
import app.tableloop.menu.PricingOutcome;
import app.tableloop.menu.Selection;
import app.tableloop.platform.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices a cart from the menu as it is now, line by line; the first line that cannot be ordered (unknown dish,
 * choice not offered, sold out) is the answer instead. Plain rules, no I/O.
 */
public final class CartPricing {
  private CartPricing() {
  }

  /** Either every line priced, or the refusal of the first line that is not. */
  public record Outcome(List<PricedLine> lines, Refusal refusal) {
    public boolean priced() {
      return refusal == null;
    }

    public long totalFen() {
      return lines.stream().mapToLong(PricedLine::totalFen).sum();
    }
  }

  public static Outcome price(List<CartLine> cart, Map<UUID, Dish> dishes) {
    List<PricedLine> priced = new ArrayList<>();
    for (CartLine line : cart) {
      Dish dish = dishes.get(line.dishId());
      if (dish == null) {
        return new Outcome(List.of(), OrderingRefusal.UNKNOWN_DISH);
      }
      PricingOutcome outcome = MenuPricing.price(dish,
          new Selection(line.dishId(), line.choiceIds(), line.quantity()), false);
      if (outcome instanceof PricingOutcome.Rejected rejected) {
        return new Outcome(List.of(), rejected.refusal());
      }
      priced.add(((PricingOutcome.Priced) outcome).line());
    }
    return new Outcome(priced, null);
  }
}
