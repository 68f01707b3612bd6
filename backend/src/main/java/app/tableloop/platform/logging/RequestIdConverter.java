package app.tableloop.platform.logging;

import app.tableloop.platform.http.RequestIds;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.event.KeyValuePair;

/**
 * {@code %requestId} in the log pattern: the id of the HTTP request the line was written for, or "-" outside one.
 * A line written later on another thread carries the id noted when it was logged
 * ({@link AsyncAppenderWithRequestIds}); else the id is the one of the request being handled now.
 */
public final class RequestIdConverter extends ClassicConverter {
  /** The key of the id noted on a line. */
  static final String KEY = "request_id";

  @Override
  public String convert(ILoggingEvent event) {
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        if (KEY.equals(pair.key)) {
          return String.valueOf(pair.value);
        }
      }
    }
    String id = RequestIds.current();
    return id == null ? "-" : id;
  }
}
