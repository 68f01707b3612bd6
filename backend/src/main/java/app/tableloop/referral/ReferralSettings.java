package app.tableloop.referral;

import java.util.Optional;
import java.util.UUID;

/**
 * A brand's referral programme: whether it runs, how many friends who joined and paid earn the sharer's reward, how
 * many friends of one sharer count at most, and the coupons (the friend's welcome coupon, the sharer's reward).
 */
public record ReferralSettings(boolean active, int needed, int capPerSharer, Optional<UUID> friendTemplateId,
                               Optional<UUID> sharerTemplateId) {
  public static final ReferralSettings DEFAULTS = new ReferralSettings(true, 5, 10, Optional.empty(),
      Optional.empty());

  /** Why these settings cannot be kept, if they cannot: a sharer's cap below what the reward needs. */
  public Optional<ReferralRefusal> refusal() {
    return capPerSharer < needed ? Optional.of(ReferralRefusal.CAP_BELOW_NEEDED) : Optional.empty();
  }
}
