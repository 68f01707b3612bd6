package app.tableloop.platform.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections, overall and per remote address, and admits a new one only while both are under cap. */
final class ConnectionGate {
  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Integer> openPerAddress = new ConcurrentHashMap<>();

  ConnectionGate(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  /** Counts the connection in and answers true, or answers false (counting nothing) when a cap is reached. */
  boolean admit(String address) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      return false;
    }
    boolean[] admitted = {false};
    openPerAddress.compute(address, (key, count) -> {
      int now = count == null ? 0 : count;
      if (now >= maxPerAddress) {
        return count;
      }
      admitted[0] = true;
      return now + 1;
    });
    if (!admitted[0]) {
      open.decrementAndGet();
    }
    return admitted[0];
  }

  /** Counts out a connection that {@link #admit} let in. */
  void release(String address) {
    open.decrementAndGet();
    openPerAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
  }
}
