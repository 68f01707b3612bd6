package app.tableloop.platform.database;

import app.tableloop.platform.config.DatabaseUrl;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The application's connection pool (as the non-owner application role) and the two ways features write:
 * in a plain transaction, or in a transaction bound to one tenant, where row-level security shows that tenant only.
 */
public final class Database {
  /** The per-transaction setting the row-level security policies read (see {@code current_tenant_id()}). */
  static final String TENANT_SETTING = "tableloop.tenant_id";
  /** Longer than any statement of ours: the longest, the tab's reads, run to some 3,500 characters. */
  private static final int PREPARED_STATEMENT_SQL_LIMIT = 16_384;

  /**
   * Opens a tenant's transaction: BEGIN and the tenant's binding as one simple query, one message and one answer.
   * As two commands, each was written and flushed to the socket on its own and answered on its own: a tenth of the
   * service's CPU on a tab's look went to the client's socket writes, one a command. The tenant is written into the
   * text, which only a {@link UUID}'s canonical form (hex digits and dashes) ever is; a setting made by SET LOCAL
   * ends with the transaction, as set_config(..., true) did.
   */
  private static final Opening PLAIN = new Opening("; SET LOCAL " + TENANT_SETTING + " = '", "'");
  /**
   * A tenant's transaction whose statements run on generic plans ({@link #withGenericPlans}): its settings made in
   * one command with the tenant's. Each command of a simple query costs the server over 10 µs however little it
   * does: as three SET LOCAL, a transaction that only committed cost it ~78 µs of CPU, as one SELECT ~65 µs (and
   * ~52 µs with the tenant's alone); a diner's order takes two such transactions.
   */
  private static final Opening GENERIC_PLANS = new Opening("; SELECT set_config('" + TENANT_SETTING + "', '",
      "', true), set_config('plan_cache_mode', 'force_generic_plan', true), set_config('random_page_cost', '1.1',"
          + " true)");
  /**
   * A statement that failed aborts the transaction even when the work recovered from it, and COMMIT then answers
   * ROLLBACK, which the client cannot tell from a commit. In an aborted transaction the SELECT fails (skipping the
   * COMMIT), so such a transaction fails instead of seeming written; one message, one round trip.
   */
  private static final String COMMIT_UNLESS_ABORTED = "SELECT 1; COMMIT";
  /**
   * How a read-only transaction ends: it wrote nothing, so a transaction aborted by a statement the work recovered
   * from loses nothing when its COMMIT answers ROLLBACK, and the guard's command (some 12 µs of the server's CPU) is
   * spared.
   */
  private static final String COMMIT = "COMMIT";

  private final Pool pool;
  /** How a tenant's transaction begins: with the tenant's binding, and its plans' settings or none. */
  private final Opening opening;
  /** Each open transaction's connection, and its ending. */
  private final Map<SqlClient, Ending> commits;

  /**
   * How an open transaction ends: {@code committed} completes once it has committed (fails when it has not); the
   * commit is sent once, when the work asks for it with its last statement or else when the work has ended.
   */
  private static final class Ending {
    private final Promise<Void> committed = Promise.promise();
    private final String text;
    private Future<Void> commit;

    Ending(String text) {
      this.text = text;
    }

    Future<Void> commit(SqlClient connection) {
      if (commit == null) {
        commit = connection.query(text).execute().mapEmpty();
      }
      return commit;
    }
  }

  /** The text that opens a tenant's transaction: its BEGIN, {@code before}, the tenant's id, {@code after}. */
  private record Opening(String before, String after) {
    String of(String begin, UUID tenantId) {
      return begin + before + tenantId + after;
    }
  }

  private Database(Pool pool, Opening opening, Map<SqlClient, Ending> commits) {
    this.pool = pool;
    this.opening = opening;
    this.commits = commits;
  }

  public static Database connect(Vertx vertx, DatabaseUrl url, int poolSize) {
    return connect(vertx, url, poolSize, "tableloop");
  }

