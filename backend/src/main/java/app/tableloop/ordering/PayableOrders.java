package app.tableloop.ordering;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ordering's port for payment: everything payment reads or changes of orders and tabs, and nothing else. The
 * methods taking a {@link SqlClient} run in the caller's tenant transaction; the {@code announce…} ones after commit.
 */
public interface PayableOrders {

  /** The store's order. */
  Future<Optional<Order>> order(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId);

  /** The store's order, if it is of this tab and {@code userId} is one of the tab's diners (the diner check). */
  Future<Optional<Order>> dinersOrder(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID orderId,
                                      UUID userId);

  /** The store's tab. */
  Future<Optional<Tab>> tab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId);

  /** The store's tab, if {@code userId} is one of its diners (the diner check). */
  Future<Optional<Tab>> dinersTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, UUID userId);

  /** The tab's orders still to be paid, oldest first. */
  Future<List<Order>> unpaidOfTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId);

  /**
   * The payment paid an order awaiting payment: it moves to placed, marked paid by the payment, and is answered as it
   * is now; empty (and nothing changed) when it no longer awaited payment.
   */
  Future<Optional<Order>> placePaid(SqlClient sql, UUID tenantId, UUID orderId, UUID paymentId);

  /**
   * The payment paid these orders of the tab, all of them or none (false when one was paid otherwise or ended
   * meanwhile). A tab left with nothing to pay is closed as paid, so its table is free.
   */
  Future<Boolean> settleTab(SqlClient sql, UUID tenantId, UUID storeId, UUID tabId, List<UUID> orderIds,
                            UUID paymentId);

  /**
   * An order whose payment expired: cancelled if it still awaits payment, its portions back on sale for the business
   * day they were taken from; answers the order as it is then, or empty when it no longer awaited payment.
   */
  Future<Optional<Order>> release(SqlClient sql, UUID tenantId, UUID storeId, UUID orderId, String reason);

  /** The tab as its diners see it. */
  Future<JsonObject> tabState(SqlClient sql, UUID tenantId, UUID storeId, Tab tab);

  /** After commit: a paid order reached the kitchen; its feed gets the order, the table its tab's new state. */
  void announcePlaced(UUID tenantId, Order order);

  /** After commit: an order changed (e.g. released); the kitchen and the table see it as it is now. */
  void announceChanged(UUID tenantId, Order order);

  /** After commit: the tab's diners see it as it is now (closed once paid). */
  void announceTabPaid(UUID tenantId, UUID storeId, UUID tabId);

  /** The order as clients see it. */
  JsonObject json(Order order);
}
