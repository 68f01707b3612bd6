package app.tableloop.tenancy;

import java.util.UUID;

/** A table of a store: its code (A12) is printed on the table and carried by its QR code. */
public record DiningTable(UUID id, UUID storeId, String code, String name, String area, int seats, boolean active) {
}
