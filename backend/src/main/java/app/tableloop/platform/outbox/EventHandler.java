package app.tableloop.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Set;

/**
 * What a feature does when an event of one of its topics has happened. The relay calls it in a transaction bound to
 * the event's tenant, together with the record that this handler has handled this event: what the handler writes
 * commits with that record or not at all, so it happens once however often the event is delivered. A failed future
 * rolls both back (to a savepoint: the other handlers of the event share the transaction and keep their work), and
 * the event comes again later.
 */
public interface EventHandler {
  /** A stable name: the processed-event records are kept under it, so renaming one handles every event again. */
  String name();

  Set<String> topics();

  Future<Void> handle(SqlClient sql, OutboxEvent event);
}
