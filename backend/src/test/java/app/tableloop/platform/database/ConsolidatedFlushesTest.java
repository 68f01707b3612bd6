package app.tableloop.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.testing.DatabaseUnderTest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pool's connections consolidate their flushes: the reach into the client's internal types still finds their
 * sockets (a client upgrade that changes them fails here, not silently in production's throughput), and commands
 * sent together still run in order.
 */
class ConsolidatedFlushesTest {
  private static final int POOL_SIZE = 3;
  static DatabaseUnderTest under;

  @BeforeAll
  static void setUp() {
    under = DatabaseUnderTest.forClass(ConsolidatedFlushesTest.class, POOL_SIZE);
  }

  @AfterAll
  static void tearDown() {
    under.close();
  }

  @Test
  void everyConnectionOfThePoolConsolidatesItsFlushes() {
    List<SqlConnection> connections = Await.result(Future.all(IntStream.range(0, POOL_SIZE)
            .mapToObj(i -> under.database().pool().getConnection()).toList())
        .map(all -> all.<SqlConnection>list()));
    try {
      assertThat(connections).hasSize(POOL_SIZE).allMatch(ConsolidatedFlushes::installedOn);
    } finally {
      connections.forEach(SqlConnection::close);
    }
  }

  @Test
  void commandsSentTogetherRunInOrder() {
    List<Integer> answers = Await.result(under.database().inTransaction(sql -> {
      // Given in one turn of the event loop, they go out in one write; each must still be sent, and answered.
      List<Future<Integer>> sent = IntStream.rangeClosed(1, 5)
          .mapToObj(n -> sql.query("SELECT " + n + " AS n").execute()
              .map(rows -> rows.iterator().next().getInteger("n")))
          .toList();
      return Future.all(sent).map(all -> all.<Integer>list());
    }));

    assertThat(answers).containsExactly(1, 2, 3, 4, 5);
  }
}
