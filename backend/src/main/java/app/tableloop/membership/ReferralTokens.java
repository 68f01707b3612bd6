package app.tableloop.membership;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * What joining asks of whoever hands out members' signed referral tokens (the referral feature), without knowing it:
 * the member a token names as the one who shared it.
 */
public interface ReferralTokens {
  /**
   * The id of the member who shared {@code token} in this tenant; a failed future with a refusal (a 4xx problem at
   * {@code referral_token}) when the token is not ours, is for another tenant, was altered or has expired.
   */
  Future<UUID> sharer(UUID tenantId, String token);
}
