package app.tableloop.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A Redis server, parsed from a URI such as {@code redis://:secret@127.0.0.1:6379/0} ({@code rediss://} for TLS). */
public record RedisUrl(boolean tls, String host, int port, String user, String password, int database) {

  public static RedisUrl parse(String variable, String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(variable + " is not a valid URI: " + e.getMessage());
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new ConfigException(variable + " must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(variable + " names no host");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = parts[0].isEmpty() ? null : decode(parts[0]);
      password = parts.length > 1 && !parts[1].isEmpty() ? decode(parts[1]) : null;
    }
    int database = 0;
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (!path.isEmpty()) {
      try {
        database = Integer.parseInt(path);
      } catch (NumberFormatException e) {
        throw new ConfigException(variable + " has '" + path + "' where a database number belongs (redis://host:6379/0)");
      }
    }
    return new RedisUrl("rediss".equals(uri.getScheme()), uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(),
        user, password, database);
  }

  /** The address in the form Redisson expects: scheme, host and port only. */
  public String address() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port;
  }

  /** The same address without the password, fit for a log line. */
  @Override
  public String toString() {
    return address() + "/" + database;
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }
}
