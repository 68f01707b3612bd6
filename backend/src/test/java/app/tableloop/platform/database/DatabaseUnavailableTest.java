package app.tableloop.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
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
  void aQueryOnAPoolClosedByTheStoppingInstanceIsUnavailability() {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1")).using(vertx).build();
      Await.result(pool.close());

      Throwable failure = Await.failure(pool.query("SELECT 1").execute());

      assertThat(DatabaseUnavailable.is(failure)).as("%s", failure).isTrue();
    } finally {
      Await.result(vertx.close());
    }
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
