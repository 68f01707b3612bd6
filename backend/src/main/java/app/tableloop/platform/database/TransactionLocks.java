package app.tableloop.platform.database;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Locks on a name rather than a row, held until the caller's transaction ends (PostgreSQL's transaction-level advisory
 * locks): for work that must not interleave although no one row stands for it. A name says what it guards and whose
 * it is, such as {@code "member:" + tenantId + ":" + userId}; it is hashed to the lock's 64-bit key.
 */
public final class TransactionLocks {
  private TransactionLocks() {
  }

  /** Waits until no other transaction holds the lock in any way, then holds it alone. */
  public static Future<Void> exclusive(SqlClient sql, String name) {
    return sql.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(name))
        .mapEmpty();
  }

  /** Waits until no transaction holds the lock alone, then holds it beside any others that share it. */
  public static Future<Void> shared(SqlClient sql, String name) {
    return sql.preparedQuery("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))").execute(Tuple.of(name))
        .mapEmpty();
  }
}
