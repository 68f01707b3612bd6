package app.tableloop.platform.database;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.util.Set;

/**
 * Tells a failure that means "PostgreSQL cannot serve us right now" (stopped, restarting, refusing connections, the
 * connection dropped) from a fault in our code: the first is answered 503 and worth a retry, the second is a bug.
 */
public final class DatabaseUnavailable {
  /** Shutting down (admin or crash), starting up; class 08 is "connection exception". */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");
  private static final String POOL_CLOSED = "Pool closed";

  private DatabaseUnavailable() {
  }

  public static boolean is(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DatabaseException database && database.getSqlState() != null
          && (database.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(database.getSqlState()))) {
        return true;
      }
      if (cause instanceof ClosedConnectionException || cause instanceof ConnectException) {
        return true;
      }
      // Our own pool, closed as the instance stops while a request is still at work (its client gone, so the
      // drain did not wait for it). Vert.x says so only in words.
      if (cause instanceof NoStackTraceThrowable && POOL_CLOSED.equals(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
