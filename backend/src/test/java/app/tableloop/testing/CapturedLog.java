package app.tableloop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line the service writes while this is open (at the levels its loggers let through, some of which a test
 * may turn up to DEBUG), as events and as the console prints them: with logback.xml's encoder, masking included.
 * Close it to stop capturing and restore the levels.
 */
public final class CapturedLog implements AutoCloseable {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();

  private CapturedLog(List<String> debugLoggers) {
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    for (String name : debugLoggers) {
      Logger logger = context.getLogger(name);
      previousLevels.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
  }

  public static CapturedLog start() {
    return new CapturedLog(List.of());
  }

  /** Captures with these loggers turned up to DEBUG meanwhile. */
  public static CapturedLog withDebug(List<String> loggers) {
    return new CapturedLog(loggers);
  }

  /** The lines so far, as one snapshot (the service keeps logging on its own threads). */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // the lock its doAppend takes
      return List.copyOf(appender.list);
    }
  }

  /** The lines so far exactly as the console prints them. */
  public String text() {
    PatternLayoutEncoder encoder = consoleEncoderCopy();
    StringBuilder text = new StringBuilder();
    events().forEach(event -> text.append(new String(encoder.encode(event), StandardCharsets.UTF_8)));
    encoder.stop();
    return text.toString();
  }

  @Override
  public void close() {
    previousLevels.forEach(Logger::setLevel);
    root.detachAppender(appender);
    appender.stop();
  }

  private PatternLayoutEncoder consoleEncoderCopy() {
    AppenderAttachable<ILoggingEvent> async = (AppenderAttachable<ILoggingEvent>) root.getAppender("ASYNC");
    assertThat(async).as("the ASYNC appender of logback.xml").isNotNull();
    OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) async.getAppender("CONSOLE");
    assertThat(console).as("the CONSOLE appender of logback.xml, behind ASYNC").isNotNull();
    PatternLayoutEncoder consoleEncoder = (PatternLayoutEncoder) console.getEncoder();
    try {
      PatternLayoutEncoder copy = consoleEncoder.getClass().getDeclaredConstructor().newInstance();
      copy.setContext(context);
      copy.setPattern(consoleEncoder.getPattern());
      copy.start();
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make another " + consoleEncoder.getClass().getName(), e);
    }
  }
}
