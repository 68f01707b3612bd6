package app.tableloop.platform.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.LoggerFormat;
import io.vertx.ext.web.handler.LoggerHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;

/**
 * Builds the router from the OpenAPI contract: every operation validated by the contract before its handler runs,
 * one problem handler for every failure, a body size limit, and a request id on everything.
 */
public final class ApiRouter {
  private ApiRouter() {
  }

  public static Router create(Vertx vertx, OpenAPIContract contract, long maxBodyBytes, List<ApiModule> modules) {
    RouterBuilder api = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
        .rootHandler(new RequestIds())
        .rootHandler(LoggerHandler.create(LoggerFormat.SHORT))
        .rootHandler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    modules.forEach(module -> module.mount(api));
    for (OpenAPIRoute route : api.getRoutes()) {
      if (route.getHandlers().isEmpty()) {
        throw new IllegalStateException("operation " + route.getOperation().getOperationId()
            + " is in the contract but no module handles it");
      }
    }
    Problems problems = new Problems(maxBodyBytes);
    Router router = api.createRouter();
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }
}
