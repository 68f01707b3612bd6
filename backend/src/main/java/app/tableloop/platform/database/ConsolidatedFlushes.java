package app.tableloop.platform.database;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.internal.SqlConnectionInternal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the commands a connection is given in one event-loop turn to PostgreSQL in one socket write. The client
 * flushes each command to the socket as it is given: a transaction's pipelined statements went out as as many writes,
 * each a system call here and a wake-up of the server there. Netty's {@link FlushConsolidationHandler} holds the
 * flushes of one turn (or of one read of the server's answers) back to its end. The client offers no hook into its
 * channel, so this reaches it through the client's internal types; should they change shape, connections work as
 * before, unconsolidated, and a warning says so.
 */
final class ConsolidatedFlushes {
  private static final Logger LOG = LoggerFactory.getLogger(ConsolidatedFlushes.class);
  private static final AtomicBoolean UNREACHABLE_LOGGED = new AtomicBoolean();

  private ConsolidatedFlushes() {
  }

  /**
   * Installs the consolidation on a newly made pool connection, then gives it to the pool, whatever happened: a
   * connection the handler kept would be a slot of the pool lost for good.
   */
  static void install(SqlConnection connection) {
    try {
      Optional<ChannelPipeline> pipeline = pipeline(connection);
      if (pipeline.isPresent()) {
        pipeline.get().addFirst(
            new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
      } else if (UNREACHABLE_LOGGED.compareAndSet(false, true)) {
        LOG.warn("The PostgreSQL client's connections are not of the shape expected ({}): each command is flushed"
            + " to the socket on its own", connection.getClass().getName());
      }
    } finally {
      connection.close();
    }
  }

  /** Whether {@code connection}'s flushes are consolidated. */
  static boolean installedOn(SqlConnection connection) {
    return pipeline(connection).map(found -> found.get(FlushConsolidationHandler.class) != null).orElse(false);
  }

  /** The pipeline of a pool connection's socket: the pool wraps the client's connection, which holds the socket. */
  private static Optional<ChannelPipeline> pipeline(SqlConnection connection) {
    return connection instanceof SqlConnectionInternal pooled
        && pooled.unwrap().unwrap() instanceof SocketConnectionBase socket
        ? Optional.of(socket.socket().channelHandlerContext().pipeline()) : Optional.empty();
  }
}
