package app.tableloop;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.ARestaurant.Ordered;
import app.tableloop.testing.RunningService;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore scripts of {@code docker/backup}, as an operator runs them: a database holding two restaurants'
 * orders and payments, made through the service and no longer written to, is dumped with {@code backup} and restored
 * with {@code restore} into an empty database, which must then hold the same rows, sequences, row-level security and
 * grants, and run the service. They need {@code pg_dump}, {@code pg_restore} and {@code psql} on PATH.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupAndRestoreTest {
  private static final Path SCRIPTS = Path.of("..", "docker", "backup").toAbsolutePath().normalize();

  @TempDir
  static Path backups;
  static TestEnvironment source;
  static String restoredName;
  static DatabaseUrl restored;
  static UUID noodleShop;
  static UUID dumplingShop;
  static Run backup;
  static Run restore;

  record Run(int exitCode, String output) {
  }

  @BeforeAll
  static void fillBackUpAndRestore() {
    RunningService service = RunningService.start(BackupAndRestoreTest.class);
    ARestaurant noodles = ARestaurant.payFirst(service, "备份面馆", "A1-A4", 2800);
    ARestaurant dumplings = ARestaurant.payFirst(service, "隔壁饺子馆", "B1-B2", 1500);
    payAtCounter(service, noodles, noodles.anOrderAwaitingPayment("diner-1", "A1", 2));
    payAtCounter(service, noodles, noodles.anOrderAwaitingPayment("diner-2", "A2", 1));
    noodles.anOrderAwaitingPayment("diner-3", "A3", 3);
    payAtCounter(service, dumplings, dumplings.anOrderAwaitingPayment("diner-4", "B1", 4));
    noodleShop = noodles.store().id();
    dumplingShop = dumplings.store().id();
    service.eventsHandled();
    source = service.stopKeepingDatabase();

    backup = script("backup", Map.of("DATABASE_URL", TestEnvironment.uri(source.ownerUrl())), backups.toString());
    assertThat(backup.exitCode()).as("backup failed:\n%s", backup.output()).isZero();
    restoredName = "t_backupandrestoretest_restored_" + UUID.randomUUID().toString().substring(0, 8);
    source.asOwner(sql -> sql.execute("CREATE DATABASE " + restoredName));
    restored = source.ownerUrl().withDatabase(restoredName);
    restore = script("restore", Map.of("DATABASE_URL", TestEnvironment.uri(restored)), onlyDump().toString());
  }

  @AfterAll
  static void dropDatabases() {
    if (source != null) {
      source.asOwner(sql -> sql.execute("DROP DATABASE IF EXISTS " + restoredName + " WITH (FORCE)"));
      source.close();
    }
  }

  @Test
  @Order(1)
  void theRestoredDatabaseHoldsEveryRowAndSequenceOfTheBackedUpOne() throws IOException {
    assertThat(onlyDump().getFileName().toString()).matches("tableloop-\\d{8}T\\d{6}Z\\.dump");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onlyDump()))).isEqualTo("rw-------");
    assertThat(restore.exitCode()).as("restore failed:\n%s", restore.output()).isZero();
    assertThat(restore.output()).contains("MEMBER_DATA_KEYS");
    Map<String, String> before = contents(source.ownerUrl());
    assertThat(before).as("what was backed up").containsEntry("table orders", "4 rows")
        .containsEntry("table payments", "3 rows").containsKey("table flyway_schema_history");

    assertThat(contents(restored)).isEqualTo(before);
    assertThat(fingerprints(restored)).isEqualTo(fingerprints(source.ownerUrl()));
  }

  @Test
  @Order(2)
  void rowLevelSecurityAndTheApplicationRolesGrantsComeBackSoItSeesOnlyTheTenantItActsFor() {
    List<String> security = security(source.ownerUrl());
    assertThat(security).as("policies, row-level security and grants backed up")
        .contains("row security on orders", "SELECT on orders", "UPDATE on payments", "USAGE on schema public")
        .anyMatch(fact -> fact.startsWith("policy orders.tenant_isolation "))
        .anyMatch(fact -> fact.startsWith("USAGE on ") && fact.endsWith("_seq"));

    assertThat(security(restored)).isEqualTo(security);
    DatabaseUrl asTheService = source.appUrl().withDatabase(restoredName);
    assertThat(ordersSeenActingFor(asTheService, null)).isZero();
    assertThat(ordersSeenActingFor(asTheService, tenantOf(noodleShop))).isEqualTo(3);
    assertThat(ordersSeenActingFor(asTheService, tenantOf(dumplingShop))).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aRestoreIntoADatabaseThatIsNotEmptyIsRefusedAndChangesNothing() {
    Map<String, String> before = fingerprints(source.ownerUrl());

    Run refused = script("restore", Map.of("DATABASE_URL", TestEnvironment.uri(source.ownerUrl())),
        onlyDump().toString());

    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output()).contains("is not empty").contains("--force");
    assertThat(fingerprints(source.ownerUrl())).isEqualTo(before);
  }

  @Test
  @Order(4)
  void aBackupOfADatabaseThatDoesNotAnswerFailsLeavingNoFileAndNamingNoPassword() throws IOException {
    Path folder = backups.resolve("unreachable");
    String url = "postgresql://tableloop:s3cret-Pa55word@127.0.0.1:" + closedPort() + "/tableloop";

    Run failed = script("backup", Map.of("DATABASE_URL", url), folder.toString());

    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("pg_dump of postgresql://tableloop:***@127.0.0.1:")
        .contains("no backup written").doesNotContain("s3cret-Pa55word");
    try (Stream<Path> left = Files.list(folder)) {
      assertThat(left).as("files left behind").isEmpty();
    }
  }

  @Test
  @Order(5)
  void theServiceRunsOnTheRestoredDatabase() {
    try (RunningService onRestored = RunningService.start(BackupAndRestoreTest.class,
        Map.of("DATABASE_URL", TestEnvironment.uri(restored)))) {
      assertThat(onRestored.get("/health/ready", null).statusCode()).isEqualTo(200);
      JsonObject menu = ok(onRestored.get("/api/v1/stores/" + noodleShop + "/menu", null));
      assertThat(menu.encode()).contains("红烧牛肉面");
    }
  }

  // --- fixtures ---

  private static void payAtCounter(RunningService service, ARestaurant restaurant, Ordered ordered) {
    ok(service.call(HttpMethod.POST, restaurant.path("/orders/" + ordered.order() + "/counter-payment"),
        restaurant.staff(), new JsonObject().put("method", "cash")));
  }

  /** Runs one of the scripts with {@code sh}, as the compose service and the README do. */
  private static Run script(String name, Map<String, String> environment, String... arguments) {
    List<String> command = new ArrayList<>(List.of("sh", SCRIPTS.resolve(name).toString()));
    command.addAll(List.of(arguments));
    try {
      Path output = Files.createTempFile(name, ".out");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      boolean finished = process.waitFor(2, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      if (!finished) {
        throw new AssertionError(name + " did not finish within 2 minutes:\n" + printed);
      }
      return new Run(process.exitValue(), printed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path onlyDump() {
    try (Stream<Path> files = Files.list(backups)) {
      List<Path> dumps = files.filter(Files::isRegularFile).toList();
      assertThat(dumps).as("files in the backup folder").hasSize(1);
      return dumps.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each table's row count and each sequence's last value: what a failed comparison shows first. */
  private static Map<String, String> contents(DatabaseUrl database) {
    Map<String, String> contents = new LinkedHashMap<>();
    for (String table : strings(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
      contents.put("table " + table, strings(database, "SELECT count(*) || ' rows' FROM public." + table).get(0));
    }
    for (String sequence : strings(database, "SELECT sequencename || ' ' || coalesce(last_value::text, 'unused')"
        + " FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")) {
      contents.put("sequence " + sequence.split(" ")[0], "at " + sequence.split(" ")[1]);
    }
    return contents;
  }

  /** An MD5 of each table's rows, every column of every row, in a fixed order. */
  private static Map<String, String> fingerprints(DatabaseUrl database) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (String table : strings(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
      fingerprints.put(table, strings(database, "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
          + " FROM public." + table + " t").get(0));
    }
    return fingerprints;
  }

  /** The tenant policies, which tables enforce row-level security, and what the application role may do. */
  private static List<String> security(DatabaseUrl database) {
    String role = "'" + TestEnvironment.APP_ROLE + "'";
    return strings(database, """
        SELECT 'policy ' || tablename || '.' || policyname || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
          FROM pg_policies WHERE schemaname = 'public'
        UNION ALL
        SELECT 'row security on ' || relname || CASE WHEN relforcerowsecurity THEN ' (forced)' ELSE '' END
          FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relrowsecurity
        UNION ALL
        SELECT grant_.privilege_type || ' on ' || c.relname
          FROM pg_class c, aclexplode(c.relacl) grant_
         WHERE c.relnamespace = 'public'::regnamespace AND grant_.grantee = %1$s::regrole
        UNION ALL
        SELECT 'EXECUTE on ' || p.proname
          FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
           AND has_function_privilege(%1$s, p.oid, 'EXECUTE')
        UNION ALL
        SELECT 'USAGE on schema public' WHERE has_schema_privilege(%1$s, 'public', 'USAGE')
        ORDER BY 1
        """.formatted(role));
  }

  /** The orders a connection of {@code database} sees once it acts for {@code tenant} (null: for none). */
  private static long ordersSeenActingFor(DatabaseUrl database, UUID tenant) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.jdbcProperties());
         Statement statement = connection.createStatement()) {
      if (tenant != null) {
        statement.execute("SELECT set_config('tableloop.tenant_id', '" + tenant + "', false)");
      }
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM orders")) {
        count.next();
        return count.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL on " + database + " failed: " + e.getMessage(), e);
    }
  }

  private static UUID tenantOf(UUID store) {
    return UUID.fromString(strings(source.ownerUrl(), "SELECT tenant_id FROM stores WHERE id = '" + store + "'").get(0));
  }

  /** The first column of every row {@code sql} answers. */
  private static List<String> strings(DatabaseUrl database, String sql) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.jdbcProperties());
         Statement statement = connection.createStatement()) {
      List<String> strings = new ArrayList<>();
      try (ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          strings.add(result.getString(1));
        }
      }
      return strings;
    } catch (SQLException e) {
      throw new IllegalStateException("SQL on " + database + " failed: " + e.getMessage(), e);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
