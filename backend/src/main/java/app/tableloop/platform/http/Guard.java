package app.tableloop.platform.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;

/**
 * Decides whether the caller may call an operation, before its input is validated: a stranger learns nothing from
 * validation errors, and every operation gets the same check. Fail with a {@link ProblemException} to refuse.
 */
@FunctionalInterface
public interface Guard {
  /** Lets every request through; for contracts with no protected operation. */
  Guard OPEN = (rc, operation) -> Future.succeededFuture();

  Future<Void> check(RoutingContext rc, Operation operation);
}
