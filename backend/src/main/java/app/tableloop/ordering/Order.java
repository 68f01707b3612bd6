package app.tableloop.ordering;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An order as placed: its number for the day, status, and items priced when it was placed. */
public record Order(UUID id, UUID storeId, UUID tabId, UUID tableId, String number, OrderStatus status, int headCount,
                    String notes, long totalFen, UUID placedBy, OffsetDateTime placedAt, OffsetDateTime hurriedAt,
                    String endReason, List<Item> items) {

  /** A dish as ordered, with the names and prices of that moment. */
  public record Item(UUID id, UUID dishId, String dishName, List<String> choices, long unitPriceFen, int quantity,
                     UUID addedBy, OffsetDateTime servedAt) {
  }
}
