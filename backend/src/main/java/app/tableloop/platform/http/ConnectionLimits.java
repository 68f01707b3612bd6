package app.tableloop.platform.http;

import java.time.Duration;

/**
 * What the server puts up with from one connection before closing it: the edge's defence against slow and greedy
 * clients.
 *
 * @param idleTimeout              a connection with nothing sent either way for this long is closed
 * @param requestTimeout           a request's head and body must arrive in full within this; a kept-alive connection
 *                                 that sends no complete request for this long is closed too
 * @param maxConnections           open connections the server accepts at once; more are closed on arrival
 * @param maxConnectionsPerAddress the same cap for one remote address
 */
public record ConnectionLimits(Duration idleTimeout, Duration requestTimeout, int maxConnections,
                               int maxConnectionsPerAddress) {

  /** WebSockets stay quiet for long stretches: a ping this often keeps a healthy one within the idle timeout. */
  public Duration webSocketPingInterval() {
    return idleTimeout.dividedBy(2);
  }
}
