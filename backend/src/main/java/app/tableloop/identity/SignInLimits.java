package app.tableloop.identity;

import app.tableloop.platform.redis.Redis;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Bounds sign-in attempts per client address and per login code, across every backend instance: a counter in Redis
 * for each, over a window that the first attempt opens. A code is good once anyway; the bound stops anyone hammering
 * WeChat through us. Sign-in is a hot path, so both counts take one round trip, one small script each (a sliding
 * window of Redisson's rate limiter cost four round trips and some forty Redis commands).
 */
public final class SignInLimits {
  static final int PER_ADDRESS_PER_MINUTE = 30;
  static final int PER_CODE = 3;
  private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);
  private static final Duration CODE_WINDOW = Duration.ofMinutes(5);
  /** Counts one attempt; the first one opens the window in the same atomic step, so no counter outlives it. */
  private static final String COUNT = """
      local attempts = redis.call('incr', KEYS[1])
      if attempts == 1 then
        redis.call('pexpire', KEYS[1], ARGV[1])
      end
      return attempts
      """;

  private final Redis redis;

  public SignInLimits(Redis redis) {
    this.redis = redis;
  }

  public Future<Boolean> allow(String clientAddress, String code) {
    RBatch batch = redis.client().createBatch();
    RFuture<Long> byAddress = count(batch, "sign-in-attempts:address:" + clientAddress, ADDRESS_WINDOW);
    RFuture<Long> byCode = count(batch, "sign-in-attempts:code:" + Sessions.hash(code), CODE_WINDOW);
    return redis.future(batch.executeAsync()).map(counted -> byAddress.toCompletableFuture().join()
        <= PER_ADDRESS_PER_MINUTE && byCode.toCompletableFuture().join() <= PER_CODE);
  }

  private static RFuture<Long> count(RBatch batch, String key, Duration window) {
    return batch.getScript(StringCodec.INSTANCE).evalAsync(key, RScript.Mode.READ_WRITE, COUNT,
        RScript.ReturnType.LONG, List.of(key), String.valueOf(window.toMillis()));
  }
}
