package app.tableloop.ordering;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An order as placed: its number for the day, status, items priced when it was placed, what was taken off their
 * subtotal, and its payment: whether a payment has paid it (its own, pay first; or its tab's, eat first), and what
 * of it was refunded.
 */
public record Order(UUID id, UUID storeId, UUID tabId, UUID tableId, String number, OrderStatus status, int headCount,
                    String notes, long totalFen, UUID placedBy, OffsetDateTime placedAt, OffsetDateTime hurriedAt,
                    String endReason, OrderPayment payment, List<Item> items, long discountFen,
                    List<OrderAdjustment> adjustments) {

  /** The items at their menu prices, before the adjustments: {@code totalFen} is what is paid. */
  public long subtotalFen() {
    return totalFen + discountFen;
  }

  public boolean paid() {
    return payment.paid();
  }

  /** Whether the order counts in what its tab's orders come to: all but those rejected or cancelled. */
  public boolean billed() {
    return status != OrderStatus.REJECTED && status != OrderStatus.CANCELLED;
  }

  /** Still to be paid with the tab: in the kitchen's hands or served, and paid by nothing yet. */
  public boolean dueWithTab() {
    return !paid() && (status == OrderStatus.PLACED || status == OrderStatus.ACCEPTED || status == OrderStatus.SERVED);
  }

  /** A dish as ordered, with the names and prices of that moment. */
  public record Item(UUID id, UUID dishId, String dishName, List<String> choices, long unitPriceFen, int quantity,
                     UUID addedBy, OffsetDateTime servedAt) {
  }
}
