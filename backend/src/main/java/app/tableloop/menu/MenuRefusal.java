package app.tableloop.menu;

import app.tableloop.platform.refusal.Refusal;

/**
 * The refusals of the menu feature, in Simplified Chinese first: editing the menu, and pricing what a diner picked
 * (those whose words name a dish, a group or a number are made by the methods below).
 */
public enum MenuRefusal implements Refusal.Listed {
  STORE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "store_not_found", "找不到这家门店", "No such store")),
  CATEGORY_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "category_not_found", "找不到这个菜品分类", "No such menu category")),
  CATEGORY_NOT_EMPTY(Refusal.of(Kind.CONFLICT, "category_not_empty",
      "分类下还有菜品，请先移走或删除这些菜品", "The category still holds dishes; move or delete them first")),
  CATEGORY_NAME_TAKEN(Refusal.of(Kind.CONFLICT, "category_name_taken",
      "已有同名的分类", "There is a category with this name already").at("name")),
  INCOMPLETE_CATEGORY_ORDER(Refusal.of(Kind.INVALID, "invalid_field",
      "请按新顺序列出本店的全部分类，每个一次", "List every category of the store once, in the new order")
      .at("category_ids")),
  DISH_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "dish_not_found", "找不到这道菜", "No such dish")),
  OPTION_GROUP_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "option_group_not_found",
      "这道菜没有这个规格组", "This dish has no such option group")),
  OPTION_CHOICE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "option_choice_not_found",
      "这个规格组没有这个选项", "This option group has no such choice")),
  NO_STOCK_LEFT(Refusal.of(Kind.CONFLICT, "no_stock_left",
      "今日库存已用完，请先设置今日库存", "Today's stock is used up; set today's stock first").at("sold_out")),
  INVALID_QUANTITY(Refusal.of(Kind.INVALID, "invalid_quantity", "数量须在 1 到 " + MenuPricing.MAX_QUANTITY + " 之间",
      "The quantity must be between 1 and " + MenuPricing.MAX_QUANTITY).at("quantity")),
  DISH_OFF_MENU(Refusal.of(Kind.NOT_FOUND, "dish_not_found", "这道菜已下架或不存在", "This dish is not on the menu")
      .at("dish_id")),
  DUPLICATE_CHOICE(Refusal.of(Kind.INVALID, "duplicate_choice", "同一选项不能重复选择",
      "A choice is picked more than once").at("choice_ids")),
  CHOICE_NOT_AVAILABLE(Refusal.of(Kind.INVALID, "choice_not_available", "所选规格已不可选，请重新选择",
      "A chosen option is not available for this dish; please choose again").at("choice_ids"));

  private final Refusal words;

  MenuRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }

  /** Running out is a conflict with other diners. */
  static Refusal soldOut(String dish) {
    return Refusal.of(Kind.CONFLICT, "sold_out", dish + "已售罄", dish + " is sold out").at("dish_id");
  }

  static Refusal notEnoughStock(String dish, int left) {
    return Refusal.of(Kind.CONFLICT, "not_enough_stock", dish + "仅剩 " + left + " 份",
        "Only " + left + " left of " + dish).at("quantity");
  }

  static Refusal choiceRequired(String group, int least) {
    return Refusal.of(Kind.INVALID, "choice_required", "「" + group + "」至少选 " + least + " 项",
        "Choose at least " + least + " for " + group).at("choice_ids");
  }

  static Refusal tooManyChoices(String group, int most) {
    return Refusal.of(Kind.INVALID, "too_many_choices", "「" + group + "」最多选 " + most + " 项",
        "Choose at most " + most + " for " + group).at("choice_ids");
  }

  /** A dish an owner writes whose prices or options do not fit together. */
  static Refusal invalid(DishDraftRules.Invalid invalid) {
    return Refusal.of(Kind.INVALID, "invalid_field", invalid.message(), invalid.messageEn()).at(invalid.field());
  }
}
