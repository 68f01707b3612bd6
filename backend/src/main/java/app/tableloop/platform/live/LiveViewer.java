package app.tableloop.platform.live;

import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who a live socket was opened for: the session (its id, never the token itself) and the user, and how to tell
 * whether what let them in still holds (the session still open, the role still theirs).
 */
public record LiveViewer(String sessionId, UUID userId, Supplier<Future<Boolean>> stillAllowed) {
}
