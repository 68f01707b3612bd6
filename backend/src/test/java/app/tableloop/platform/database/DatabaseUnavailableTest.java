package app.tableloop.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures mean "PostgreSQL cannot serve us now" (503, retry) and which are faults (500). */
class DatabaseUnavailableTest {

  @Test
  void aServerShuttingDownStartingUpOrDroppingTheConnectionIsUnavailability() {
    assertThat(DatabaseUnavailable.is(state("57P01", "terminating connection due to administrator command"))).isTrue();
    assertThat(DatabaseUnavailable.is(state("57P02", "terminating connection due to crash of another server process")))
        .isTrue();
    assertThat(DatabaseUnavailable.is(state("57P03", "the database system is starting up"))).isTrue();
    assertThat(DatabaseUnavailable.is(state("08006", "connection failure"))).isTrue();
    assertThat(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(DatabaseUnavailable.is(new VertxException("pool", new ConnectException("Connection refused"))))
        .isTrue();
  }

  @Test
  void aQueryThatFailsOnItsOwnIsAFault() {
    assertThat(DatabaseUnavailable.is(state("23505", "duplicate key value violates unique constraint"))).isFalse();
    assertThat(DatabaseUnavailable.is(state("22003", "integer out of range"))).isFalse();
    assertThat(DatabaseUnavailable.is(state("57014", "canceling statement due to statement timeout"))).isFalse();
    assertThat(DatabaseUnavailable.is(new IllegalStateException("a bug"))).isFalse();
  }

  private static PgException state(String sqlState, String message) {
    return new PgException(message, "FATAL", sqlState, null);
  }
}
