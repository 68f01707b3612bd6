package app.tableloop.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Optional;

/**
 * Builds the router from the OpenAPI contract. Every operation runs the same chain: the guard (who may call it), then
 * validation against the contract (which also refuses text PostgreSQL cannot store, see {@link UnsafeText}), then
 * the module's handlers, routed through a {@link RouteTree}. One problem handler answers every failure; there is a body
 * size limit, a request id, the client's address (see {@link ClientAddress}), an access log with secrets masked, the
 * security headers and a strict decoding of the path and query string on everything.
 */
public final class ApiRouter {
  private static final int GUARD_AND_VALIDATION = 2;
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, OpenAPIContract contract, long maxBodyBytes, ClientAddress clientAddress,
                              Guard guard, List<ApiModule> modules) {
    SecretMask mask = SecretMask.forTemplates(contract.getPaths().stream().map(Path::getName).toList());
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder api = RouterBuilder.create(vertx, contract, extractor);
    RequestValidator validator = ContractValidator.create(vertx, contract);
    for (OpenAPIRoute route : api.getRoutes()) {
      Operation operation = route.getOperation();
      // The router's own validation would run before the guard; this chain puts the guard first.
      route.setDoValidation(false)
          .addHandler(rc -> guard.check(rc, operation).onSuccess(allowed -> rc.next()).onFailure(rc::fail))
          .addHandler(rc -> extractor.extractValidatableRequest(rc, operation)
              .compose(request -> validator.validate(request, operation.getOperationId()))
              .onSuccess(validated -> {
                Optional<String> unsafe = UnsafeText.findIn(validated);
                if (unsafe.isPresent()) {
                  rc.fail(new ProblemException(CommonProblems.invalidField(unsafe.get(),
                      "contains a NUL character or a lone surrogate")));
                  return;
                }
                rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
                rc.next();
              })
              .onFailure(failure -> rc.fail(failure instanceof ValidatorException
                  ? new HttpException(400, failure.getMessage(), failure) : failure)));
    }
    modules.forEach(module -> module.mount(api));
    for (OpenAPIRoute route : api.getRoutes()) {
      if (route.getHandlers().size() <= GUARD_AND_VALIDATION) {
        throw new IllegalStateException("operation " + route.getOperation().getOperationId()
            + " is in the contract but no module handles it");
      }
    }
    Problems problems = new Problems(maxBodyBytes, mask);
    Router router = Router.router(vertx);
    Route everything = router.route();
    List.<Handler<RoutingContext>>of(new HoldWebSocketUpgrades(), new RequestIds(), clientAddress, new AccessLog(mask),
        new SecurityHeaders(), new StrictRequestDecoding(), BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .forEach(everything::handler);
    RouteTree.mount(vertx, router, contract, api);
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }
}
