package app.tableloop.platform.database;

import app.tableloop.platform.config.DatabaseUrl;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the SQL migrations (the repository's {@code migrations/} folder, packaged into the jar) with Flyway, as
 * the owner. The {@code afterMigrate} callback grants the application role what it needs on every run.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  public static final String LOCATION = "classpath:db/migration";

  private Migrations() {
  }

  public static MigrateResult apply(DatabaseUrl owner, String applicationRole) {
    Flyway flyway = Flyway.configure()
        .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
        .locations(LOCATION)
        .placeholders(Map.of("app_role", applicationRole))
        .connectRetries(5)
        .load();
    MigrateResult result = flyway.migrate();
    LOG.info("Database {} is at schema version {} ({} migration(s) applied now)", owner,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
    return result;
  }
}
