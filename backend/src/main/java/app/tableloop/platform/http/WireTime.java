package app.tableloop.platform.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A moment as the API writes it: RFC 3339 with its seconds always there. {@code OffsetDateTime.toString()} leaves
 * out seconds that are zero ("…T19:14Z"), which is not RFC 3339 and which {@code Instant.parse} refuses; WeChat's
 * payment times come to the second, so one in sixty did.
 */
public final class WireTime {
  private WireTime() {
  }

  /** The moment, or null for none. */
  public static String of(OffsetDateTime moment) {
    return moment == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment);
  }
}
