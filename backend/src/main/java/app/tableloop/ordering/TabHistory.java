package app.tableloop.ordering;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tab's orders a page at a time. A tab's answer, sent on every change anyone at the table makes, carries only its
 * latest orders (its totals count all of them), so that it does not grow with the tab's history; a screen that shows
 * the whole history pages back from there.
 */
final class TabHistory {
  /** How many of its latest orders a tab's answer carries, and a page's size unless asked otherwise. */
  static final int LATEST = 20;

  /** A page of a tab's orders, oldest first, and whether the tab has orders placed before them. */
  record Page(List<Order> orders, boolean more) {
  }

  private TabHistory() {
  }

  /** The latest of a tab's orders (given oldest first, as a tab holds them). */
  static List<Order> latest(List<Order> orders) {
    return orders.subList(Math.max(0, orders.size() - LATEST), orders.size());
  }

  /**
   * The {@code limit} orders placed just before the order {@code before} (the latest, without it); empty if
   * {@code before} is not one of the tab's orders.
   */
  static Optional<Page> before(List<Order> orders, Optional<UUID> before, int limit) {
    int end = orders.size();
    if (before.isPresent()) {
      end = indexOf(orders, before.get());
      if (end < 0) {
        return Optional.empty();
      }
    }
    int start = Math.max(0, end - limit);
    return Optional.of(new Page(orders.subList(start, end), start > 0));
  }

  private static int indexOf(List<Order> orders, UUID id) {
    for (int i = 0; i < orders.size(); i++) {
      if (orders.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
