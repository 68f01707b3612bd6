package app.tableloop.platform.logging;

import app.tableloop.platform.http.RequestIds;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.slf4j.event.KeyValuePair;

/**
 * Logback's asynchronous appender, which also notes on each line the id of the request it was written for. The id
 * lives in the request's Vert.x context, which the appender's own thread, writing the line later, cannot see.
 */
public final class AsyncAppenderWithRequestIds extends AsyncAppender {
  @Override
  protected void preprocess(ILoggingEvent event) {
    String id = RequestIds.current();
    if (id != null && event instanceof LoggingEvent logged) {
      logged.addKeyValuePair(new KeyValuePair(RequestIdConverter.KEY, id));
    }
    super.preprocess(event);
  }
}