  /** A pool with its own name: pools of one Vert.x instance share its metrics, where names must not clash. */
  public static Database connect(Vertx vertx, DatabaseUrl url, int poolSize, String name) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setCachePreparedStatements(true)
        // Statements longer than the client's default limit (2,048 characters) are not cached: they are parsed and
        // planned anew on every execution. The tab's read is such a statement, and its planning took six times its
        // execution.
        .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT)
        .addProperty("application_name", name);
    if (url.password() != null) {
      connect.setPassword(url.password());
    }
    if (url.sslMode() != null) {
      connect.setSslMode(SslMode.of(url.sslMode()));
    }
    Pool pool = PgBuilder.pool()
        // Connections spread over every event loop of the instance, as its HTTP servers are: on one loop, every
        // query's I/O of every request queued behind the others on a single core.
        .with(new PoolOptions().setMaxSize(poolSize).setName(name).setShared(false)
            .setEventLoopSize(eventLoops(vertx)))
        .connectingTo(connect)
        .withConnectHandler(ConsolidatedFlushes::install)
        .using(vertx)
        .build();
    return new Database(pool, PLAIN, new ConcurrentHashMap<>());
  }

  /** How many event loops {@code vertx} has (the service's: one per core, its factory's choice). */
  private static int eventLoops(Vertx vertx) {
    int loops = 0;
    for (EventExecutor ignored : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      loops++;
    }
    return loops;
  }

  /**
   * The same pool, for transactions of short statements run many times a second (a diner's tab, cart and orders, the
   * kitchen's work on them, paying for them): in their tenant transactions every statement runs on its generic plan.
   * PostgreSQL's automatic choice planned some of them anew on every execution, planning taking longer than running;
   * a placement's transaction does nine statements. Not for reports, whose plans rightly depend on the range asked;
   * and a condition a partial index names is written as the index writes it, not bound, or a generic plan skips it.
   * A generic plan cannot see that {@code id = ANY($2)} names one dish or two (it assumes ten): at the default cost
   * of a random page (4, for spinning disks) it scanned a store's whole menu instead, twice the time of the index
   * lookup. Their plans are costed for pages read from memory or SSD, as these hot rows are.
   */
  public Database withGenericPlans() {
    return new Database(pool, GENERIC_PLANS, commits);
  }

  public Pool pool() {
    return pool;
  }

  /** Runs {@code work} in one transaction: committed when its future succeeds, rolled back when it fails. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return transaction("BEGIN", COMMIT_UNLESS_ABORTED, work);
  }

  /**
   * Runs {@code work} in one transaction that sees and touches only {@code tenantId}'s rows: the tenant setting is
   * local to the transaction, so a pooled connection never carries it into another request.
   */
  public <T> Future<T> inTenant(UUID tenantId, Function<SqlConnection, Future<T>> work) {
    return transaction(opening.of("BEGIN", tenantId), COMMIT_UNLESS_ABORTED, work);
  }

  /**
   * As {@link #inTenant}, for work that only reads: every statement of it sees the database as it was at the first
   * (in a read-committed transaction each sees its own moment, so two reads could show half of another transaction's
   * change: a sharer's reward given and the friend's payment that earned it not yet), PostgreSQL refuses any write,
   * and it ends with a plain COMMIT. A read-only transaction is never refused for a conflict at this isolation.
   */
  public <T> Future<T> readingInTenant(UUID tenantId, Function<SqlConnection, Future<T>> work) {
    return transaction(opening.of("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", tenantId), COMMIT, work);
  }

  /**
   * Runs {@code action} once the transaction {@code sql} belongs to has committed; nothing when {@code sql} is no
   * transaction of this database's, or when it rolls back.
   */
  public void afterCommit(SqlClient sql, Runnable action) {
    Ending ending = commits.get(sql);
    if (ending != null) {
      ending.committed.future().onSuccess(done -> action.run());
    }
  }

  /**
   * Sends the commit of the transaction {@code sql} belongs to right behind {@code last}, the work's last statement,
   * rather than once the work has ended: one round trip fewer. For a statement whose answer the work only passes on:
   * should it or any statement before it fail, the commit's guard fails too and the transaction rolls back, but a
   * work that fails for a reason of its own once this statement was sent has committed all the same. A {@code last}
   * that has failed already (a refusal, no statement sent) sends nothing, so the work rolls back as it would have.
   */
  public <T> Future<T> committingWith(SqlClient sql, Future<T> last) {
    Ending ending = commits.get(sql);
    if (ending != null && !last.failed()) {
      ending.commit(sql);
    }
    return last;
  }

  /**
   * The opening ({@code begin}: BEGIN, with the tenant's binding for a tenant's transaction) and the work's first
   * statement go to the server at once: the client pipelines a connection's commands (the server runs them in
   * order), where its own transactions send each command only after the one before has answered. A round trip fewer
   * for every transaction.
   */
  private <T> Future<T> transaction(String begin, String commit, Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(connection -> {
      Future<?> begun = connection.query(begin).execute();
      Ending ending = new Ending(commit);
      commits.put(connection, ending);
      Future<T> done = applied(work, connection);
      // Ended only once the work has ended: a statement it sends after a failure must not run outside a transaction.
      return Pipelined.all(begun, done)
          .compose(ran -> ending.commit(connection))
          .transform(ended -> {
            commits.remove(connection);
            if (ended.succeeded()) {
              ending.committed.complete();
              return done;
            }
            ending.committed.fail(ended.cause());
            // Harmless where the transaction already ended (a failed COMMIT): the server only warns.
            return connection.query("ROLLBACK").execute().transform(rolledBack -> Future.failedFuture(ended.cause()));
          });
    });
  }

  private static <T> Future<T> applied(Function<SqlConnection, Future<T>> work, SqlConnection connection) {
    try {
      return work.apply(connection);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** A round trip to the server, for the readiness check. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}
