package app.tableloop.platform.redis;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisLoadingException;
import org.redisson.client.RedisTimeoutException;

/**
 * Tells a failure that means "Redis cannot serve us right now" (unreachable, timing out, still loading its data) from
 * a fault in our code: the first is answered 503 and worth a retry, the second is a bug.
 */
public final class RedisUnavailable {
  private RedisUnavailable() {
  }

  public static boolean is(Throwable failure) {
    boolean fromRedis = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      // Write failures and refused connections are RedisConnectionExceptions; response timeouts RedisTimeoutExceptions.
      if (cause instanceof RedisConnectionException || cause instanceof RedisTimeoutException
          || cause instanceof RedisLoadingException) {
        return true;
      }
      fromRedis |= cause instanceof RedisException;
      // A command whose connection dropped under it fails as a plain RedisException caused by the lost connection.
      if (fromRedis && (cause instanceof ConnectException || cause instanceof ClosedChannelException)) {
        return true;
      }
    }
    return false;
  }
}
