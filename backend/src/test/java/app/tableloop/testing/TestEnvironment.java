package app.tableloop.testing;

import app.tableloop.platform.config.Config;
import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.platform.config.RedisUrl;
import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.database.ApplicationRole;
import app.tableloop.platform.database.Migrations;
import app.tableloop.platform.redis.Redis;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One test class's own world on the shared test servers: a fresh database cloned from a migrated template (so the
 * migrations run once per change, not once per class) and its own Redis key prefix. Close it in {@code @AfterAll}.
 */
public final class TestEnvironment implements AutoCloseable {
  public static final String APP_ROLE = "tableloop_app";

  private final TestServers servers;
  private final String database;
  private final String redisKeyPrefix;
  /** The keys sealing members' personal data in this class's database, fresh for each class. */
  private final String[] memberKeys = DataKeys.generate("test1");

  private TestEnvironment(TestServers servers, String database, String redisKeyPrefix) {
    this.servers = servers;
    this.database = database;
    this.redisKeyPrefix = redisKeyPrefix;
  }

  public static TestEnvironment forClass(Class<?> testClass) {
    TestServers servers = TestServers.get();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String database = ("t_" + testClass.getSimpleName() + "_" + suffix).toLowerCase(Locale.ROOT);
    String template = migratedTemplate(servers);
    admin(servers.admin, statement -> statement.execute("CREATE DATABASE " + database + " TEMPLATE " + template));
    return new TestEnvironment(servers, database, "test:" + testClass.getSimpleName() + ":" + suffix + ":");
  }

  /** The owner (migrator) connection to this class's database. */
  public DatabaseUrl ownerUrl() {
    return servers.admin.withDatabase(database);
  }

  /** This class's database as the application role sees it. */
  public DatabaseUrl appUrl() {
    return ownerUrl().withCredentials(APP_ROLE, servers.applicationPassword.orElse(null));
  }

  public RedisUrl redisUrl() {
    return servers.redis;
  }

  public String redisKeyPrefix() {
    return redisKeyPrefix;
  }

  /** A Redis client on this class's key prefix, as a service instance of the class has one; the caller closes it. */
  public Redis redis(Vertx vertx) {
    return Await.result(Redis.connect(vertx, Optional.of(redisUrl()), Optional.empty(), redisKeyPrefix()));
  }

  /** A service configuration pointing at this class's database and Redis prefix, on any free port. */
  public Config config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", uri(ownerUrl()));
    servers.applicationPassword.ifPresent(password -> env.put("DATABASE_APP_PASSWORD", password));
    env.put("REDIS_URL", uri(servers.redis));
    env.put("REDIS_KEY_PREFIX", redisKeyPrefix);
    env.put("HTTP_PORT", "0");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("DATABASE_POOL_SIZE", "4");
    env.put("SHUTDOWN_GRACE_SECONDS", "1");
    env.put("MEMBER_DATA_KEYS", memberKeys[0]);
    env.put("MEMBER_LOOKUP_KEY", memberKeys[1]);
    env.putAll(overrides);
    return Config.from(env);
  }

  /**
   * Makes a tenant-owned table the way a feature's migration does ({@code id}, {@code tenant_id}, the given columns,
   * row-level security), readable and writable by the service's role: for tests of the platform under RLS.
   */
  public void aTenantTable(String name, String columns) {
    asOwner(sql -> {
      sql.execute("CREATE TABLE " + name + " (id bigserial PRIMARY KEY, tenant_id uuid NOT NULL, " + columns + ")");
      sql.execute("ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY");
      sql.execute("CREATE POLICY tenant_isolation ON " + name + " USING (tenant_id = current_tenant_id())"
          + " WITH CHECK (tenant_id = current_tenant_id())");
      sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + name + " TO " + APP_ROLE);
      sql.execute("GRANT USAGE ON SEQUENCE " + name + "_id_seq TO " + APP_ROLE);
    });
  }

  /** Runs SQL as the owner of this class's database (to set up what a test needs beyond the migrations). */
  public void asOwner(SqlWork work) {
    admin(ownerUrl(), work);
  }

  /** The single number a query answers, run as the owner (no row-level security): what is really stored. */
  public long count(String sql) {
    long[] counted = new long[1];
    asOwner(statement -> {
      try (var rows = statement.executeQuery(sql)) {
        rows.next();
        counted[0] = rows.getLong(1);
      }
    });
    return counted[0];
  }

  @Override
  public void close() {
    admin(servers.admin, statement -> statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
  }

  @FunctionalInterface
  public interface SqlWork {
    void run(Statement statement) throws SQLException;
  }

  private static void admin(DatabaseUrl url, SqlWork work) {
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
         Statement statement = connection.createStatement()) {
      work.run(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL on " + url + " failed: " + e.getMessage(), e);
    }
  }

  /** A template database per version of the migrations, made once under an advisory lock. */
  private static synchronized String migratedTemplate(TestServers servers) {
    String template = "tableloop_template_" + migrationsDigest();
    try (Connection connection = DriverManager.getConnection(servers.admin.jdbcUrl(), servers.admin.jdbcProperties());
         Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(hashtext('tableloop test template'))");
      try {
        ResultSet existing = statement.executeQuery(
            "SELECT 1 FROM pg_database WHERE datname = '" + template + "'");
        if (!existing.next()) {
          statement.execute("CREATE DATABASE " + template + "_building");
          DatabaseUrl building = servers.admin.withDatabase(template + "_building");
          ApplicationRole.ensure(building, APP_ROLE, servers.applicationPassword);
          Migrations.apply(building, APP_ROLE);
          // Renamed only once complete, so a run killed half-way never leaves a broken template behind.
          statement.execute("ALTER DATABASE " + template + "_building RENAME TO " + template);
        }
      } finally {
        statement.execute("SELECT pg_advisory_unlock(hashtext('tableloop test template'))");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the migrated template database: " + e.getMessage(), e);
    }
    return template;
  }

  private static String migrationsDigest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      URL folder = TestEnvironment.class.getClassLoader().getResource("db/migration");
      Path root = Path.of(folder.toURI());
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          sha.update(root.relativize(file).toString().getBytes());
          try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The URL as a DATABASE_URL variable holds it, password included. */
  public static String uri(DatabaseUrl url) {
    String credentials = url.user() + (url.password() == null ? "" : ":" + encode(url.password()));
    return "postgresql://" + credentials + "@" + url.host() + ":" + url.port() + "/" + url.database();
  }

  /** The URL as a REDIS_URL variable holds it, password included. */
  public static String uri(RedisUrl url) {
    String credentials = url.password() == null ? "" : ":" + encode(url.password()) + "@";
    return (url.tls() ? "rediss://" : "redis://") + credentials + url.host() + ":" + url.port() + "/" + url.database();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
