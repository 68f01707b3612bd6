package app.tableloop.membership;

import app.tableloop.platform.crypto.DataKeys;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A member as stored: who (while active), the notice they accepted, when, where and how they joined, their consents,
 * their optional personal data (the phone still sealed) and their visit statistics.
 */
public record Member(UUID id, UUID userId, boolean active, int noticeVersion, OffsetDateTime joinedAt,
                     UUID joinedStoreId, UUID joinedTableId, JoinVia via, UUID recruitedBy, UUID referredBy,
                     boolean marketingConsent, String nickname, LocalDate birthday, Optional<SealedPhone> phone,
                     Visits visits) {

  /**
   * A nickname as others than the member see it: its first character, the rest hidden ("张**"); empty without one.
   */
  public static Optional<String> maskedNickname(String nickname) {
    if (nickname == null || nickname.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(nickname.substring(0, nickname.offsetByCodePoints(0, 1)) + "**");
  }

  /** The phone as stored: sealed under a data key, with its (unsealed) country code. */
  public record SealedPhone(DataKeys.Sealed sealed, String countryCode) {
  }

  /** What the member's paid orders add up to, refunds taken off. */
  public record Visits(int count, long spendFen, OffsetDateTime first, OffsetDateTime last) {
    public long averageBasketFen() {
      return count == 0 ? 0 : Math.round((double) spendFen / count);
    }
  }

  /** A dish the member ordered, with how many portions in all. */
  public record FavouriteDish(String dishId, String name, long quantity) {
  }

  /** A store of the brand the member visited, with how often. */
  public record StoreVisited(UUID storeId, String name, long visits) {
  }
}
