package app.tableloop.identity;

import app.tableloop.platform.live.LiveHub;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Sessions this instance found open in Redis a moment ago, so that a diner's requests in quick succession (a cart
 * change, the order, the tab read after each live update) do not each ask Redis again. An ending drops them at once
 * where it is announced, on every instance; should an announcement be lost (Redis away for a moment), an entry still
 * lives no longer than its hold. Nothing is kept while this instance does not hear endings.
 */
final class RecentSessions {
  static final Duration HOLD = Duration.ofSeconds(5);
  private static final long MOST = 100_000;

  private final BooleanSupplier hearingEndings;
  private final Cache<String, SignedInUser> open;
  /**
   * What ended within the hold, by session id and by user: a lookup in Redis made before an ending and answered
   * after it must not put the ended session back.
   */
  private final Cache<Object, Boolean> ended;

  /** {@code hearingEndings} answers whether this instance hears endings now; they must reach {@link #ended}. */
  RecentSessions(Duration hold, BooleanSupplier hearingEndings, Ticker ticker) {
    this.hearingEndings = hearingEndings;
    this.open = Caffeine.newBuilder().expireAfterWrite(hold).maximumSize(MOST).ticker(ticker).build();
    this.ended = Caffeine.newBuilder().expireAfterWrite(hold).maximumSize(MOST).ticker(ticker).build();
  }

  Optional<SignedInUser> find(String sessionId) {
    return Optional.ofNullable(open.getIfPresent(sessionId));
  }

  /** Keeps a session found open in Redis, unless it ended meanwhile or endings cannot be heard now. */
  void found(String sessionId, SignedInUser user) {
    if (hearingEndings.getAsBoolean()) {
      open.put(sessionId, user);
      if (ended.getIfPresent(sessionId) != null || ended.getIfPresent(user.userId()) != null) {
        open.invalidate(sessionId);
      }
    }
  }

  void ended(LiveHub.Ending ending) {
    ending.sessionId().ifPresent(this::sessionEnded);
    ending.userId().ifPresent(this::userEnded);
  }

  void sessionEnded(String sessionId) {
    ended.put(sessionId, true);
    open.invalidate(sessionId);
  }

  void userEnded(UUID userId) {
    ended.put(userId, true);
    open.asMap().values().removeIf(user -> user.userId().equals(userId));
  }
}
