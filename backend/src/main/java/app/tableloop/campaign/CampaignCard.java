package app.tableloop.campaign;

import java.util.List;
import java.util.UUID;

/**
 * A campaign as the owner is offered it: who it reaches, what it gives, what it costs, what members will read.
 *
 * @param validHours the hours of the day its coupon is usable in (store time); empty for any time
 */
public record CampaignCard(CampaignType type, String summary, Audience audience, Offer offer, List<Integer> validHours,
                           Estimate estimate, String previewMessage, String previewCoupon, AudienceParams params,
                           UUID runningCampaignId) {
}
