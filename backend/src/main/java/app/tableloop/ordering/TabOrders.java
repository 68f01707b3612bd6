package app.tableloop.ordering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each tab's orders as this instance last read them, so that a read of a tab fetches only the orders changed since,
 * not the tab's whole history. What was read is complete up to a horizon: the oldest transaction still running when
 * the read's snapshot was taken. Every change of an order is noted in {@code order_changes} with its transaction, so
 * the next read asks for the orders noted at or after that horizon: those committed since, and those that were still
 * running then, but for the transactions whose changes the copy already holds: this instance's own placements, which
 * it wrote and need not fetch back. Nothing here is trusted beyond that: a copy another instance never saw is
 * simply read whole.
 */
final class TabOrders {
  /**
   * What a read starts from: the orders known, the horizon they are complete up to (null: nothing known) and the
   * transactions at or past it whose changes they hold ({@code included}, as text). Each of those is a placement of
   * this instance's, so they are never more than the orders held.
   */
  record Known(String horizon, List<String> included, List<Order> orders) {
    static final Known NOTHING = new Known(null, List.of(), List.of());

    private long position() {
      return position(horizon);
    }

    private static long position(String transaction) {
      return Long.parseUnsignedLong(transaction);
    }

    /** The included transactions, for the read's parameter. */
    String[] includedArray() {
      return included.toArray(String[]::new);
    }
  }

  private static final Comparator<Order> PLACED = Comparator.comparing(Order::placedAt);

  // Notes are forgotten after a day (OrderChangesForgetting); a copy is far younger. Bounded by the orders held (with
  // their JSON, a few KB each), not by tabs: a few tabs of long history must not crowd the heap. Every cart change and
  // order writes here, so the upkeep runs on the writing thread, as OrderingJson's: handed to the common pool, each
  // write woke one of its threads.
  private final Cache<UUID, Known> known = Caffeine.newBuilder()
      .maximumWeight(20_000)
      .<UUID, Known>weigher((tab, copy) -> copy.orders().size() + 1)
      .expireAfterWrite(Duration.ofHours(1))
      .executor(Runnable::run)
      .build();

  Known known(UUID tabId) {
    Known copy = known.getIfPresent(tabId);
    return copy == null ? Known.NOTHING : copy;
  }

  /**
   * The tab's orders, oldest first, as of {@code horizon}: those of {@code from} with the orders read since it
   * replacing or joining them. Remembered for the next read, unless a read with a later horizon got there first or
   * the reading transaction changed the tab's orders itself ({@code committed} false): those changes may yet be
   * rolled back.
   */
  Known update(UUID tabId, Known from, String horizon, List<Order> changed, boolean committed) {
    List<Order> orders;
    if (from.horizon() == null) {
      orders = changed;
    } else if (changed.isEmpty()) {
      orders = from.orders();
    } else {
      Map<UUID, Order> byId = new LinkedHashMap<>();
      from.orders().forEach(order -> byId.put(order.id(), order));
      changed.forEach(order -> byId.put(order.id(), order));
      List<Order> merged = new ArrayList<>(byId.values());
      merged.sort(PLACED);
      orders = List.copyOf(merged);
    }
    long position = Known.position(horizon);
    Known now = new Known(horizon, from.included().stream()
        .filter(transaction -> Long.compareUnsigned(Known.position(transaction), position) >= 0).toList(), orders);
    if (committed) {
      remember(tabId, now);
    }
    return now;
  }

  /**
   * The tab's orders are {@code orders} since this instance's transaction {@code transaction} committed, which read
   * them as {@code read} and changed them: the next read need not fetch back what it wrote.
   */
  void committed(UUID tabId, Known read, String transaction, List<Order> orders) {
    List<String> included = new ArrayList<>(read.included());
    included.add(transaction);
    remember(tabId, new Known(read.horizon(), List.copyOf(included), orders));
  }

  private void remember(UUID tabId, Known copy) {
    known.asMap().merge(tabId, copy, (before, after) -> before.position() > after.position() ? before : after);
  }
}
