package app.tableloop.identity;

import app.tableloop.platform.redis.Redis;
import io.vertx.core.Future;
import java.time.Duration;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;

/**
 * Bounds sign-in attempts per client address and per login code, across every backend instance (the limits live in
 * Redis). A code is good once anyway; the bound stops anyone hammering WeChat through us.
 */
public final class SignInLimits {
  static final int PER_ADDRESS_PER_MINUTE = 30;
  static final int PER_CODE = 3;

  private final Redis redis;

  public SignInLimits(Redis redis) {
    this.redis = redis;
  }

  public Future<Boolean> allow(String clientAddress, String code) {
    return acquire("rate:sign-in:address:" + clientAddress, PER_ADDRESS_PER_MINUTE, Duration.ofMinutes(1))
        .compose(allowed -> allowed
            ? acquire("rate:sign-in:code:" + Sessions.hash(code), PER_CODE, Duration.ofMinutes(5))
            : Future.succeededFuture(false));
  }

  private Future<Boolean> acquire(String key, int permits, Duration interval) {
    RRateLimiter limiter = redis.client().getRateLimiter(key);
    return redis.future(limiter.trySetRateAsync(RateType.OVERALL, permits, interval, interval.multipliedBy(2)))
        .compose(set -> redis.future(limiter.tryAcquireAsync()));
  }
}
