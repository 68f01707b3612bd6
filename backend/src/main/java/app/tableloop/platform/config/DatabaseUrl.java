package app.tableloop.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A PostgreSQL server and database, parsed from a URI such as
 * {@code postgresql://user:secret@127.0.0.1:5432/tableloop?sslmode=require}.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String sslMode) {

  public static DatabaseUrl parse(String variable, String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(variable + " is not a valid URI: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new ConfigException(variable + " must start with postgresql://, e.g. postgresql://user:password@host:5432/database");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(variable + " names no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new ConfigException(variable + " names no database (the path after the host)");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    if (user == null || user.isEmpty()) {
      throw new ConfigException(variable + " names no user, e.g. postgresql://postgres@127.0.0.1:5432/postgres");
    }
    String sslMode = queryParameter(uri.getRawQuery(), "sslmode");
    return new DatabaseUrl(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), decode(path), user, password, sslMode);
  }

  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password, sslMode);
  }

  public DatabaseUrl withCredentials(String otherUser, String otherPassword) {
    return new DatabaseUrl(host, port, database, otherUser, otherPassword, sslMode);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + (sslMode == null ? "" : "?sslmode=" + sslMode);
  }

  /** Connection properties for the JDBC driver (used only by migrations and administration). */
  public Properties jdbcProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "tableloop-admin");
    return properties;
  }

  /** The same address without the password, fit for a log line. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        return decode(kv[1]);
      }
    }
    return null;
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }
}
