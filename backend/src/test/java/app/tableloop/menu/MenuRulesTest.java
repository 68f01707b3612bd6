package app.tableloop.menu;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.BusinessHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How an owner's dish must hang together, business days, when a menu changes by itself, and entity tags. */
class MenuRulesTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void aMemberPriceAboveThePriceIsRefused() {
    assertThat(field(DishDraftRules.check(draft(2000L, 2100L, List.of())))).contains("member_price_fen");
    assertThat(DishDraftRules.check(draft(2000L, 2000L, List.of()))).isEmpty();
  }

  @Test
  void optionGroupsMustBeSatisfiable() {
    assertThat(field(DishDraftRules.check(draft(2000L, null, List.of(group("辣度", true, 2, 1, 0, 0))))))
        .contains("option_groups[0].min_choices");
    assertThat(field(DishDraftRules.check(draft(2000L, null, List.of(group("加料", false, 0, 3, 0, 0))))))
        .as("more to pick than there are").contains("option_groups[0].max_choices");
    assertThat(field(DishDraftRules.check(draft(2000L, null, List.of(group("加料", false, 1, 2, 0, 0))))))
        .as("an optional group with a minimum").contains("option_groups[0].min_choices");
    assertThat(DishDraftRules.check(draft(2000L, null, List.of(group("辣度", true, 0, 1, 0, 0))))).isEmpty();
  }

  @Test
  void namesRepeatNeitherAmongGroupsNorAmongAGroupsChoices() {
    assertThat(field(DishDraftRules.check(draft(2000L, null,
        List.of(group("辣度", true, 1, 1, 0, 0), group("辣度", false, 0, 1, 0, 0))))))
        .contains("option_groups[1].name");
    DishDraft.GroupDraft twins = new DishDraft.GroupDraft(null, "份量", true, 1, 1,
        List.of(new DishDraft.ChoiceDraft(null, "大份", 0), new DishDraft.ChoiceDraft(null, "大份", 300)));
    assertThat(field(DishDraftRules.check(draft(2000L, null, List.of(twins)))))
        .contains("option_groups[0].choices[1].name");
  }

  @Test
  void noChoiceCanTakeTheDishBelowZeroEvenForMembers() {
    assertThat(field(DishDraftRules.check(draft(500L, null, List.of(group("份量", true, 1, 1, -600, 0))))))
        .contains("option_groups");
    assertThat(field(DishDraftRules.check(draft(800L, 300L, List.of(group("份量", true, 1, 1, -400, 0))))))
        .as("the member price is what the discount comes off").contains("option_groups");
    assertThat(field(DishDraftRules.check(draft(500L, null, List.of(group("减配", false, 0, 2, -300, -300))))))
        .as("two discounts of one group").contains("option_groups");
    assertThat(DishDraftRules.check(draft(800L, 500L, List.of(group("份量", true, 1, 1, -400, 0))))).isEmpty();
  }

  @Test
  void theBusinessDayStartsAtFourInTheMorningInTheStoresZone() {
    assertThat(BusinessDay.of(at(2026, 11, 21, 3, 59), SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(BusinessDay.of(at(2026, 11, 21, 4, 0), SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(BusinessDay.of(at(2026, 11, 21, 23, 30), SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(BusinessDay.nextStart(at(2026, 11, 21, 1, 0), SHANGHAI)).isEqualTo(at(2026, 11, 21, 4, 0));
    assertThat(BusinessDay.nextStart(at(2026, 11, 21, 12, 0), SHANGHAI)).isEqualTo(at(2026, 11, 22, 4, 0));
  }

  @Test
  void aMenuChangesByItselfWhenADishsWindowOpensOrClosesOrANewDayBegins() {
    BusinessHours lunchOnWeekdays = hours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 11, 0, 14, 0);
    BusinessHours lateNightOnSaturday = hours(EnumSet.of(DayOfWeek.SATURDAY), 22, 0, 2, 0);
    MenuSnapshot menu = snapshot(lunchOnWeekdays, lateNightOnSaturday);

    // 2026-11-20 is a Friday.
    assertThat(menu.nextChangeAfter(at(2026, 11, 20, 9, 0))).isEqualTo(at(2026, 11, 20, 11, 0));
    assertThat(menu.nextChangeAfter(at(2026, 11, 20, 11, 0))).isEqualTo(at(2026, 11, 20, 14, 0));
    assertThat(menu.nextChangeAfter(at(2026, 11, 20, 15, 0))).as("a new business day")
        .isEqualTo(at(2026, 11, 21, 4, 0));
    assertThat(menu.nextChangeAfter(at(2026, 11, 21, 12, 0))).isEqualTo(at(2026, 11, 21, 22, 0));
    assertThat(menu.nextChangeAfter(at(2026, 11, 21, 23, 0))).as("closing past midnight")
        .isEqualTo(at(2026, 11, 22, 2, 0));
    assertThat(snapshot().nextChangeAfter(at(2026, 11, 20, 9, 0))).isEqualTo(at(2026, 11, 21, 4, 0));
  }

  @Test
  void anEntityTagNamesTheVersionAndTheBodyAndMatchesWeaklyOrInAList() {
    CachedMenu menu = CachedMenu.of(7, at(2026, 11, 21, 4, 0), "{\"categories\":[]}");
    CachedMenu sameVersionOtherBody = CachedMenu.of(7, at(2026, 11, 21, 4, 0), "{\"categories\":[1]}");

    assertThat(menu.etag()).startsWith("W/\"7-");
    assertThat(sameVersionOtherBody.etag()).isNotEqualTo(menu.etag());
    assertThat(menu.matches(menu.etag())).isTrue();
    assertThat(menu.matches(menu.etag().substring(2))).isTrue();
    assertThat(menu.matches("\"x\", " + menu.etag())).isTrue();
    assertThat(menu.matches("*")).isTrue();
    assertThat(menu.matches(sameVersionOtherBody.etag())).isFalse();
    assertThat(menu.matches(null)).isFalse();
    assertThat(CachedMenu.decode(menu.encode())).contains(menu);
    assertThat(CachedMenu.decode("garbage")).isEmpty();
  }

  private static MenuSnapshot snapshot(BusinessHours... windows) {
    UUID store = UUID.randomUUID();
    List<MenuItem> items = Arrays.stream(windows).map(hours -> new MenuItem(
        new Dish(UUID.randomUUID(), store, "面", 1000, null, false, null, true, List.of()), UUID.randomUUID(), "",
        null, List.of(), 0, hours, null)).toList();
    return new MenuSnapshot(store, 1, SHANGHAI, List.of(), items);
  }

  private static BusinessHours hours(EnumSet<DayOfWeek> days, int openHour, int openMinute, int closeHour,
                                     int closeMinute) {
    return new BusinessHours(List.of(new BusinessHours.Period(days, LocalTime.of(openHour, openMinute),
        LocalTime.of(closeHour, closeMinute))));
  }

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI).toInstant();
  }

  private static Optional<String> field(Optional<DishDraftRules.Invalid> invalid) {
    invalid.ifPresent(found -> {
      assertThat(found.message()).isNotBlank();
      assertThat(found.messageEn()).isNotBlank();
    });
    return invalid.map(DishDraftRules.Invalid::field);
  }

  private static DishDraft draft(long price, Long memberPrice, List<DishDraft.GroupDraft> groups) {
    return new DishDraft(UUID.randomUUID(), "红烧牛肉面", "", null, price, memberPrice, List.of(), null,
        BusinessHours.ALWAYS, groups);
  }

  /** A group of two choices with the given price deltas. */
  private static DishDraft.GroupDraft group(String name, boolean required, int min, int max, long firstDelta,
                                            long secondDelta) {
    return new DishDraft.GroupDraft(null, name, required, min, max, List.of(
        new DishDraft.ChoiceDraft(null, "甲", firstDelta), new DishDraft.ChoiceDraft(null, "乙", secondDelta)));
  }
}
