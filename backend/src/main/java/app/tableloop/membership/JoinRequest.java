package app.tableloop.membership;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * What a diner sends to join: that they accept the notice of {@code noticeVersion}, whether they also want marketing
 * messages (a separate consent, off unless asked for), optional personal data, and where and how they join (a
 * staff member's code, or a member's signed referral token).
 */
public record JoinRequest(boolean consent, int noticeVersion, boolean marketing, Optional<String> nickname,
                          Optional<LocalDate> birthday, Optional<String> phoneCode, Optional<UUID> tableId,
                          Optional<String> staffCode, Optional<String> referralToken) {

  public JoinVia via() {
    return staffCode.isPresent() ? JoinVia.STAFF_CODE
        : referralToken.isPresent() ? JoinVia.REFERRAL : JoinVia.JOIN_CARD;
  }
}
