package app.tableloop.campaign;

import java.util.UUID;

/** A campaign as the owner is offered it: who it reaches, what it gives, what it costs, what members will read. */
public record CampaignCard(CampaignType type, String summary, Audience audience, Offer offer, Estimate estimate,
                           String previewMessage, String previewCoupon, AudienceParams params,
                           UUID runningCampaignId) {
}
