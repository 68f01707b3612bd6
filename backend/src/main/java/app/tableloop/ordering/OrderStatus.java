package app.tableloop.ordering;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an order is. In pay-first stores an order waits for payment before the kitchen sees it; in eat-first stores
 * it is placed at once and the tab is paid at the end.
 */
public enum OrderStatus {
  AWAITING_PAYMENT, PLACED, ACCEPTED, REJECTED, SERVED, CANCELLED;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<OrderStatus> fromWireName(String value) {
    return Arrays.stream(values()).filter(status -> status.wireName().equals(value)).findFirst();
  }

  /** The kitchen's moves: accept or reject what is placed; an order is served once all its items are. */
  public boolean mayBecome(OrderStatus next) {
    return switch (this) {
      case PLACED -> next == ACCEPTED || next == REJECTED || next == CANCELLED;
      case AWAITING_PAYMENT -> next == PLACED || next == CANCELLED;
      case ACCEPTED -> next == SERVED || next == CANCELLED;
      case REJECTED, SERVED, CANCELLED -> false;
    };
  }
}
