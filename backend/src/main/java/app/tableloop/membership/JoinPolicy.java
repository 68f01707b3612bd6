package app.tableloop.membership;

import app.tableloop.platform.refusal.Refusal;
import java.util.Optional;

/** Whether a diner may join now: only with consent to the notice as it stands, and only once. */
public final class JoinPolicy {
  private JoinPolicy() {
  }

  public static Optional<Refusal> refusal(JoinRequest request, int currentNoticeVersion, boolean alreadyMember) {
    if (!request.consent()) {
      return Optional.of(MembershipRefusal.CONSENT_REQUIRED);
    }
    if (request.noticeVersion() != currentNoticeVersion) {
      return Optional.of(MembershipRefusal.NOTICE_OUTDATED);
    }
    if (alreadyMember) {
      return Optional.of(MembershipRefusal.ALREADY_MEMBER);
    }
    return Optional.empty();
  }
}
