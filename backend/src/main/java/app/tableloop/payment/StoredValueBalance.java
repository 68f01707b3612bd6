package app.tableloop.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * The port through which a stored-value payment takes its money: the diner's balance, kept by the feature that sells
 * top-ups. Payment knows only this.
 */
public interface StoredValueBalance {
  /**
   * Fails, changing nothing, with the refusal {@link #take} would fail with for {@code amountFen} now: checked before
   * the diner's pending WeChat payments are given up for a payment from the balance.
   */
  Future<Void> check(SqlClient sql, UUID tenantId, UUID userId, long amountFen);

  /** The whole of the diner's balance, locked for the rest of the caller's transaction; refuses a non-member. */
  Future<Long> lockAvailable(SqlClient sql, UUID tenantId, UUID userId);

  /**
   * Takes the payment's amount off the balance of {@code userId} in the caller's transaction (the one that records the
   * payment, so both happen or neither); fails with a refusal when the diner has no such balance or too little.
   */
  Future<Void> take(SqlClient sql, UUID tenantId, UUID userId, Payment payment);
}
