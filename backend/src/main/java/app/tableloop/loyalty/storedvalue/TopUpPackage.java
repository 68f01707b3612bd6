package app.tableloop.loyalty.storedvalue;

import java.time.Instant;
import java.util.UUID;

/** "充 500 送 50": what the member pays (principal) and the bonus granted on top; only active ones are sold. */
public record TopUpPackage(UUID id, String name, long priceFen, long bonusFen, boolean active, Instant createdAt) {
}
