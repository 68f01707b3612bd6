package app.tableloop.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.BufferedOutputStream;
import java.io.OutputStream;

/**
 * The console, written a batch of lines at a time. {@code System.out} flushes every write it is given, so each line
 * was a system call of its own: with a line a request (the access log), half the log writer's cost on a menu read. The
 * lines gather here and go out when the asynchronous appender in front, having written all it had, flushes its
 * appender (which it does for one that does not flush each line itself: {@code immediateFlush} false). A buffer
 * that fills before then is written out whole.
 */
public final class BatchedConsoleAppender extends ConsoleAppender<ILoggingEvent> {
  private static final int BUFFER_BYTES = 16 * 1024;

  @Override
  public void setOutputStream(OutputStream console) {
    // Closing the buffer flushes it; closing the console's own stream leaves System.out open.
    super.setOutputStream(new BufferedOutputStream(console, BUFFER_BYTES));
  }
}
