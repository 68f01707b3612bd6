package app.tableloop.menu;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's own copies of the rendered menus, so that the most read document is answered (or answered 304)
 * without a round trip to Redis. A copy is dropped when any instance announces a change of its store's menu, all
 * of them when announcements may have been missed, and each after {@link MenuCache#VERSION_LIFETIME} in any case:
 * the same bound on staleness as the version kept in Redis.
 */
final class LocalMenus {
  private static final int MAX_STORES = 10_000;

  private final Cache<UUID, ServedMenu> copies;
  /** Counts changes heard; a menu loaded while one arrived may predate it and is not kept. */
  private final AtomicLong changesHeard = new AtomicLong();

  LocalMenus() {
    this(MenuCache.VERSION_LIFETIME, Ticker.systemTicker());
  }

  /** With the clock a copy's lifetime is measured by. */
  LocalMenus(Duration lifetime, Ticker ticker) {
    this.copies = Caffeine.newBuilder().maximumSize(MAX_STORES).expireAfterWrite(lifetime).ticker(ticker).build();
  }

  /** The store's menu if this instance holds one that is still true at {@code now}. */
  Optional<ServedMenu> get(UUID storeId, Instant now) {
    ServedMenu copy = copies.getIfPresent(storeId);
    return copy != null && copy.menu().validUntil().isAfter(now) ? Optional.of(copy) : Optional.empty();
  }

  /** Where a load starts: hand it back to {@link #keep} when the load is done. */
  long mark() {
    return changesHeard.get();
  }

  /** Keeps a menu loaded since {@code mark}, unless a change was heard meanwhile (also while it was being kept). */
  void keep(UUID storeId, ServedMenu menu, long mark) {
    if (changesHeard.get() == mark) {
      copies.put(storeId, menu);
      if (changesHeard.get() != mark) {
        copies.invalidate(storeId);
      }
    }
  }

  void changed(UUID storeId) {
    changesHeard.incrementAndGet();
    copies.invalidate(storeId);
  }

  void forgetAll() {
    changesHeard.incrementAndGet();
    copies.invalidateAll();
  }
}
