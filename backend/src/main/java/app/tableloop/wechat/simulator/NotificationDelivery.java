package app.tableloop.wechat.simulator;

import java.time.Instant;

/**
 * One attempt to deliver a notification to a merchant's notify_url.
 *
 * @param attempt 1 for the first try of this copy, 2 for its first retry, ...
 * @param copy    0 for the notification itself, 1.. for the duplicates a test asked for
 * @param status  the merchant's HTTP status, or 0 when it gave none (refused connection, timeout)
 * @param failure why no status came back, or empty
 */
public record NotificationDelivery(String notificationId, String eventType, String url, int copy, int attempt,
                                   int status, String failure, Instant at) {

  /** WeChat Pay takes any 2xx as received, and stops retrying. */
  public boolean accepted() {
    return status >= 200 && status < 300;
  }
}
