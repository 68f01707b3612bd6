package app.tableloop.identity;

import app.tableloop.platform.live.LiveViewer;
import io.vertx.core.Future;
import java.util.Set;

/**
 * Who a live socket is opened for, and the guard's check made again while it stays open: the session still open, and
 * the role it was let in with (staff of the store, say) still held.
 */
public final class LiveViewers {
  private final Sessions sessions;
  private final Users users;

  public LiveViewers(Sessions sessions, Users users) {
    this.sessions = sessions;
    this.users = users;
  }

  public LiveViewer of(Access access) {
    return new LiveViewer(access.sessionId(), access.user().userId(), () -> stillHeld(access));
  }

  private Future<Boolean> stillHeld(Access access) {
    return sessions.isOpen(access.sessionId()).compose(open -> !open || access.role() == Role.DINER
        ? Future.succeededFuture(open)
        : users.rolesOf(access.user().userId()).map(grants -> AccessPolicy.decide(Set.of(access.role()), grants,
            access.tenantId(), access.storeId()) instanceof AccessPolicy.Granted));
  }
}
