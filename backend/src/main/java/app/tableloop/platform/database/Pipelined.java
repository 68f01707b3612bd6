package app.tableloop.platform.database;

import io.vertx.core.Future;
import java.util.List;

/**
 * Statements of one transaction sent without waiting for each other's answers: the client pipelines a connection's
 * commands and the server runs them in the order sent, so statements that need nothing of each other's results cost
 * one round trip together.
 */
public final class Pipelined {
  private Pipelined() {
  }

  /**
   * Completes once every statement has; fails with the first failure in the order given, which is the one that
   * counts: the server aborted the transaction there, so the later ones fail only as its echo.
   */
  public static Future<Void> all(Future<?>... statements) {
    return Future.join(List.of(statements)).transform(ran -> {
      for (Future<?> statement : statements) {
        if (statement.failed()) {
          return Future.failedFuture(statement.cause());
        }
      }
      return Future.succeededFuture();
    });
  }
}
