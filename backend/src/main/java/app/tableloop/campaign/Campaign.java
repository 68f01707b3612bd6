package app.tableloop.campaign;

import java.time.Instant;
import java.util.UUID;

/** A launched campaign, with its results as they stand. */
public record Campaign(UUID id, CampaignType type, String title, CampaignStatus status, Offer offer,
                       AudienceParams params, String message, Long budgetFen, Instant startsAt, Instant createdAt,
                       Results results) {
}
