package app.tableloop.testing;

import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.platform.config.RedisUrl;
import app.tableloop.platform.embedded.EmbeddedPostgres;
import app.tableloop.platform.embedded.EmbeddedRedis;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL and Redis servers the test suite runs against: those named by {@code TEST_DATABASE_URL} and
 * {@code TEST_REDIS_URL} (CI sets them), or embedded ones started once per test run when they are unset.
 */
final class TestServers {
  private static TestServers instance;

  final DatabaseUrl admin;
  final Optional<String> applicationPassword;
  final RedisUrl redis;

  private TestServers(DatabaseUrl admin, Optional<String> applicationPassword, RedisUrl redis) {
    this.admin = admin;
    this.applicationPassword = applicationPassword;
    this.redis = redis;
  }

  static synchronized TestServers get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestServers start() {
    Path dataDir = Path.of("target", "test-servers").toAbsolutePath();
    String databaseUrl = System.getenv("TEST_DATABASE_URL");
    DatabaseUrl admin;
    Optional<String> applicationPassword = Optional.empty();
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      admin = DatabaseUrl.parse("TEST_DATABASE_URL", databaseUrl);
    } else {
      EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir);
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
      admin = postgres.ownerUrl().withDatabase("postgres");
      applicationPassword = Optional.of(postgres.applicationPassword());
    }
    String redisUrl = System.getenv("TEST_REDIS_URL");
    RedisUrl redis;
    if (redisUrl != null && !redisUrl.isBlank()) {
      redis = RedisUrl.parse("TEST_REDIS_URL", redisUrl);
    } else {
      EmbeddedRedis embedded = EmbeddedRedis.start(dataDir);
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      redis = embedded.url();
    }
    return new TestServers(admin, applicationPassword, redis);
  }
}
