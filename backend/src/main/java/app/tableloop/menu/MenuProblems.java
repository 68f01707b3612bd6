package app.tableloop.menu;

import app.tableloop.platform.http.Problem;

/** The refusals of the menu feature, in Simplified Chinese first. */
final class MenuProblems {
  static final Problem STORE_NOT_FOUND = Problem.of(404, "store_not_found", "找不到这家门店", "No such store");
  static final Problem CATEGORY_NOT_FOUND = Problem.of(404, "category_not_found",
      "找不到这个菜品分类", "No such menu category");
  static final Problem CATEGORY_NOT_EMPTY = Problem.of(409, "category_not_empty",
      "分类下还有菜品，请先移走或删除这些菜品", "The category still holds dishes; move or delete them first");
  static final Problem CATEGORY_NAME_TAKEN = Problem.of(409, "category_name_taken",
      "已有同名的分类", "There is a category with this name already").atField("name");
  static final Problem INCOMPLETE_CATEGORY_ORDER = Problem.of(400, "invalid_field",
      "请按新顺序列出本店的全部分类，每个一次", "List every category of the store once, in the new order")
      .atField("category_ids");
  static final Problem DISH_NOT_FOUND = Problem.of(404, "dish_not_found", "找不到这道菜", "No such dish");
  static final Problem OPTION_GROUP_NOT_FOUND = Problem.of(404, "option_group_not_found",
      "这道菜没有这个规格组", "This dish has no such option group");
  static final Problem OPTION_CHOICE_NOT_FOUND = Problem.of(404, "option_choice_not_found",
      "这个规格组没有这个选项", "This option group has no such choice");
  static final Problem NO_STOCK_LEFT = Problem.of(409, "no_stock_left",
      "今日库存已用完，请先设置今日库存", "Today's stock is used up; set today's stock first").atField("sold_out");

  private MenuProblems() {
  }

  static Problem invalid(DishDraftRules.Invalid invalid) {
    return Problem.of(400, "invalid_field", invalid.message(), invalid.messageEn()).atField(invalid.field());
  }
}
