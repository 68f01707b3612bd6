package app.tableloop.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.platform.config.RedisUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL and Redis: real servers that keep their data across restarts and recover stale pids. */
class EmbeddedServersTest {

  @Test
  void postgresKeepsItsDataAcrossARestartAndRecoversAStalePidFile(@TempDir Path dataDir) throws Exception {
    DatabaseUrl first;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
      first = postgres.ownerUrl();
      sql(first, "CREATE TABLE kept (name text)");
      sql(first, "INSERT INTO kept VALUES ('牛肉面')");
    }
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    Files.writeString(dataDir.resolve("postgres/postmaster.pid"), deadPid() + "\n" + dataDir + "\n");

    try (EmbeddedPostgres again = EmbeddedPostgres.start(dataDir)) {
      assertThat(query(again.ownerUrl(), "SELECT name FROM kept")).isEqualTo("牛肉面");
      assertThat(again.ownerUrl().password()).isEqualTo(first.password());
    }
  }

  @Test
  void postgresStopsEvenAfterItWasRestartedUnderneathUs(@TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
      long startedPid = RestartFromOutside.postmasterPid(dataDir);
      long restartedPid = RestartFromOutside.restartPostgres(dataDir);
      assertThat(restartedPid).isNotEqualTo(startedPid);
      assertThat(query(postgres.ownerUrl(), "SELECT 'still here'")).isEqualTo("still here");

      postgres.close();

      assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
      // pg_ctl waited for the pid file to go, which the postmaster removes as the last thing before it exits.
      Optional<ProcessHandle> restarted = ProcessHandle.of(restartedPid);
      if (restarted.isPresent()) {
        restarted.get().onExit().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void postgresRequiresItsPassword(@TempDir Path dataDir) {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
      DatabaseUrl wrong = postgres.ownerUrl().withCredentials("postgres", "guessed");
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> query(wrong, "SELECT 1")))
          .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }
  }

  @Test
  void redisKeepsItsDataAcrossARestartAndAsksForItsPassword(@TempDir Path dataDir) throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir)) {
      assertThat(command(redis.url(), null, "PING")).startsWith("-NOAUTH");
      assertThat(command(redis.url(), redis.url().password(), "SET", "visit", "42")).isEqualTo("+OK");
    }
    try (EmbeddedRedis again = EmbeddedRedis.start(dataDir)) {
      assertThat(command(again.url(), again.url().password(), "GET", "visit")).isEqualTo("$2");
    }
  }

  private static long deadPid() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    return finished.pid();
  }

  private static void sql(DatabaseUrl url, String statement) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
         Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }

  private static String query(DatabaseUrl url, String query) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
         Statement sql = connection.createStatement();
         ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Speaks RESP directly, so this test depends on nothing but the server; returns the reply's first line. */
  private static String command(RedisUrl url, String password, String... words) throws IOException {
    try (Socket socket = new Socket(url.host(), url.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      if (password != null) {
        out.write(resp("AUTH", password));
        readLine(in);
      }
      out.write(resp(words));
      return readLine(in);
    }
  }

  private static byte[] resp(String... words) {
    StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
          .append("\r\n");
    }
    return command.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
