package app.tableloop.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import app.tableloop.testing.DatabaseUnderTest;
import app.tableloop.testing.StatementTap;
import app.tableloop.testing.TestEnvironment;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application role under row-level security, through the transaction helpers later features use. The table is
 * made here, the way a feature's migration will make its tenant-owned tables.
 */
class TenantTransactionsTest {
  static DatabaseUnderTest under;
  static TestEnvironment env;
  static Database database;

  // Fresh tenants for every test, so that tests sharing the table never see each other's rows.
  private final UUID tenantA = UUID.randomUUID();
  private final UUID tenantB = UUID.randomUUID();

  @BeforeAll
  static void setUp() {
    under = DatabaseUnderTest.forClass(TenantTransactionsTest.class, 4);
    env = under.env();
    database = under.database();
    env.aTenantTable("notes", "body text NOT NULL");
  }

  @AfterAll
  static void tearDown() {
    under.close();
  }

  @Test
  void eachTenantSeesOnlyItsOwnRows() {
    Await.result(database.inTenant(tenantA, sql -> insert(sql, tenantA, "A's note")));
    Await.result(database.inTenant(tenantB, sql -> insert(sql, tenantB, "B's note")));

    assertThat(bodiesSeenBy(tenantA)).containsExactly("A's note");
    assertThat(bodiesSeenBy(tenantB)).containsExactly("B's note");
  }

  @Test
  void aLongStatementIsPreparedOnceOnItsConnectionAndRunAgainAsPrepared() {
    // Over the client's default limit for caching a statement (2,048 characters), as the tab's reads are.
    String padding = "x".repeat(3_000);
    String statement = "SELECT count(*) AS notes FROM notes WHERE body <> $1 -- " + padding;

    List<Long> prepared = Await.result(database.pool().withConnection(connection -> {
      Future<Long> first = connection.preparedQuery(statement).execute(Tuple.of("none"))
          .compose(rows -> preparedCopies(connection, padding));
      return first.compose(once -> connection.preparedQuery(statement).execute(Tuple.of("none"))
          .compose(rows -> preparedCopies(connection, padding)).map(twice -> List.of(once, twice)));
    }));

    assertThat(prepared).as("prepared statements on the connection after the first run and after the second")
        .containsExactly(1L, 1L);
  }

  private static Future<Long> preparedCopies(SqlConnection connection, String padding) {
    return connection.preparedQuery("SELECT count(*) AS copies FROM pg_prepared_statements WHERE statement LIKE $1")
        .execute(Tuple.of("%" + padding + "%"))
        .map(rows -> rows.iterator().next().getLong("copies"));
  }

  @Test
  void aTransactionWithoutTenantSeesNothing() {
    Await.result(database.inTenant(tenantA, sql -> insert(sql, tenantA, "visible only with a tenant")));

    List<String> seen = Await.result(database.inTransaction(sql -> sql.query("SELECT body FROM notes").execute()
        .map(rows -> rows.stream().map(row -> row.getString("body")).toList())));

    assertThat(seen).isEmpty();
  }

  @Test
  void aTenantCannotWriteAnotherTenantsRow() {
    Throwable failure = Await.failure(database.inTenant(tenantA, sql -> insert(sql, tenantB, "planted")));

    assertThat(failure).isInstanceOf(PgException.class).hasMessageContaining("row-level security");
    assertThat(countAsOwner("planted")).isZero();
  }

