package app.tableloop.menu;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.refusal.Refusal;
import app.tableloop.platform.refusal.Refusal.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pricing a diner's selection from the menu, as plain rules: what it costs, and every way it is refused. */
class MenuPricingTest {
  private static final UUID STORE = UUID.randomUUID();
  private static final OptionChoice LARGE = choice("大份", 300);
  private static final OptionChoice REGULAR = choice("中份", 0);
  private static final OptionChoice SMALL = choice("小份", -200);
  private static final OptionChoice MILD = choice("微辣", 0);
  private static final OptionChoice HOT = choice("特辣", 0);
  private static final OptionChoice EGG = choice("加蛋", 200);
  private static final OptionChoice BEEF = choice("加牛肉", 800);
  private static final OptionChoice TOFU = choice("加豆腐", 300);
  private static final OptionGroup SIZE = new OptionGroup(UUID.randomUUID(), "份量", true, 1, 1,
      List.of(LARGE, REGULAR, SMALL));
  private static final OptionGroup SPICE = new OptionGroup(UUID.randomUUID(), "辣度", true, 0, 1, List.of(MILD, HOT));
  private static final OptionGroup TOPPINGS = new OptionGroup(UUID.randomUUID(), "加料", false, 0, 2,
      List.of(EGG, BEEF, TOFU));
  private static final Dish BEEF_NOODLES = new Dish(UUID.randomUUID(), STORE, "红烧牛肉面", 2800L, 2500L, false, null,
      true, List.of(SIZE, SPICE, TOPPINGS));

  @Test
  void aDinerPaysThePricePlusWhatTheChoicesAdd() {
    PricedLine line = priced(BEEF_NOODLES, List.of(LARGE.id(), HOT.id(), EGG.id(), BEEF.id()), 2, false);

    assertThat(line.unitPriceFen()).isEqualTo(2800 + 300 + 200 + 800);
    assertThat(line.totalFen()).isEqualTo(2 * 4100);
    assertThat(line.quantity()).isEqualTo(2);
    assertThat(line.dish()).isEqualTo(BEEF_NOODLES);
  }

  @Test
  void aMemberPaysTheMemberPriceWhenTheDishHasOne() {
    assertThat(priced(BEEF_NOODLES, List.of(REGULAR.id(), MILD.id()), 1, true).unitPriceFen()).isEqualTo(2500);
    Dish noMemberPrice = dish(BEEF_NOODLES.priceFen(), null, false, null, true);
    assertThat(priced(noMemberPrice, List.of(REGULAR.id(), MILD.id()), 1, true).unitPriceFen()).isEqualTo(2800);
  }

  @Test
  void aSmallerPortionTakesItsDiscountOff() {
    assertThat(priced(BEEF_NOODLES, List.of(SMALL.id(), MILD.id()), 1, false).unitPriceFen()).isEqualTo(2600);
  }

  @Test
  void theLineListsTheChosenChoicesInMenuOrderWhateverOrderTheyWereSent() {
    PricedLine line = priced(BEEF_NOODLES, List.of(TOFU.id(), HOT.id(), EGG.id(), LARGE.id()), 1, false);

    assertThat(line.choices()).containsExactly(LARGE, HOT, EGG, TOFU);
  }

  @Test
  void aDishWithoutOptionsNeedsNoChoicesAndANullListIsNone() {
    Dish rice = new Dish(UUID.randomUUID(), STORE, "米饭", 200, null, false, null, true, List.of());

    assertThat(priced(rice, null, 3, false).totalFen()).isEqualTo(600);
    assertThat(priced(rice, List.of(), 1, false).choices()).isEmpty();
  }

  @Test
  void quantityMustBeOneToNinetyNine() {
    List<UUID> valid = List.of(REGULAR.id(), MILD.id());
    assertThat(rejected(BEEF_NOODLES, valid, 0)).isEqualTo("invalid_quantity@quantity");
    assertThat(rejected(BEEF_NOODLES, valid, 100)).isEqualTo("invalid_quantity@quantity");
    assertThat(rejected(BEEF_NOODLES, valid, -1)).isEqualTo("invalid_quantity@quantity");
    assertThat(priced(BEEF_NOODLES, valid, 99, false).quantity()).isEqualTo(99);
  }

  @Test
  void aHiddenDeletedOrUnknownDishIsNotFound() {
    List<UUID> valid = List.of(REGULAR.id(), MILD.id());
    assertThat(rejected(dish(2800L, null, false, null, false), valid, 1)).isEqualTo("dish_not_found@dish_id");
    assertThat(code(MenuPricing.price(null, new Selection(UUID.randomUUID(), valid, 1), false)))
        .isEqualTo("dish_not_found@dish_id");
    assertThat(code(MenuPricing.price(BEEF_NOODLES, new Selection(UUID.randomUUID(), valid, 1), false)))
        .as("the dish handed in is not the one selected").isEqualTo("dish_not_found@dish_id");
  }

  @Test
  void aSoldOutDishIsRefusedByNameInBothLanguages() {
    PricingOutcome outcome = MenuPricing.price(dish(2800L, null, true, null, true),
        new Selection(BEEF_NOODLES.id(), List.of(REGULAR.id(), MILD.id()), 1), false);

    assertThat(outcome).isEqualTo(new PricingOutcome.Rejected(new Refusal.Plain(Kind.CONFLICT, "sold_out",
        "红烧牛肉面已售罄", "红烧牛肉面 is sold out", "dish_id")));
  }

