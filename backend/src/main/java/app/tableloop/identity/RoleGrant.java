package app.tableloop.identity;

import java.util.UUID;

/** One role a user holds: in a tenant, and for owners and staff at one of its stores (null for operators). */
public record RoleGrant(UUID tenantId, UUID storeId, Role role) {
}
