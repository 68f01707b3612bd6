package app.tableloop.identity;

import java.util.UUID;

/**
 * What the guard established for a request: who calls, in which session, as which role, and (for store or tenant
 * operations) in which tenant and store. Handlers bind their transactions to {@link #tenantId()}.
 *
 * @param sessionId names the caller's session (not its token), for ending what was opened with it
 */
public record Access(SignedInUser user, String sessionId, Role role, UUID tenantId, UUID storeId) {
}