  @Test
  void aDishWhoseStockForTodayIsUsedUpIsSoldOut() {
    assertThat(rejected(dish(2800L, null, false, 0, true), List.of(REGULAR.id(), MILD.id()), 1))
        .isEqualTo("sold_out@dish_id");
  }

  @Test
  void moreThanIsLeftTodayIsRefusedSayingHowManyAreLeft() {
    Dish threeLeft = dish(2800L, null, false, 3, true);
    PricingOutcome outcome = MenuPricing.price(threeLeft,
        new Selection(threeLeft.id(), List.of(REGULAR.id(), MILD.id()), 4), false);

    assertThat(outcome).isEqualTo(new PricingOutcome.Rejected(new Refusal.Plain(Kind.CONFLICT, "not_enough_stock",
        "红烧牛肉面仅剩 3 份", "Only 3 left of 红烧牛肉面", "quantity")));
    assertThat(priced(threeLeft, List.of(REGULAR.id(), MILD.id()), 3, false).quantity()).isEqualTo(3);
  }

  @Test
  void aChoiceOfAnotherDishIsNotAvailable() {
    UUID elsewhere = UUID.randomUUID();

    assertThat(rejected(BEEF_NOODLES, List.of(REGULAR.id(), MILD.id(), elsewhere), 1))
        .isEqualTo("choice_not_available@choice_ids");
  }

  @Test
  void theSameChoiceTwiceIsRefused() {
    assertThat(rejected(BEEF_NOODLES, List.of(REGULAR.id(), MILD.id(), EGG.id(), EGG.id()), 1))
        .isEqualTo("duplicate_choice@choice_ids");
  }

  @Test
  void aRequiredGroupNeedsAChoiceEvenWhenItsMinimumIsZero() {
    PricingOutcome outcome = MenuPricing.price(BEEF_NOODLES,
        new Selection(BEEF_NOODLES.id(), List.of(REGULAR.id()), 1), false);

    assertThat(outcome).isEqualTo(new PricingOutcome.Rejected(new Refusal.Plain(Kind.INVALID, "choice_required",
        "「辣度」至少选 1 项", "Choose at least 1 for 辣度", "choice_ids")));
  }

  @Test
  void aRequiredGroupWithAHigherMinimumNeedsThatMany() {
    OptionGroup sides = new OptionGroup(UUID.randomUUID(), "配菜", true, 2, 3, List.of(EGG, BEEF, TOFU));
    Dish set = new Dish(UUID.randomUUID(), STORE, "套餐", 3000, null, false, null, true, List.of(sides));

    assertThat(rejected(set, List.of(EGG.id()), 1)).isEqualTo("choice_required@choice_ids");
    assertThat(priced(set, List.of(EGG.id(), TOFU.id()), 1, false).unitPriceFen()).isEqualTo(3500);
  }

  @Test
  void anOptionalGroupMayBeLeftOutButNotOverfilled() {
    assertThat(priced(BEEF_NOODLES, List.of(REGULAR.id(), MILD.id()), 1, false).choices())
        .containsExactly(REGULAR, MILD);
    PricingOutcome outcome = MenuPricing.price(BEEF_NOODLES, new Selection(BEEF_NOODLES.id(),
        List.of(REGULAR.id(), MILD.id(), EGG.id(), BEEF.id(), TOFU.id()), 1), false);

    assertThat(outcome).isEqualTo(new PricingOutcome.Rejected(new Refusal.Plain(Kind.INVALID, "too_many_choices",
        "「加料」最多选 2 项", "Choose at most 2 for 加料", "choice_ids")));
  }

  @Test
  void twoChoicesInAPickOneGroupAreTooMany() {
    assertThat(rejected(BEEF_NOODLES, List.of(REGULAR.id(), LARGE.id(), MILD.id()), 1))
        .isEqualTo("too_many_choices@choice_ids");
  }

  @Test
  void theSelectionListIsNotChangedByPricing() {
    List<UUID> picked = new ArrayList<>(List.of(HOT.id(), REGULAR.id()));
    priced(BEEF_NOODLES, picked, 1, false);

    assertThat(picked).containsExactly(HOT.id(), REGULAR.id());
  }

  private static PricedLine priced(Dish dish, List<UUID> choices, int quantity, boolean member) {
    PricingOutcome outcome = MenuPricing.price(dish, new Selection(dish.id(), choices, quantity), member);
    assertThat(outcome).isInstanceOf(PricingOutcome.Priced.class);
    return ((PricingOutcome.Priced) outcome).line();
  }

  private static String rejected(Dish dish, List<UUID> choices, int quantity) {
    return code(MenuPricing.price(dish, new Selection(dish.id(), choices, quantity), false));
  }

  private static String code(PricingOutcome outcome) {
    assertThat(outcome).isInstanceOf(PricingOutcome.Rejected.class);
    PricingOutcome.Rejected rejected = (PricingOutcome.Rejected) outcome;
    assertThat(rejected.refusal().message()).isNotBlank();
    assertThat(rejected.refusal().messageEn()).isNotBlank();
    return rejected.refusal().code() + "@" + rejected.refusal().field();
  }

  private static Dish dish(long price, Long memberPrice, boolean soldOut, Integer stockLeft, boolean active) {
    return new Dish(BEEF_NOODLES.id(), STORE, BEEF_NOODLES.name(), price, memberPrice, soldOut, stockLeft, active,
        BEEF_NOODLES.optionGroups());
  }

  private static OptionChoice choice(String name, long delta) {
    return new OptionChoice(UUID.randomUUID(), name, delta);
  }
}
