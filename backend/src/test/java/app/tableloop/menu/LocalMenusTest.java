package app.tableloop.menu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalMenusTest {
  private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
  private final LocalMenus local = new LocalMenus();
  private final UUID store = UUID.randomUUID();
  private final ServedMenu menu = new ServedMenu(CachedMenu.of(7, NOW.plus(Duration.ofHours(1)), "{\"version\":7}"));

  @Test
  void aMenuLoadedWithNoChangeHeardIsKeptUntilItStopsBeingTrue() {
    local.keep(store, menu, local.mark());

    assertThat(local.get(store, NOW)).contains(menu);
    assertThat(local.get(store, NOW.plus(Duration.ofHours(1)))).as("its serving windows moved on").isEmpty();
    assertThat(local.get(UUID.randomUUID(), NOW)).isEmpty();
  }

  @Test
  void aMenuLoadedWhileAChangeWasHeardIsNotKept() {
    long mark = local.mark();
    local.changed(UUID.randomUUID());

    local.keep(store, menu, mark);

    assertThat(local.get(store, NOW)).as("it may predate the change").isEmpty();
  }

  @Test
  void aChangeDropsThatStoresCopyAndAMissedAnnouncementDropsAll() {
    UUID other = UUID.randomUUID();
    local.keep(store, menu, local.mark());
    local.keep(other, menu, local.mark());

    local.changed(store);
    assertThat(local.get(store, NOW)).isEmpty();
    assertThat(local.get(other, NOW)).isPresent();

    local.forgetAll();
    assertThat(local.get(other, NOW)).isEmpty();
  }

  @Test
  void aCopyIsDroppedAfterItsLifetimeEvenWithNoAnnouncement() {
    AtomicLong nanos = new AtomicLong();
    LocalMenus timed = new LocalMenus(Duration.ofSeconds(60), nanos::get);
    timed.keep(store, menu, timed.mark());

    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(timed.get(store, NOW)).isPresent();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(timed.get(store, NOW)).isEmpty();
  }
}
