package app.tableloop.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The console's lines wait for the flush at the end of a batch and then leave together. */
class BatchedConsoleAppenderTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Console console = new Console();
  private final BatchedConsoleAppender appender = new BatchedConsoleAppender();

  BatchedConsoleAppenderTest() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setImmediateFlush(false);
    appender.start();
    appender.setOutputStream(console);
  }

  @AfterEach
  void stop() {
    appender.stop();
  }

  @Test
  void linesWaitForTheFlushAndThenGoOutInOneWrite() throws IOException {
    for (int i = 1; i <= 3; i++) {
      appender.doAppend(line("line " + i));
    }
    assertThat(console.text()).isEmpty();

    appender.getOutputStream().flush();

    assertThat(console.text()).isEqualTo("line 1\nline 2\nline 3\n");
    assertThat(console.writes).hasValue(1);
  }

  @Test
  void theAsynchronousAppenderInFrontFlushesOnceItHasWrittenWhatItHad() {
    AsyncAppenderWithRequestIds async = new AsyncAppenderWithRequestIds();
    async.setContext(context);
    async.addAppender(appender);
    async.start();
    Vertx vertx = Vertx.vertx();
    try {
      for (int i = 1; i <= 3; i++) {
        async.doAppend(line("line " + i));
      }

      // Three short lines never fill the buffer: they come out only through the flush.
      assertThat(Await.eventually(vertx, console::text, text -> text.endsWith("line 3\n")))
          .isEqualTo("line 1\nline 2\nline 3\n");
    } finally {
      async.stop();
      vertx.close();
    }
  }

  private LoggingEvent line(String message) {
    return new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.INFO, message, null, null);
  }

  /** A console that counts the writes it is given. */
  private static final class Console extends OutputStream {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public synchronized void write(int b) {
      writes.incrementAndGet();
      written.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      writes.incrementAndGet();
      written.write(bytes, offset, length);
    }

    synchronized String text() {
      return written.toString(StandardCharsets.UTF_8);
    }
  }
}
