package app.tableloop.menu;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the contract cannot say about a dish an owner writes: how its prices and option groups fit together. A draft
 * that passes can always be priced, and never below zero.
 */
public final class DishDraftRules {
  private DishDraftRules() {
  }

  /** The first thing wrong with a draft, naming the field at fault. */
  public record Invalid(String field, String message, String messageEn) {
  }

  public static Optional<Invalid> check(DishDraft draft) {
    if (draft.memberPriceFen() != null && draft.memberPriceFen() > draft.priceFen()) {
      return invalid("member_price_fen", "会员价不能高于原价", "The member price cannot be above the price");
    }
    Set<String> groupNames = new HashSet<>();
    Set<UUID> ids = new HashSet<>();
    long lowestDeltas = 0;
    for (int g = 0; g < draft.optionGroups().size(); g++) {
      DishDraft.GroupDraft group = draft.optionGroups().get(g);
      String at = "option_groups[" + g + "]";
      if (!groupNames.add(group.name())) {
        return invalid(at + ".name", "规格组名称重复：" + group.name(), "Two option groups are named " + group.name());
      }
      if (group.id() != null && !ids.add(group.id())) {
        return invalid(at + ".id", "规格组重复出现", "The option group appears twice");
      }
      if (!group.required() && group.minChoices() > 0) {
        return invalid(at + ".min_choices", "选填的规格组最少选择数须为 0，或将其设为必选",
            "An optional group's min_choices must be 0; make the group required instead");
      }
      if (group.minChoices() > group.maxChoices()) {
        return invalid(at + ".min_choices", "最少选择数不能大于最多选择数",
            "min_choices cannot be above max_choices");
      }
      if (group.maxChoices() > group.choices().size()) {
        return invalid(at + ".max_choices", "最多选择数不能超过选项个数",
            "max_choices cannot be above the number of choices");
      }
      Set<String> choiceNames = new HashSet<>();
      for (int c = 0; c < group.choices().size(); c++) {
        DishDraft.ChoiceDraft choice = group.choices().get(c);
        String choiceAt = at + ".choices[" + c + "]";
        if (!choiceNames.add(choice.name())) {
          return invalid(choiceAt + ".name", "选项名称重复：" + choice.name(), "Two choices are named " + choice.name());
        }
        if (choice.id() != null && !ids.add(choice.id())) {
          return invalid(choiceAt + ".id", "选项重复出现", "The choice appears twice");
        }
      }
      lowestDeltas += lowestDeltas(group.choices(), group.maxChoices());
    }
    long lowestBase = draft.memberPriceFen() == null ? draft.priceFen()
        : Math.min(draft.priceFen(), draft.memberPriceFen());
    if (lowestBase + lowestDeltas < 0) {
      return invalid("option_groups", "选项减价后菜品价格不能低于 0", "Choices cannot take the dish's price below 0");
    }
    return Optional.empty();
  }

  /** The most a diner could take off the price in one group: its largest discounts, as many as may be chosen. */
  private static long lowestDeltas(List<DishDraft.ChoiceDraft> choices, int maxChoices) {
    return choices.stream().mapToLong(DishDraft.ChoiceDraft::priceDeltaFen).filter(delta -> delta < 0).sorted()
        .limit(maxChoices).sum();
  }

  private static Optional<Invalid> invalid(String field, String message, String messageEn) {
    return Optional.of(new Invalid(field, message, messageEn));
  }
}
