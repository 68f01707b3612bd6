package app.tableloop.platform.config;

/** A configuration value is missing or malformed; the message names the environment variable at fault. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
