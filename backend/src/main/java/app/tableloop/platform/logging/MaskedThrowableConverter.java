package app.tableloop.platform.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %maskedEx} in the log pattern: the line's stack trace, if any, with every credential masked: WxJava puts the
 * URLs it called, tokens and all, in its exceptions' messages.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LoggedSecrets.mask(super.convert(event));
  }
}
