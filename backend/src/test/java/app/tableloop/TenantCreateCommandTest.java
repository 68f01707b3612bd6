package app.tableloop;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bootstrapping a deployment from the command line. */
class TenantCreateCommandTest {
  static TestEnvironment env;

  @BeforeAll
  static void setUp() {
    env = TestEnvironment.forClass(TenantCreateCommandTest.class);
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  @Test
  void createsTheTenantItsStoreAndTablesAndPrintsTheOwnersInvite() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = TenantCreateCommand.run(env.config(Map.of("PUBLIC_BASE_URL", "https://order.example.com")),
        List.of("--name", "老街面馆", "--store", "老街面馆 东门店", "--tables", "A1-A20", "--mode", "eat_first"),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(printed).contains("老街面馆 东门店", "tables 20").containsPattern(
        "link   https://order\\.example\\.com/i/[A-Za-z0-9_-]{22}");
    env.asOwner(sql -> {
      var rows = sql.executeQuery("""
          SELECT (SELECT count(*) FROM dining_tables), (SELECT ordering_mode FROM stores),
                 (SELECT count(*) FROM staff_invites WHERE role = 'owner' AND accepted_at IS NULL)
          """);
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(20);
      assertThat(rows.getString(2)).isEqualTo("eat_first");
      assertThat(rows.getInt(3)).isEqualTo(1);
    });
  }

  @Test
  void badArgumentsPrintTheUsageAndCreateNothing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(TenantCreateCommand.run(env.config(Map.of()), List.of("--name", "x", "--store", "y"), System.out,
        errors)).isEqualTo(TenantCreateCommand.USAGE_ERROR);
    assertThat(TenantCreateCommand.run(env.config(Map.of()),
        List.of("--name", "x", "--store", "y", "--tables", "A9-A1"), System.out, errors))
        .isEqualTo(TenantCreateCommand.USAGE_ERROR);
    assertThat(TenantCreateCommand.run(env.config(Map.of()), List.of("--color", "red"), System.out, errors))
        .isEqualTo(TenantCreateCommand.USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing --tables", "Usage:");
  }
}
