package app.tableloop.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.menu.Dish;
import app.tableloop.menu.OptionChoice;
import app.tableloop.menu.OptionGroup;
import app.tableloop.platform.http.Problem;
import app.tableloop.platform.http.Refusals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A table's cart priced from the menu as it is now: every line, or the first that cannot be ordered. */
class CartPricingTest {
  private static final UUID STORE = UUID.randomUUID();
  private static final UUID DINER = UUID.randomUUID();
  private static final OptionChoice LARGE = new OptionChoice(UUID.randomUUID(), "大份", 300);
  private static final OptionChoice REGULAR = new OptionChoice(UUID.randomUUID(), "中份", 0);
  private static final OptionGroup SIZE = new OptionGroup(UUID.randomUUID(), "份量", true, 1, 1,
      List.of(LARGE, REGULAR));
  private static final Dish NOODLES = dish("红烧牛肉面", 2800, false, null, List.of(SIZE));
  private static final Dish RICE = dish("米饭", 200, false, null, List.of());

  @Test
  void everyLineIsPricedAndTheTotalIsTheirSum() {
    CartPricing.Outcome outcome = CartPricing.price(List.of(line(NOODLES, List.of(LARGE.id()), 2),
        line(RICE, List.of(), 3)), menu(NOODLES, RICE));

    assertThat(outcome.priced()).isTrue();
    assertThat(outcome.lines()).extracting(line -> line.dish().name()).containsExactly("红烧牛肉面", "米饭");
    assertThat(outcome.totalFen()).isEqualTo(2 * 3100 + 3 * 200);
  }

  @Test
  void anEmptyCartCostsNothing() {
    CartPricing.Outcome outcome = CartPricing.price(List.of(), menu(NOODLES));

    assertThat(outcome.priced()).isTrue();
    assertThat(outcome.totalFen()).isZero();
  }

  @Test
  void aDishNoLongerOnTheMenuIsNotFound() {
    CartPricing.Outcome outcome = CartPricing.price(List.of(line(RICE, List.of(), 1),
        line(NOODLES, List.of(REGULAR.id()), 1)), menu(RICE));

    assertThat(outcome.priced()).isFalse();
    assertThat(outcome.lines()).as("nothing is half priced").isEmpty();
    assertThat(problem(outcome)).isEqualTo(Problem.of(404, "dish_not_found", "菜单上没有这道菜",
        "No such dish on this store's menu").atField("dish_id"));
  }

  @Test
  void aDishSoldOutSinceItWasAddedIsAConflictWithTheOtherDiners() {
    Dish soldOut = dish("红烧牛肉面", 2800, true, null, List.of(SIZE), NOODLES.id());

    Problem problem = problem(CartPricing.price(List.of(line(NOODLES, List.of(REGULAR.id()), 1)), menu(soldOut)));

    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.code()).isEqualTo("sold_out");
    assertThat(problem.field()).isEqualTo("dish_id");
    assertThat(problem.message()).contains("红烧牛肉面");
  }

  @Test
  void moreThanIsLeftTodayIsAConflictToo() {
    Dish twoLeft = dish("红烧牛肉面", 2800, false, 2, List.of(SIZE), NOODLES.id());

    Problem problem = problem(CartPricing.price(List.of(line(NOODLES, List.of(REGULAR.id()), 3)), menu(twoLeft)));

    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.code()).isEqualTo("not_enough_stock");
    assertThat(problem.field()).isEqualTo("quantity");
  }

  @Test
  void aChoiceTheMenuNoLongerOffersIsBadInput() {
    Problem problem = problem(CartPricing.price(List.of(line(NOODLES, List.of(UUID.randomUUID()), 1)), menu(NOODLES)));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo("choice_not_available");
    assertThat(problem.field()).isEqualTo("choice_ids");
  }

  @Test
  void theFirstLineThatCannotBeOrderedIsTheAnswer() {
    Dish soldOutRice = dish("米饭", 200, true, null, List.of(), RICE.id());

    Problem problem = problem(CartPricing.price(List.of(line(NOODLES, List.of(UUID.randomUUID()), 1),
        line(RICE, List.of(), 1)), menu(NOODLES, soldOutRice)));

    assertThat(problem.code()).isEqualTo("choice_not_available");
  }

  /** The problem a refused cart is answered with: its status, code, words and field. */
  private static Problem problem(CartPricing.Outcome outcome) {
    return Refusals.problem(outcome.refusal());
  }

  private static CartLine line(Dish dish, List<UUID> choices, int quantity) {
    return new CartLine(UUID.randomUUID(), dish.id(), choices, quantity, DINER);
  }

  private static Map<UUID, Dish> menu(Dish... dishes) {
    return java.util.Arrays.stream(dishes).collect(java.util.stream.Collectors.toMap(Dish::id, dish -> dish));
  }

  private static Dish dish(String name, long priceFen, boolean soldOut, Integer stockLeft, List<OptionGroup> groups) {
    return dish(name, priceFen, soldOut, stockLeft, groups, UUID.randomUUID());
  }

  private static Dish dish(String name, long priceFen, boolean soldOut, Integer stockLeft, List<OptionGroup> groups,
                           UUID id) {
    return new Dish(id, STORE, name, priceFen, null, soldOut, stockLeft, true, groups);
  }
}
