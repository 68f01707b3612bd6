package app.tableloop.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Business hours, table code ranges and QR code scenes, as plain rules. */
class TenancyRulesTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final BusinessHours LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS = new BusinessHours(List.of(
      new BusinessHours.Period(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY), LocalTime.of(11, 0), LocalTime.of(14, 0)),
      new BusinessHours.Period(Set.of(DayOfWeek.FRIDAY), LocalTime.of(18, 0), LocalTime.of(2, 0))));

  @Test
  void aStoreIsOpenWithinAPeriodOnItsDaysOnly() {
    assertThat(LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS.isOpenAt(at(2026, 11, 23, 12, 30))).as("Monday lunch").isTrue();
    assertThat(LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS.isOpenAt(at(2026, 11, 23, 14, 0))).as("closing time").isFalse();
    assertThat(LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS.isOpenAt(at(2026, 11, 25, 12, 30))).as("Wednesday").isFalse();
  }

  @Test
  void aPeriodPastMidnightBelongsToTheDayItOpens() {
    assertThat(LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS.isOpenAt(at(2026, 11, 27, 23, 0))).as("Friday night").isTrue();
    assertThat(LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS.isOpenAt(at(2026, 11, 28, 1, 30))).as("early Saturday").isTrue();
    assertThat(LUNCH_AND_LATE_NIGHT_ON_WEEKDAYS.isOpenAt(at(2026, 11, 29, 1, 30))).as("early Sunday").isFalse();
  }

  @Test
  void noHoursMeansAlwaysOpen() {
    assertThat(BusinessHours.ALWAYS.isOpenAt(at(2026, 11, 29, 4, 0))).isTrue();
  }

  @Test
  void tableCodeRangesAreReadTheWayOwnersWriteThem() {
    assertThat(TableCodeRange.parse("A1-A3")).contains(List.of("A1", "A2", "A3"));
    assertThat(TableCodeRange.parse("1-2, B1-B2 ,VIP1")).contains(List.of("1", "2", "B1", "B2", "VIP1"));
    assertThat(TableCodeRange.parse("A1-A2,A2")).contains(List.of("A1", "A2"));
    assertThat(TableCodeRange.parse("A1-B3")).isEmpty();
    assertThat(TableCodeRange.parse("A5-A1")).isEmpty();
    assertThat(TableCodeRange.parse("A1-A301")).isEmpty();
    assertThat(TableCodeRange.parse("窗边1")).isEmpty();
    assertThat(TableCodeRange.parse("")).isEmpty();
  }

  @Test
  void aSceneFitsWeChatsThirtyTwoCharactersAndReadsBack() {
    TableScene scene = new TableScene("ab12cd", "VIP-0012");

    assertThat(scene.scene()).hasSizeLessThanOrEqualTo(TableScene.MAX_SCENE_LENGTH);
    assertThat(TableScene.fromScene(scene.scene())).contains(scene);
    assertThat(TableScene.fromLink(scene.link("https://order.example.com/"))).contains(scene);
    assertThat(TableScene.fromScene("s=ab12cd&t=A1&x=1")).isEmpty();
    assertThat(TableScene.fromLink("not a link at all")).isEmpty();
  }

  private static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI);
  }
}
