package app.tableloop.platform.runtime;

import app.tableloop.platform.config.Config;
import app.tableloop.platform.config.ConfigException;
import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.platform.database.ApplicationRole;
import app.tableloop.platform.database.Migrations;
import app.tableloop.platform.embedded.EmbeddedDataKeys;
import app.tableloop.platform.embedded.EmbeddedPostgres;
import app.tableloop.platform.embedded.EmbeddedRedis;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers TableLoop stands on: those named by the configuration, or embedded ones started here when nothing is
 * configured. Closing it stops only what it started.
 */
public final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  private final Config config;
  private final EmbeddedPostgres embeddedPostgres;
  private EmbeddedRedis embeddedRedis;

  private Infrastructure(Config config, EmbeddedPostgres embeddedPostgres) {
    this.config = config;
    this.embeddedPostgres = embeddedPostgres;
  }

  /** The database side: the configured server, or the embedded one. */
  public static Infrastructure startDatabase(Config config) {
    if (config.databaseUrl().isPresent()) {
      LOG.info("Using PostgreSQL at {}", config.databaseUrl().get());
      return new Infrastructure(config, null);
    }
    LOG.info("DATABASE_URL is not set: starting the embedded PostgreSQL in {}", config.dataDir());
    return new Infrastructure(config, EmbeddedPostgres.start(config.dataDir()));
  }

  /** The Redis side: the configured server or cluster, or the embedded one. */
  public Infrastructure startRedis() {
    if (config.redisUrl().isPresent() || config.redisConfigFile().isPresent()) {
      LOG.info("Using Redis at {}", config.redisUrl().map(Object::toString)
          .orElseGet(() -> "the servers in " + config.redisConfigFile().orElseThrow()));
    } else {
      LOG.info("REDIS_URL is not set: starting the embedded Redis in {}", config.dataDir());
      embeddedRedis = EmbeddedRedis.start(config.dataDir());
    }
    return this;
  }

  public DatabaseUrl ownerDatabase() {
    return embeddedPostgres != null ? embeddedPostgres.ownerUrl() : config.databaseUrl().orElseThrow();
  }

  /** Makes sure the application role exists and the schema is current; both are safe to repeat. */
  public void migrate() {
    ApplicationRole.ensure(ownerDatabase(), config.appDatabaseUser(), appPassword());
    Migrations.apply(ownerDatabase(), config.appDatabaseUser());
  }

  public Connections connections() {
    DatabaseUrl app = ownerDatabase().withCredentials(config.appDatabaseUser(), appPassword().orElse(null));
    return new Connections(app, config.databasePoolSize(),
        embeddedRedis != null ? Optional.of(embeddedRedis.url()) : config.redisUrl(),
        config.redisConfigFile(), config.redisKeyPrefix());
  }

  /**
   * The keys sealing members' personal data: the configured ones, or with the embedded database the ones generated
   * beside it. A configured database without configured keys is refused, lest the data be sealed under keys that live
   * only on this machine's disk.
   */
  public DataKeys dataKeys() {
    if (config.memberDataKeys().isPresent()) {
      return config.memberDataKeys().get();
    }
    if (embeddedPostgres == null) {
      throw new ConfigException("MEMBER_DATA_KEYS and MEMBER_LOOKUP_KEY must be set when DATABASE_URL is (see the "
          + "README: Members and privacy)");
    }
    return EmbeddedDataKeys.in(config.dataDir());
  }

  private Optional<String> appPassword() {
    if (config.appDatabasePassword().isPresent()) {
      return config.appDatabasePassword();
    }
    return embeddedPostgres != null ? Optional.of(embeddedPostgres.applicationPassword()) : Optional.empty();
  }

  @Override
  public void close() {
    if (embeddedRedis != null) {
      embeddedRedis.close();
    }
    if (embeddedPostgres != null) {
      embeddedPostgres.close();
    }
  }
}
