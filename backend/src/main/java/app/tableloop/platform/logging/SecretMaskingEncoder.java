package app.tableloop.platform.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;

/**
 * The log pattern's encoder, with every credential masked in the finished line (message, arguments, stack trace and
 * all): one place that holds for every logger, ours and the libraries', at every level.
 */
public final class SecretMaskingEncoder extends PatternLayoutEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    Charset charset = getCharset() == null ? Charset.defaultCharset() : getCharset();
    return LoggedSecrets.mask(layout.doLayout(event)).getBytes(charset);
  }
}
