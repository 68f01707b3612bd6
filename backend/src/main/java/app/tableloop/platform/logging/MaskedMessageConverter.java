package app.tableloop.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %maskedMsg} in the log pattern: the line's message with every credential masked ({@link LoggedSecrets}). */
public final class MaskedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LoggedSecrets.mask(super.convert(event));
  }
}
