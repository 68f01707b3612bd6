package app.tableloop.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipRulesTest {
  private static JoinRequest request(boolean consent, int version) {
    return new JoinRequest(consent, version, false, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void joiningNeedsConsentToTheNoticeInForceAndHappensOnce() {
    assertThat(JoinPolicy.refusal(request(false, 2), 2, false)).contains(MembershipRefusal.CONSENT_REQUIRED);
    assertThat(JoinPolicy.refusal(request(true, 1), 2, false)).contains(MembershipRefusal.NOTICE_OUTDATED);
    assertThat(JoinPolicy.refusal(request(true, 2), 2, true)).contains(MembershipRefusal.ALREADY_MEMBER);
    assertThat(JoinPolicy.refusal(request(true, 2), 2, false)).isEmpty();
  }

  @Test
  void aStaffCodeOrAReferralTokenSaysHowTheDinerJoined() {
    assertThat(request(true, 1).via()).isEqualTo(JoinVia.JOIN_CARD);
    assertThat(new JoinRequest(true, 1, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("abcdefghjk"), Optional.empty()).via()).isEqualTo(JoinVia.STAFF_CODE);
    assertThat(new JoinRequest(true, 1, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of("a-referral-token")).via()).isEqualTo(JoinVia.REFERRAL);
  }

  @Test
  void staffSeeAMainlandNumberWithItsMiddleHidden() {
    assertThat(new Phone("13800000000", "86").masked()).isEqualTo("138****0000");
    assertThat(new Phone("91234567", "852").masked()).isEqualTo("91****67");
    assertThat(new Phone("12345", "1").masked()).isEqualTo("1****45");
  }

  @Test
  void csvQuotesWhatNeedsItAndDisarmsSpreadsheetFormulas() {
    assertThat(CsvLine.of("a", 1, null, "x,y", "say \"hi\"")).isEqualTo("a,1,,\"x,y\",\"say \"\"hi\"\"\"\r\n");
    assertThat(CsvLine.of("=HYPERLINK(\"x\")", "+1", "@me", -5L))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+1,'@me,-5\r\n");
  }
}
