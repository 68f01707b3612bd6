package app.tableloop.payment;

import app.tableloop.platform.http.Refusals;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every WeChat Pay notification (payments and refunds alike) must pass before it is believed: a signature
 * that verifies against WeChat Pay's key over the exact bytes received, made within five minutes of our clock.
 */
final class NotificationVerification {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationVerification.class);
  /** WeChat Pay's own guidance: refuse signatures whose timestamp is more than five minutes off. */
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final Clock clock;

  NotificationVerification(Clock clock) {
    this.clock = clock;
  }

  /** The notification as {@code parse} (one of the gateway's parse methods) verifies and decrypts it, or a problem. */
  <T> Future<T> verify(String body, SignatureHeader header, BiFunction<String, SignatureHeader, Future<T>> parse) {
    if (header.getTimeStamp() != null && !signedRecently(header.getTimeStamp())) {
      LOG.warn("Refused a WeChat Pay notification: its timestamp {} is more than {} min from our clock",
          header.getTimeStamp(), TOLERANCE.toMinutes());
      return Refusals.refuse(PaymentRefusal.NOTIFICATION_STALE);
    }
    return parse.apply(body, header)
        .recover(failure -> {
          LOG.warn("Refused a WeChat Pay notification: {}", failure.getMessage());
          return Refusals.refuse(PaymentRefusal.NOTIFICATION_UNVERIFIED);
        });
  }

  private boolean signedRecently(String timestamp) {
    try {
      Instant signed = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
      return Duration.between(signed, clock.instant()).abs().compareTo(TOLERANCE) <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
