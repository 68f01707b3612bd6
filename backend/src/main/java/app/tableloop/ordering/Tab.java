package app.tableloop.ordering;

import java.util.UUID;

/** A table's open (or closed) tab: the diners at it share one cart, versioned. */
public record Tab(UUID id, UUID storeId, UUID tableId, boolean open, long cartVersion) {
}
