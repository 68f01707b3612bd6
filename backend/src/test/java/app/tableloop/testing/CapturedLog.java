package app.tableloop.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log line the service writes (at the levels its loggers let through) while this is open. */
public final class CapturedLog implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLog() {
    appender.start();
    root.addAppender(appender);
  }

  public static CapturedLog start() {
    return new CapturedLog();
  }

  /** The lines so far, as one snapshot (the service keeps logging on its own threads). */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // the lock its doAppend takes
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
