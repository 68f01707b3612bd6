package app.tableloop.platform.logging;

import app.tableloop.platform.http.RequestIds;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import org.slf4j.event.KeyValuePair;

/**
 * An asynchronous appender that also notes on each line the id of the request it was written for. The id lives in
 * the request's Vert.x context, which the appender's own thread, writing the line later, cannot see. The appender is
 * the Disruptor-based one of logstash-logback-encoder: its writer thread, configured to sleep between batches, is not
 * woken for each line as the writer of logback's own AsyncAppender is (a tenth of a menu read's CPU went to those
 * wake-ups when every request writes an access-log line).
 */
public final class AsyncAppenderWithRequestIds extends LoggingEventAsyncDisruptorAppender {
  @Override
  protected void prepareForDeferredProcessing(ILoggingEvent event) {
    String id = RequestIds.current();
    if (id != null && event instanceof LoggingEvent logged) {
      logged.addKeyValuePair(new KeyValuePair(RequestIdConverter.KEY, id));
    }
    super.prepareForDeferredProcessing(event);
  }
}
