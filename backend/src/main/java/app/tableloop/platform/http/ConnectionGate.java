package app.tableloop.platform.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, overall and per remote address. Over the overall cap a new one is refused; over its
 * address's share it is let in, but as one that gets no patience: it must send its request at once. So a client that
 * holds its share open cannot lock others of its address out (a health probe, diners behind one proxy), and cannot
 * hold more than its share for long either.
 */
final class ConnectionGate {
  /** How a new connection is let in. */
  enum Admission {
    WITHIN_SHARE, BEYOND_SHARE, REFUSED
  }

  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Integer> openPerAddress = new ConcurrentHashMap<>();

  ConnectionGate(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts the connection in, or answers REFUSED (counting nothing) when the server is full. */
  Admission admit(String address) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      return Admission.REFUSED;
    }
    boolean[] withinShare = {false};
    openPerAddress.compute(address, (key, count) -> {
      int now = count == null ? 0 : count;
      if (now >= maxPerAddress) {
        return count;
      }
      withinShare[0] = true;
      return now + 1;
    });
    return withinShare[0] ? Admission.WITHIN_SHARE : Admission.BEYOND_SHARE;
  }

  /** Counts out a connection that {@link #admit} let in. */
  void release(String address, Admission admission) {
    open.decrementAndGet();
    if (admission == Admission.WITHIN_SHARE) {
      openPerAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
  }
}
