package app.tableloop.platform.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The process's logging as a whole. */
public final class Logs {
  private Logs() {
  }

  /**
   * Writes out the lines still queued for the console and stops logging: lines are written on a thread of their own,
   * which does not hold the process up when it exits.
   */
  public static void flushBeforeExit() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
