package app.tableloop.platform.database;

import app.tableloop.platform.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
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

  private static final String BIND_TENANT = "SELECT set_config('" + TENANT_SETTING + "', $1, true)";

  private final Pool pool;
  /** The statement that opens a tenant's transaction: binds the tenant, and sets what else the transaction needs. */
  private final String openTenant;

  private Database(Pool pool, String openTenant) {
    this.pool = pool;
    this.openTenant = openTenant;
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
        // Connections spread over as many event loops as the HTTP servers use: on one loop, every query's I/O of
        // every request queued behind the others on a single core.
        .with(new PoolOptions().setMaxSize(poolSize).setName(name).setShared(false)
            .setEventLoopSize(Runtime.getRuntime().availableProcessors()))
        .connectingTo(connect)
        .using(vertx)
        .build();
    return new Database(pool, BIND_TENANT);
  }

  /**
   * The same pool, for transactions of short statements run many times a second (a diner's tab, cart and orders, the
   * kitchen's work on them, paying for them): in their tenant transactions every statement runs on its generic plan.
   * PostgreSQL's automatic choice planned some of them anew on every execution, planning taking longer than running;
   * a placement's transaction does nine statements. Not for reports, whose plans rightly depend on the range asked;
   * and a condition a partial index names is written as the index writes it, not bound, or a generic plan skips it.
   */
  public Database withGenericPlans() {
    return new Database(pool, BIND_TENANT + ", set_config('plan_cache_mode', 'force_generic_plan', true)");
  }

  public Pool pool() {
    return pool;
  }

  /** Runs {@code work} in one transaction: committed when its future succeeds, rolled back when it fails. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  /**
   * Runs {@code work} in one transaction that sees and touches only {@code tenantId}'s rows: the tenant setting is
   * local to the transaction, so a pooled connection never carries it into another request.
   */
  public <T> Future<T> inTenant(UUID tenantId, Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(connection -> connection
        .preparedQuery(openTenant)
        .execute(Tuple.of(tenantId.toString()))
        .compose(ignored -> work.apply(connection)));
  }

  /** A round trip to the server, for the readiness check. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}
