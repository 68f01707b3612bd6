package app.tableloop.ordering;

import app.tableloop.menu.Dish;
import app.tableloop.menu.MenuPricing;
import app.tableloop.menu.PricedLine;
import app.tableloop.menu.PricingOutcome;
import app.tableloop.menu.Selection;
import app.tableloop.platform.http.Problem;
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

  /** Either every line priced, or the problem with the first line that is not. */
  public record Outcome(List<PricedLine> lines, Problem problem) {
    public boolean priced() {
      return problem == null;
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
        return new Outcome(List.of(), unknownDish());
      }
      PricingOutcome outcome = MenuPricing.price(dish,
          new Selection(line.dishId(), line.choiceIds(), line.quantity()), false);
      if (outcome instanceof PricingOutcome.Rejected rejected) {
        Problem problem = Problem.of(statusOf(rejected.code()), rejected.code(), rejected.message(),
            rejected.messageEn());
        return new Outcome(List.of(), rejected.field() == null ? problem : problem.atField(rejected.field()));
      }
      priced.add(((PricingOutcome.Priced) outcome).line());
    }
    return new Outcome(priced, null);
  }

  /** Running out is a conflict with other diners; the rest is bad input. */
  private static int statusOf(String code) {
    return switch (code) {
      case "sold_out", "not_enough_stock" -> 409;
      case "dish_not_found" -> 404;
      default -> 400;
    };
  }

  static Problem unknownDish() {
    return Problem.of(404, "dish_not_found", "菜单上没有这道菜", "No such dish on this store's menu").atField("dish_id");
  }
}
