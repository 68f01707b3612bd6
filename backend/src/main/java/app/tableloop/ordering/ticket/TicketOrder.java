package app.tableloop.ordering.ticket;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What the kitchen needs to know of an order to cook it.
 *
 * @param orderNumber the short number called out at the pass, such as A023
 * @param headCount   guests at the table; 0 when nobody counted them
 * @param notes       the guest's free-text request, such as 不要香菜; null or blank when there is none
 * @param addOn       a further order (加菜) for a table whose first order is already in the kitchen
 */
public record TicketOrder(String storeName, String orderNumber, String tableName, ZonedDateTime placedAt,
    int headCount, String notes, List<TicketLine> lines, boolean addOn) {
  public TicketOrder {
    requireText(storeName, "store name");
    requireText(orderNumber, "order number");
    requireText(tableName, "table name");
    if (placedAt == null) {
      throw new IllegalArgumentException("the time the order was placed is required");
    }
    if (headCount < 0) {
      throw new IllegalArgumentException("head count must not be negative, was " + headCount);
    }
    if (lines == null || lines.isEmpty()) {
      throw new IllegalArgumentException("order " + orderNumber.strip() + " has no lines; a ticket needs at least one");
    }
    if (lines.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("order " + orderNumber.strip() + " has a null line");
    }
    lines = List.copyOf(lines);
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
