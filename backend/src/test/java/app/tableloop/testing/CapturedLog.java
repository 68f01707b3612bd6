package app.tableloop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What the service's console log prints while it is open, encoded as the console encodes it (the same encoder class
 * and pattern, from logback.xml), with some loggers turned up to DEBUG. Close it to restore their levels.
 */
public final class CapturedLog implements AutoCloseable {
  private final ByteArrayOutputStream bytes;
  private final OutputStreamAppender<ILoggingEvent> appender;
  private final Map<Logger, Level> previousLevels;

  private CapturedLog(ByteArrayOutputStream bytes, OutputStreamAppender<ILoggingEvent> appender,
                      Map<Logger, Level> previousLevels) {
    this.bytes = bytes;
    this.appender = appender;
    this.previousLevels = previousLevels;
  }

  public static CapturedLog ofConsole(List<String> debugLoggers) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE");
    assertThat(console).as("the CONSOLE appender of logback.xml").isNotNull();
    PatternLayoutEncoder consoleEncoder = (PatternLayoutEncoder) console.getEncoder();

    PatternLayoutEncoder encoder = newInstanceOf(consoleEncoder.getClass());
    encoder.setContext(context);
    encoder.setPattern(consoleEncoder.getPattern());
    encoder.start();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("captured");
    appender.setEncoder(encoder);
    appender.setOutputStream(bytes);
    appender.start();
    root.addAppender(appender);

    Map<Logger, Level> previous = new LinkedHashMap<>();
    for (String name : debugLoggers) {
      Logger logger = context.getLogger(name);
      previous.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    return new CapturedLog(bytes, appender, previous);
  }

  /** Everything printed so far. */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    previousLevels.forEach(Logger::setLevel);
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    appender.stop();
  }

  private static PatternLayoutEncoder newInstanceOf(Class<? extends PatternLayoutEncoder> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make another " + type.getName(), e);
    }
  }
}
