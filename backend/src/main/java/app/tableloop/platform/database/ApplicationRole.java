package app.tableloop.platform.database;

import app.tableloop.platform.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.core.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login role the application connects as. It owns nothing and may not bypass row-level security, so that the
 * tenant policies on every table apply to each statement the application runs. Migrations run as the owner.
 */
public final class ApplicationRole {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationRole.class);
  private static final String DUPLICATE_OBJECT = "42710";

  private ApplicationRole() {
  }

  /**
   * Creates the role if it is missing (when the owner may create roles), sets its password when one is configured,
   * and refuses a role that would escape row-level security.
   */
  public static void ensure(DatabaseUrl owner, String role, Optional<String> password) {
    try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.jdbcProperties())) {
      if (!exists(connection, role)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
          LOG.info("Created database role {}", role);
        } catch (SQLException e) {
          // Two instances (or test classes) starting together may both try; the loser finds it made.
          if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
            throw e;
          }
        }
      }
      if (password.isPresent()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("ALTER ROLE " + role + " PASSWORD " + Utils.escapeLiteral(null, password.get(), true)
              .insert(0, "'").append("'"));
        }
      }
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = ?")) {
        query.setString(1, role);
        try (ResultSet rows = query.executeQuery()) {
          if (rows.next() && rows.getBoolean(1)) {
            throw new IllegalStateException("DATABASE_APP_USER '" + role + "' is a superuser or may bypass "
                + "row-level security; give the application an ordinary role");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the application role '" + role + "' (as " + owner.user()
          + "): " + e.getMessage() + ". Create it by hand (CREATE ROLE " + role + " LOGIN PASSWORD '…') "
          + "or give the owner the CREATEROLE right", e);
    }
  }

  private static boolean exists(Connection connection, String role) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, role);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
