package app.tableloop.demo;

import app.tableloop.menu.DishDraft;
import app.tableloop.menu.DishDraftRules;
import app.tableloop.menu.Menus;
import app.tableloop.tenancy.BusinessHours;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The demo noodle house's menu: noodles, snacks and drinks, with a spice level to choose, toppings that cost extra
 * and one dish made in a limited number each day. It is written with the menu's own repository and rules, in the
 * transaction that opens the restaurant (the owner who would type it in has not joined yet).
 */
final class DemoMenu {
  static final String SPICE = "辣度";
  static final String TOPPINGS = "加料";

  /** A dish of the menu; {@code dailyStock} null: as many as are ordered. */
  record DemoDish(String name, long priceFen, Long memberPriceFen, List<String> tags, Integer dailyStock,
                  List<DishDraft.GroupDraft> optionGroups) {
  }

  record Category(String name, List<DemoDish> dishes) {
  }

  private static final DishDraft.GroupDraft SPICE_LEVEL = new DishDraft.GroupDraft(null, SPICE, true, 1, 1, List.of(
      choice("不辣", 0), choice("微辣", 0), choice("中辣", 0), choice("特辣", 0)));
  private static final DishDraft.GroupDraft EXTRAS = new DishDraft.GroupDraft(null, TOPPINGS, false, 0, 3, List.of(
      choice("加蛋", 200), choice("加牛肉", 800), choice("加青菜", 300)));

  static final DemoDish BRAISED_BEEF = new DemoDish("红烧牛肉面", 2800, 2600L, List.of("招牌"), null,
      List.of(SPICE_LEVEL, EXTRAS));
  static final DemoDish HAND_PULLED_BEEF = new DemoDish("手工牛肉拌面", 3200, null, List.of("招牌", "限量"), 20,
      List.of(SPICE_LEVEL));
  static final DemoDish TOMATO_EGG = new DemoDish("番茄鸡蛋面", 1800, null, List.of(), null, List.of(EXTRAS));
  static final DemoDish CHONGQING = new DemoDish("重庆小面", 1500, null, List.of("辣"), null,
      List.of(SPICE_LEVEL, EXTRAS));
  static final DemoDish ZHAJIANG = new DemoDish("老北京炸酱面", 2000, null, List.of(), null, List.of(EXTRAS));
  static final DemoDish BRAISED_EGG = new DemoDish("卤蛋", 300, null, List.of(), null, List.of());
  static final DemoDish CUCUMBER = new DemoDish("拍黄瓜", 1200, null, List.of(), null, List.of());
  static final DemoDish POTSTICKERS = new DemoDish("煎锅贴（6个）", 1600, null, List.of("新品"), null, List.of());
  static final DemoDish PLUM_DRINK = new DemoDish("酸梅汤", 800, null, List.of(), null, List.of());
  static final DemoDish SOY_MILK = new DemoDish("冰豆浆", 600, null, List.of(), null, List.of());
  static final DemoDish HERBAL_TEA = new DemoDish("王老吉", 600, null, List.of(), null, List.of());

  static final List<Category> CATEGORIES = List.of(
      new Category("面", List.of(BRAISED_BEEF, HAND_PULLED_BEEF, TOMATO_EGG, CHONGQING, ZHAJIANG)),
      new Category("小吃", List.of(BRAISED_EGG, CUCUMBER, POTSTICKERS)),
      new Category("饮品", List.of(PLUM_DRINK, SOY_MILK, HERBAL_TEA)));

  private final Menus menus;

  DemoMenu(Menus menus) {
    this.menus = menus;
  }

  /**
   * Writes the menu into a store that has none, with today's portions of the limited dish, and counts it as the
   * menu's first version (a new store has nothing cached yet that it would have to replace).
   */
  Future<Void> write(SqlClient sql, UUID tenantId, UUID storeId, LocalDate businessDay) {
    Future<Void> written = Future.succeededFuture();
    for (Category category : CATEGORIES) {
      written = written.compose(previous -> menus.createCategory(sql, tenantId, storeId, category.name(), null))
          .compose(created -> dishes(sql, tenantId, storeId, created.id(), category.dishes(), businessDay));
    }
    return written.compose(all -> menus.bumpVersion(sql, tenantId, storeId)).mapEmpty();
  }

  private Future<Void> dishes(SqlClient sql, UUID tenantId, UUID storeId, UUID categoryId, List<DemoDish> dishes,
                              LocalDate businessDay) {
    Future<Void> written = Future.succeededFuture();
    for (DemoDish dish : dishes) {
      DishDraft draft = new DishDraft(categoryId, dish.name(), "", null, dish.priceFen(), dish.memberPriceFen(),
          dish.tags(), null, BusinessHours.ALWAYS, dish.optionGroups());
      // The same rules an owner's dish passes; a demo dish that broke them would be a mistake in this file.
      DishDraftRules.check(draft).ifPresent(invalid -> {
        throw new IllegalStateException("demo dish " + dish.name() + ": " + invalid.messageEn());
      });
      written = written.compose(previous -> menus.createDish(sql, tenantId, storeId, draft))
          .compose(dishId -> dish.dailyStock() == null ? Future.succeededFuture()
              : menus.setStock(sql, tenantId, storeId, dishId,
                  new Menus.StockChange(true, dish.dailyStock(), true, dish.dailyStock()), businessDay).mapEmpty());
    }
    return written;
  }

  private static DishDraft.ChoiceDraft choice(String name, long priceDeltaFen) {
    return new DishDraft.ChoiceDraft(null, name, priceDeltaFen);
  }
}