  @Test
  void aTenantCannotUpdateOrDeleteAnotherTenantsRowsByGuessingIds() {
    long idOfB = Await.result(database.inTenant(tenantB, sql -> sql
        .preparedQuery("INSERT INTO notes (tenant_id, body) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(tenantB, "B's secret")).map(rows -> rows.iterator().next().getLong("id"))));

    int updated = Await.result(database.inTenant(tenantA, sql -> sql
        .preparedQuery("UPDATE notes SET body = 'overwritten' WHERE id = $1").execute(Tuple.of(idOfB))
        .map(rows -> rows.rowCount())));
    int deleted = Await.result(database.inTenant(tenantA, sql -> sql
        .preparedQuery("DELETE FROM notes WHERE id = $1").execute(Tuple.of(idOfB)).map(rows -> rows.rowCount())));

    assertThat(updated).isZero();
    assertThat(deleted).isZero();
    assertThat(countAsOwner("B's secret")).isEqualTo(1);
  }

  @Test
  void aFailedTransactionLeavesNothingHalfWritten() {
    Throwable failure = Await.failure(database.inTenant(tenantA, sql -> insert(sql, tenantA, "first half")
        .compose(ignored -> sql.query("SELECT 1 / 0").execute())));

    assertThat(failure).hasMessageContaining("division by zero");
    assertThat(countAsOwner("first half")).isZero();
  }

  @Test
  void aFailedStatementTheWorkRecoveredFromStillFailsTheTransaction() {
    Throwable failure = Await.failure(database.inTenant(tenantA, sql -> insert(sql, tenantA, "seemingly written")
        .compose(ignored -> sql.query("SELECT 1 / 0").execute())
        .recover(divisionByZero -> Future.succeededFuture())));

    assertThat(failure).as("the server aborted the transaction at the failed statement; a COMMIT would only roll back")
        .isInstanceOf(PgException.class).hasMessageContaining("current transaction is aborted");
    assertThat(countAsOwner("seemingly written")).isZero();
  }

  @Test
  void aConnectionServesTheNextTransactionAfterOneThatFailedOrThrew() {
    Database single = under.anotherPool(1, "after-failure");
    try {
      Await.failure(single.inTenant(tenantA, sql -> sql.query("SELECT 1 / 0").execute()));
      Await.failure(single.inTenant(tenantA, sql -> {
        throw new IllegalStateException("the work threw before sending anything");
      }));
      Await.result(single.inTenant(tenantA, sql -> insert(sql, tenantA, "after the failures")));

      assertThat(countAsOwner("after the failures")).isEqualTo(1);
    } finally {
      Await.result(single.close());
    }
  }

  @Test
  void whatWaitsForTheCommitRunsOnceItCommittedAndNeverOnARollback() {
    List<String> ran = new CopyOnWriteArrayList<>();

    Await.result(database.inTenant(tenantA, sql -> insert(sql, tenantA, "committed")
        .onSuccess(inserted -> database.afterCommit(sql, () -> ran.add("after the commit")))
        .onSuccess(inserted -> ran.add("before the commit"))));
    Await.failure(database.inTenant(tenantA, sql -> insert(sql, tenantA, "rolled back")
        .onSuccess(inserted -> database.afterCommit(sql, () -> ran.add("after the rollback")))
        .compose(inserted -> sql.query("SELECT 1 / 0").execute())));
    database.afterCommit(database.pool(), () -> ran.add("outside any transaction"));

    assertThat(ran).containsExactly("before the commit", "after the commit");
  }

  @Test
  void aCommitSentWithTheLastStatementTravelsWithItAndCommitsWhatItWrote() {
    // One event loop, the connection's and the work's: commands given from another thread reach the connection's
    // loop one by one, and may leave in separate writes however they were meant to travel.
    Vertx oneLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Context loop = oneLoop.getOrCreateContext();
    try (StatementTap tap = StatementTap.in(env.appUrl().host(), env.appUrl().port())) {
      Database tapped = Database.connect(oneLoop, tap.url(env.appUrl()), 1, "tapped");
      // The insert prepared on the connection first: a statement's first run waits for the server to prepare it.
      Await.result(Await.on(loop, () -> tapped.inTenant(tenantA, sql -> insert(sql, tenantA, "preparing"))));
      List<String> ran = new CopyOnWriteArrayList<>();
      tap.clear();

      Await.result(Await.on(loop, () -> tapped.inTenant(tenantA, sql -> tapped.committingWith(sql,
              insert(sql, tenantA, "with its commit"))
          .onSuccess(inserted -> tapped.afterCommit(sql, () -> ran.add("after the commit"))))));
      Await.result(Await.on(loop, () -> tapped.inTenant(tenantA, sql -> insert(sql, tenantA, "committed after it"))));

      assertThat(tap.units()).extracting(StatementTap.Unit::roundTrips)
          .as("BEGIN, the insert and COMMIT at once; then the insert sent with BEGIN, and COMMIT once it answered")
          .containsExactly(1, 2);
      assertThat(countAsOwner("with its commit")).isEqualTo(1);
      assertThat(ran).containsExactly("after the commit");
    } finally {
      Await.result(oneLoop.close());
    }
  }

  @Test
  void aLastStatementThatFailsTakesTheCommitSentWithItDown() {
    Throwable failure = Await.failure(database.inTenant(tenantA, sql -> insert(sql, tenantA, "before the failure")
        .compose(inserted -> database.committingWith(sql, sql.query("SELECT 1 / 0").execute()))));

    assertThat(failure).hasMessageContaining("division by zero");
    assertThat(countAsOwner("before the failure")).isZero();
  }

  @Test
  void aRefusalInsteadOfTheLastStatementSendsNoCommit() {
    Throwable failure = Await.failure(database.inTenant(tenantA, sql -> insert(sql, tenantA, "then refused")
        .compose(inserted -> database.committingWith(sql, Future.failedFuture(new IllegalStateException("refused"))))));

    assertThat(failure).hasMessage("refused");
    assertThat(countAsOwner("then refused")).isZero();
  }

  @Test
  void aStreamReadsOnInBatchesInsideTheTransaction() {
    // The exports stream their rows a batch at a time from a portal, which lives only inside a transaction block.
    Await.result(database.inTenant(tenantA, sql -> sql.preparedQuery("INSERT INTO notes (tenant_id, body)"
        + " SELECT $1, 'streamed ' || n FROM generate_series(1, 450) AS n").execute(Tuple.of(tenantA)).mapEmpty()));

    Integer streamed = Await.result(database.inTenant(tenantA, sql -> sql
        .prepare("SELECT body FROM notes WHERE body LIKE 'streamed %'").compose(statement -> {
          Promise<Integer> counted = Promise.promise();
          AtomicInteger rows = new AtomicInteger();
          RowStream<Row> stream = statement.createStream(100);
          stream.exceptionHandler(counted::tryFail);
          stream.endHandler(end -> counted.tryComplete(rows.get()));
          stream.handler(row -> rows.incrementAndGet());
          return counted.future();
        })));

    assertThat(streamed).isEqualTo(450);
  }

  @Test
  void theTenantSettingDoesNotLeakToTheNextTransactionOnTheSameConnection() {
    Database single = under.anotherPool(1, "single");
    try {
      Await.result(single.inTenant(tenantA, sql -> insert(sql, tenantA, "before")));
      String setting = Await.result(single.inTransaction(sql -> sql
          .query("SELECT coalesce(current_setting('tableloop.tenant_id', true), '') AS t").execute()
          .map(rows -> rows.iterator().next().getString("t"))));
      assertThat(setting).isEmpty();
    } finally {
      Await.result(single.close());
    }
  }

  @Test
  void aReadingTransactionSeesItsTenantOnlyRefusesAnyWriteAndEndsWithAPlainCommit() {
    Await.result(database.inTenant(tenantA, sql -> insert(sql, tenantA, "A's, read")));
    Await.result(database.inTenant(tenantB, sql -> insert(sql, tenantB, "B's, not seen")));
    Vertx vertx = Vertx.vertx();
    try (StatementTap tap = StatementTap.in(env.appUrl().host(), env.appUrl().port())) {
      Database tapped = Database.connect(vertx, tap.url(env.appUrl()), 1, "reading").withGenericPlans();

      List<String> read = Await.result(tapped.readingInTenant(tenantA, sql -> sql.query("SELECT body FROM notes")
          .execute().map(rows -> rows.stream().map(row -> row.getString("body")).toList())));
      List<String> statements = tap.units().get(0).statements();
      Throwable write = Await.failure(tapped.readingInTenant(tenantA, sql -> insert(sql, tenantA, "not written")));

      assertThat(read).containsExactly("A's, read");
      assertThat(statements).as("BEGIN ... READ ONLY with the tenant and the plans' settings, the read, a plain"
          + " COMMIT").hasSize(3).endsWith("COMMIT");
      assertThat(statements.get(0)).startsWith("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;")
          .contains(tenantA.toString());
      assertThat(write).isInstanceOf(PgException.class).hasMessageContaining("read-only transaction");
      assertThat(countAsOwner("not written")).isZero();
    } finally {
      Await.result(vertx.close());
    }
  }

  @Test
  void everyStatementOfAReadingTransactionSeesTheSameMoment() {
    Database single = under.anotherPool(1, "one-moment");
    String count = "SELECT count(*) AS n FROM notes WHERE body = 'meanwhile'";
    try {
      List<Long> seen = Await.result(single.readingInTenant(tenantA, sql -> sql.query(count).execute()
          .compose(first -> database.inTenant(tenantA, other -> insert(other, tenantA, "meanwhile"))
              .compose(written -> sql.query(count).execute())
              .map(second -> List.of(first.iterator().next().getLong("n"), second.iterator().next().getLong("n"))))));

      assertThat(seen).as("the second read does not see what committed after the first").containsExactly(0L, 0L);
      assertThat(countAsOwner("meanwhile")).isEqualTo(1);
    } finally {
      Await.result(single.close());
    }
  }

  @Test
  void genericPlansHoldInTheirTenantsTransactionsOnlyAndRowLevelSecurityStill() {
    Database single = under.anotherPool(1, "generic");
    try {
      Await.result(single.inTenant(tenantA, sql -> insert(sql, tenantA, "A's plan")));
      Await.result(single.inTenant(tenantB, sql -> insert(sql, tenantB, "B's plan")));
      String statement = "SELECT current_setting('plan_cache_mode') AS mode, body FROM notes WHERE body LIKE $1";

      List<String> seen = Await.result(single.withGenericPlans().inTenant(tenantA, sql -> sql.preparedQuery(statement)
          .execute(Tuple.of("%plan")).map(rows -> rows.stream().map(row -> row.getString("mode") + " "
              + row.getString("body")).toList())));
      String after = Await.result(single.inTenant(tenantA, sql -> sql.query("SHOW plan_cache_mode").execute()
          .map(rows -> rows.iterator().next().getString(0))));

      assertThat(seen).containsExactly("force_generic_plan A's plan");
      assertThat(after).as("the next transaction on the same connection").isEqualTo("auto");
    } finally {
      Await.result(single.close());
    }
  }

  @Test
  void aFewRowsNamedByIdAreLookedUpThroughTheIndexOnAGenericPlan() {
    // A store's menu: some hundreds of rows, looked up by their random ids as a cart add and a placement look up
    // their dishes (ids in no order of the rows', as uuids are).
    env.aTenantTable("menu_rows", "dish_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(), name text NOT NULL,"
        + " price_fen bigint NOT NULL, description text NOT NULL");
    env.asOwner(sql -> {
      sql.execute("INSERT INTO menu_rows (tenant_id, name, price_fen, description) SELECT '" + tenantA + "',"
          + " 'dish ' || n, 100 * n, repeat('a dish worth describing ', 3) FROM generate_series(1, 600) AS n");
      sql.execute("ANALYZE menu_rows");
    });

    List<String> plan = Await.result(database.withGenericPlans().inTenant(tenantA, sql -> sql
        .query("PREPARE few (uuid, uuid[]) AS SELECT name, price_fen FROM menu_rows"
            + " WHERE tenant_id = $1 AND dish_id = ANY($2)").execute()
        .compose(prepared -> sql.query("EXPLAIN EXECUTE few ('" + tenantA + "', '{" + UUID.randomUUID() + "}')")
            .execute())
        .map(rows -> rows.stream().map(row -> row.getString(0)).toList())
        .compose(lines -> sql.query("DEALLOCATE few").execute().map(lines))));

    assertThat(String.join("\n", plan)).as("the plan, generic (the ids a parameter)")
        .contains("menu_rows_dish_id_key").contains("ANY ($2)").doesNotContain("Seq Scan");
  }

  @Test
  void theApplicationRoleOwnsNothingAndCannotReadTheMigrationHistory() {
    assertThat(Await.failure(database.inTransaction(sql -> sql.query("DROP TABLE notes").execute())))
        .hasMessageContaining("must be owner");
    assertThat(Await.failure(database.inTransaction(sql -> sql
        .query("SELECT * FROM flyway_schema_history").execute())))
        .hasMessageContaining("permission denied");
  }

  /** What {@code work} starts, started on {@code context}. */
  private static Future<Void> insert(io.vertx.sqlclient.SqlConnection sql, UUID tenant, String body) {
    return sql.preparedQuery("INSERT INTO notes (tenant_id, body) VALUES ($1, $2)")
        .execute(Tuple.of(tenant, body)).mapEmpty();
  }

  private List<String> bodiesSeenBy(UUID tenant) {
    return Await.result(database.inTenant(tenant, sql -> sql.query("SELECT body FROM notes ORDER BY id").execute()
        .map(rows -> rows.stream().map((Row row) -> row.getString("body")).toList())));
  }

  private static long countAsOwner(String body) {
    return env.count("SELECT count(*) FROM notes WHERE body = '" + body.replace("'", "''") + "'");
  }

}
