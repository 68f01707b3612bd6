package app.tableloop.ordering;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A table still eating, as the counter sees it: which table, what its tab owes (orders in the kitchen's hands or
 * served, paid by nothing yet), and the orders of a pay-first table still waiting for their own payment.
 */
public record OpenTab(UUID id, UUID tableId, String tableCode, String tableName, OffsetDateTime openedAt, long dueFen,
                      List<AwaitingPayment> awaitingPayment) {

  /** An order placed but not yet paid for (pay first): the counter can take its money by its number. */
  public record AwaitingPayment(UUID orderId, String number, long totalFen) {
  }
}
