package app.tableloop.menu;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Prices what a diner picked from the menu, on the server: the client's idea of the price plays no part. The rules:
 * 1 to 99 of a dish the store still serves and has not run out of; only the dish's own choices, each at most once;
 * every option group's minimum and maximum (a required group needs at least one); the member price for members
 * when the dish has one; each choice adds its delta.
 */
public final class MenuPricing {
  public static final int MAX_QUANTITY = 99;

  private MenuPricing() {
  }

  /**
   * @param dish the dish as the store's menu has it now, or null when the store has no such dish
   */
  public static PricingOutcome price(Dish dish, Selection selection, boolean member) {
    if (selection.quantity() < 1 || selection.quantity() > MAX_QUANTITY) {
      return new PricingOutcome.Rejected(MenuRefusal.INVALID_QUANTITY);
    }
    if (dish == null || !dish.active() || !dish.id().equals(selection.dishId())) {
      return new PricingOutcome.Rejected(MenuRefusal.DISH_OFF_MENU);
    }
    if (dish.soldOut() || (dish.stockLeft() != null && dish.stockLeft() == 0)) {
      return new PricingOutcome.Rejected(MenuRefusal.soldOut(dish.name()));
    }
    if (dish.stockLeft() != null && dish.stockLeft() < selection.quantity()) {
      return new PricingOutcome.Rejected(MenuRefusal.notEnoughStock(dish.name(), dish.stockLeft()));
    }
    List<UUID> picked = selection.choiceIds() == null ? List.of() : selection.choiceIds();
    Set<UUID> distinct = new HashSet<>(picked);
    if (distinct.size() < picked.size()) {
      return new PricingOutcome.Rejected(MenuRefusal.DUPLICATE_CHOICE);
    }
    Set<UUID> offered = new HashSet<>();
    dish.optionGroups().forEach(group -> group.choices().forEach(choice -> offered.add(choice.id())));
    if (!offered.containsAll(distinct)) {
      return new PricingOutcome.Rejected(MenuRefusal.CHOICE_NOT_AVAILABLE);
    }
    List<OptionChoice> chosen = new ArrayList<>();
    long deltas = 0;
    for (OptionGroup group : dish.optionGroups()) {
      int count = 0;
      for (OptionChoice choice : group.choices()) {
        if (distinct.contains(choice.id())) {
          chosen.add(choice);
          deltas += choice.priceDeltaFen();
          count++;
        }
      }
      int least = group.required() ? Math.max(1, group.minChoices()) : group.minChoices();
      if (count < least) {
        return new PricingOutcome.Rejected(MenuRefusal.choiceRequired(group.name(), least));
      }
      if (count > group.maxChoices()) {
        return new PricingOutcome.Rejected(MenuRefusal.tooManyChoices(group.name(), group.maxChoices()));
      }
    }
    long base = member && dish.memberPriceFen() != null ? dish.memberPriceFen() : dish.priceFen();
    return new PricingOutcome.Priced(new PricedLine(dish, List.copyOf(chosen), selection.quantity(), base + deltas));
  }
}
