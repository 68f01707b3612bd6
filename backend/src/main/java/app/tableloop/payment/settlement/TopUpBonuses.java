package app.tableloop.payment.settlement;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.UUID;

/**
 * The port through which the settlement learns the bonus granted with stored-value top-ups (money the ledger never
 * sees: it is the restaurant's promise, not cash), kept by the feature that sells them.
 */
public interface TopUpBonuses {
  /** The bonus granted with the store's top-ups paid from {@code from} (inclusive) to {@code to}. */
  Future<Long> grantedFen(SqlClient sql, UUID tenantId, UUID storeId, Instant from, Instant to);
}
