package app.tableloop.loyalty.storedvalue;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * What the other loyalty parts may know of a payment taken from a balance: how much of it was bonus, money the
 * restaurant gave at top-up and the member never paid (points are earned on money paid only).
 */
public final class PaidFromBalance {
  private final StoredValueAccounts accounts = new StoredValueAccounts();

  /** The bonus the payment took from the member's balance: zero for a payment not taken from one. */
  public Future<Long> bonusFen(SqlClient sql, UUID tenantId, UUID paymentId) {
    return accounts.takenBy(sql, tenantId, paymentId)
        .map(taken -> taken.map(found -> found.amount().bonusFen()).orElse(0L));
  }
}
