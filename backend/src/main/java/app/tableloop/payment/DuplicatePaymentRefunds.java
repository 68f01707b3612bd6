package app.tableloop.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;

/**
 * Money that paid for nothing (the order or tab was paid otherwise, or is no longer payable) goes back whole, once.
 * Refunds make it so; confirming a payment only reserves the refund in its transaction and asks for it after commit.
 */
public interface DuplicatePaymentRefunds {

  /**
   * In the caller's transaction: the whole payment's refund, reserved once per WeChat Pay transaction; empty when it
   * already was.
   */
  Future<Optional<GiveBack>> reserve(SqlClient sql, UUID tenantId, Payment payment, String transactionId);

  /** A reserved refund of a duplicate payment, to be asked of WeChat Pay after commit. */
  interface GiveBack {
    Future<Void> askWeChat(UUID tenantId);
  }
}
