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
      return new PricingOutcome.Rejected("invalid_quantity", "数量须在 1 到 " + MAX_QUANTITY + " 之间",
          "The quantity must be between 1 and " + MAX_QUANTITY, "quantity");
    }
    if (dish == null || !dish.active() || !dish.id().equals(selection.dishId())) {
      return new PricingOutcome.Rejected("dish_not_found", "这道菜已下架或不存在",
          "This dish is not on the menu", "dish_id");
    }
    if (dish.soldOut() || (dish.stockLeft() != null && dish.stockLeft() == 0)) {
      return new PricingOutcome.Rejected("sold_out", dish.name() + "已售罄", dish.name() + " is sold out", "dish_id");
    }
    if (dish.stockLeft() != null && dish.stockLeft() < selection.quantity()) {
      return new PricingOutcome.Rejected("not_enough_stock", dish.name() + "仅剩 " + dish.stockLeft() + " 份",
          "Only " + dish.stockLeft() + " left of " + dish.name(), "quantity");
    }
    List<UUID> picked = selection.choiceIds() == null ? List.of() : selection.choiceIds();
    Set<UUID> distinct = new HashSet<>(picked);
    if (distinct.size() < picked.size()) {
      return new PricingOutcome.Rejected("duplicate_choice", "同一选项不能重复选择",
          "A choice is picked more than once", "choice_ids");
    }
    Set<UUID> offered = new HashSet<>();
    dish.optionGroups().forEach(group -> group.choices().forEach(choice -> offered.add(choice.id())));
    if (!offered.containsAll(distinct)) {
      return new PricingOutcome.Rejected("choice_not_available", "所选规格已不可选，请重新选择",
          "A chosen option is not available for this dish; please choose again", "choice_ids");
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
        return new PricingOutcome.Rejected("choice_required", "「" + group.name() + "」至少选 " + least + " 项",
            "Choose at least " + least + " for " + group.name(), "choice_ids");
      }
      if (count > group.maxChoices()) {
        return new PricingOutcome.Rejected("too_many_choices",
            "「" + group.name() + "」最多选 " + group.maxChoices() + " 项",
            "Choose at most " + group.maxChoices() + " for " + group.name(), "choice_ids");
      }
    }
    long base = member && dish.memberPriceFen() != null ? dish.memberPriceFen() : dish.priceFen();
    return new PricingOutcome.Priced(new PricedLine(dish, List.copyOf(chosen), selection.quantity(), base + deltas));
  }
}
