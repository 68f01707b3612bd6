package app.tableloop.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TradeBillCalendarTest {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Test
  void aDatesBillIsIssuedAtTenTheNextMorningChinaTime() {
    assertThat(TradeBillCalendar.issuedAt(LocalDate.of(2026, 3, 31)))
        .isEqualTo(Instant.parse("2026-04-01T02:00:00Z"));
  }

  @Test
  void aChineseBusinessDayTouchesItsDateAndTheNextOnesFirstHours() {
    Instant from = ZonedDateTime.of(2026, 3, 1, 4, 0, 0, 0, CHINA).toInstant();
    Instant to = ZonedDateTime.of(2026, 3, 2, 4, 0, 0, 0, CHINA).toInstant();
    assertThat(TradeBillCalendar.datesCovering(from, to))
        .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
  }

  @Test
  void hoursEndingAtMidnightNeedNoBillOfTheNextDate() {
    Instant from = ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, CHINA).toInstant();
    Instant to = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, CHINA).toInstant();
    assertThat(TradeBillCalendar.datesCovering(from, to)).containsExactly(LocalDate.of(2026, 3, 1));
    assertThat(TradeBillCalendar.startOf(LocalDate.of(2026, 3, 2))).isEqualTo(to);
  }

  @Test
  void aStoreWestOfChinaHasDaysSpanningTwoChinaDatesToo() {
    Instant from = ZonedDateTime.of(2026, 3, 1, 4, 0, 0, 0, ZoneId.of("Europe/Paris")).toInstant();
    Instant to = ZonedDateTime.of(2026, 3, 2, 4, 0, 0, 0, ZoneId.of("Europe/Paris")).toInstant();
    assertThat(TradeBillCalendar.datesCovering(from, to))
        .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
  }
}
