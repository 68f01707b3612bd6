package app.tableloop.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The referral token and the rules that decide whether a referred join counts, as plain rules. */
class ReferralRulesTest {
  private static final byte[] KEY = key();
  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID MEMBER = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

  @Test
  void aTokenFitsAMiniProgramCodeSceneAndNamesItsSharerForItsTenantOnly() {
    String token = ReferralToken.issue(KEY, TENANT, MEMBER, NOW);
    assertThat(token).hasSize(32).matches("[A-Za-z0-9_-]+");
    assertThat(ReferralToken.check(KEY, token, TENANT, NOW)).isEqualTo(new ReferralToken.Valid(MEMBER));
    assertThat(ReferralToken.check(KEY, token, UUID.randomUUID(), NOW)).isInstanceOf(ReferralToken.Invalid.class);
    assertThat(ReferralToken.check(key(), token, TENANT, NOW)).isInstanceOf(ReferralToken.Invalid.class);
  }

  @Test
  void anAlteredTokenIsInvalidAndAnOldOneExpired() {
    String token = ReferralToken.issue(KEY, TENANT, MEMBER, NOW);
    for (int i = 0; i < token.length(); i++) {
      char changed = token.charAt(i) == 'A' ? 'B' : 'A';
      String altered = token.substring(0, i) + changed + token.substring(i + 1);
      assertThat(ReferralToken.check(KEY, altered, TENANT, NOW)).as("character " + i)
          .isInstanceOf(ReferralToken.Invalid.class);
    }
    assertThat(ReferralToken.check(KEY, token.substring(1), TENANT, NOW)).isInstanceOf(ReferralToken.Invalid.class);
    assertThat(ReferralToken.check(KEY, null, TENANT, NOW)).isInstanceOf(ReferralToken.Invalid.class);
    assertThat(ReferralToken.check(KEY, token, TENANT, NOW.plus(Duration.ofDays(ReferralToken.VALID_DAYS))))
        .isInstanceOf(ReferralToken.Valid.class);
    assertThat(ReferralToken.check(KEY, token, TENANT, NOW.plus(Duration.ofDays(ReferralToken.VALID_DAYS + 1))))
        .isInstanceOf(ReferralToken.Expired.class);
  }

  @Test
  void onlyANewCustomerReferredBySomeoneElseWithinTheCapCounts() {
    assertThat(ReferralPolicy.judge(join(true, true, false, false, false, false, 9, 10)))
        .isEqualTo(ReferralPolicy.Outcome.COUNTED);
    assertThat(ReferralPolicy.judge(join(false, true, false, false, false, false, 0, 10)))
        .isEqualTo(ReferralPolicy.Outcome.INACTIVE);
    assertThat(ReferralPolicy.judge(join(true, false, false, false, false, false, 0, 10)))
        .isEqualTo(ReferralPolicy.Outcome.SHARER_GONE);
    assertThat(ReferralPolicy.judge(join(true, true, true, false, false, false, 0, 10)))
        .isEqualTo(ReferralPolicy.Outcome.SELF);
    assertThat(ReferralPolicy.judge(join(true, true, false, true, false, false, 0, 10)))
        .isEqualTo(ReferralPolicy.Outcome.REPEAT_USER);
    assertThat(ReferralPolicy.judge(join(true, true, false, false, true, false, 0, 10)))
        .isEqualTo(ReferralPolicy.Outcome.ALREADY_CUSTOMER);
    assertThat(ReferralPolicy.judge(join(true, true, false, false, false, true, 0, 10)))
        .isEqualTo(ReferralPolicy.Outcome.LOOP);
    assertThat(ReferralPolicy.judge(join(true, true, false, false, false, false, 10, 10)))
        .isEqualTo(ReferralPolicy.Outcome.OVER_CAP);
  }

  @Test
  void theSharerSeesHowManyFriendsAreStillNeeded() {
    assertThat(ReferralPolicy.remaining(5, 3)).isEqualTo(2);
    assertThat(ReferralPolicy.remaining(5, 7)).isZero();
    assertThat(ReferralApi.masked("小熊猫")).isEqualTo("小**");
    assertThat(ReferralApi.masked("😀abc")).isEqualTo("😀**");
    assertThat(ReferralApi.masked(null)).isEqualTo("微信好友");
    assertThat(new ReferralSettings(true, 5, 4, java.util.Optional.empty(), java.util.Optional.empty()).refusal())
        .contains(ReferralRefusal.CAP_BELOW_NEEDED);
  }

  private static ReferralPolicy.Join join(boolean active, boolean sharerStillMember, boolean sameUser,
                                          boolean referredBefore, boolean customer, boolean loop, int counted,
                                          int cap) {
    return new ReferralPolicy.Join(active, sharerStillMember, sameUser, referredBefore, customer, loop, counted, cap);
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
