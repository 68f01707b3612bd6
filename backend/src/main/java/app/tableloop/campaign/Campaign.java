package app.tableloop.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A launched campaign, the stores whose members it reaches, and its results as they stand. */
public record Campaign(UUID id, CampaignType type, String title, CampaignStatus status, Offer offer,
                       AudienceParams params, String message, Long budgetFen, List<UUID> storeIds, Instant startsAt,
                       Instant createdAt, Results results) {
}
