package app.tableloop.platform.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's operations as a small tree of routers rather than one long list. Vert.x Web tries a router's routes
 * in order, and each templated path is a regular expression: in one router of every operation, the diner's menu came
 * 63rd, and matching it took a quarter of the request's CPU time. Here paths branch after their first parameter and
 * again at the literal segment after it ({@code /api/v1/stores/:store*}, then {@code /menu*}, a plain prefix), so a
 * request meets a few branches and then its own routes; a branch of a single path is a plain route. Each router keeps
 * the contract's order (literal paths before templated ones), and its 404 and 405 fall through to the root's.
 */
final class RouteTree {
  private RouteTree() {
  }

  /** Routes every operation of {@code api} in {@code router}, in the contract's order as the builder's own router. */
  static void mount(Vertx vertx, Router router, OpenAPIContract contract, RouterBuilder api) {
    place(vertx, router, contract.getPaths().stream()
        .flatMap(path -> path.getOperations().stream())
        .map(operation -> new Endpoint(api.getRoute(operation.getOperationId()), segments(operation.getOpenAPIPath())))
        .toList(), true);
  }

  /** An operation and what is left of its path (segments) below the router it is being placed in. */
  private record Endpoint(OpenAPIRoute route, List<String> rest) {
    Endpoint below(int taken) {
      return new Endpoint(route, rest.subList(taken, rest.size()));
    }
  }

  /**
   * Places each endpoint in {@code router}, branching them by the segments through their first parameter
   * ({@code atParameter}) or by their first literal segment; the two alternate down the tree.
   */
  private static void place(Vertx vertx, Router router, List<Endpoint> endpoints, boolean atParameter) {
    Map<String, List<Endpoint>> branches = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints) {
      String prefix = path(endpoint.rest().subList(0, taken(endpoint, atParameter)));
      branches.computeIfAbsent(prefix, key -> new ArrayList<>()).add(endpoint);
    }
    branches.forEach((prefix, branch) -> {
      boolean onePath = branch.stream().map(Endpoint::rest).distinct().count() == 1;
      if (onePath) {
        branch.forEach(endpoint -> route(router, path(endpoint.rest()), endpoint.route()));
      } else {
        Router below = Router.router(vertx);
        place(vertx, below, branch.stream().map(endpoint -> endpoint.below(taken(endpoint, atParameter))).toList(),
            !atParameter);
        router.route(prefix + "*").subRouter(below);
      }
    });
  }

  /** How many of the endpoint's segments its branch takes: through its first parameter, or its first literal. */
  private static int taken(Endpoint endpoint, boolean atParameter) {
    return atParameter ? throughFirstParameter(endpoint.rest()) : firstLiteral(endpoint.rest());
  }

  private static void route(Router router, String path, OpenAPIRoute operation) {
    Route route = router.route(operation.getOperation().getHttpMethod(), path);
    operation.getHandlers().forEach(route::handler);
    operation.getFailureHandlers().forEach(route::failureHandler);
  }

  /** How many segments run through the first parameter; all of them when there is none. */
  private static int throughFirstParameter(List<String> segments) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).startsWith(":")) {
        return i + 1;
      }
    }
    return segments.size();
  }

  /** One when the path goes on with a literal segment; else all of it (nothing, or a parameter next). */
  private static int firstLiteral(List<String> segments) {
    return !segments.isEmpty() && !segments.get(0).startsWith(":") ? 1 : segments.size();
  }

  /** The contract's {@code /a/{b}/c} as Vert.x Web's segments {@code a, :b, c}. */
  private static List<String> segments(String template) {
    return Arrays.stream(template.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> segment.startsWith("{") && segment.endsWith("}")
            ? ":" + segment.substring(1, segment.length() - 1) : segment)
        .toList();
  }

  private static String path(List<String> segments) {
    return "/" + String.join("/", segments);
  }
}
