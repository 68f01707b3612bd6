package app.tableloop.tenancy;

import java.time.ZoneId;
import java.util.UUID;

/** A restaurant of a tenant, with the short code its table QR codes carry. */
public record Store(UUID id, UUID tenantId, String code, String name, ZoneId timeZone, OrderingMode orderingMode,
                    BusinessHours businessHours, boolean staffMayRefund) {
}
