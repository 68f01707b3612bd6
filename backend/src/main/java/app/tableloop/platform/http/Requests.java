package app.tableloop.platform.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * What a handler reads of a request the contract has already validated: ids in the path, the JSON body, optional
 * query parameters.
 */
public final class Requests {
  private Requests() {
  }

  /** A path parameter the contract declares as a UUID. */
  public static UUID id(RoutingContext rc, String name) {
    return UUID.fromString(rc.pathParam(name));
  }

  public static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The body of an operation whose contract requires one. */
  public static JsonObject body(RoutingContext rc) {
    return validated(rc).getBody().getJsonObject();
  }

  /** The body of an operation whose body may be left out: empty when it was. */
  public static JsonObject optionalBody(RoutingContext rc) {
    RequestParameter body = validated(rc).getBody();
    return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
  }

  /** A query parameter the contract declares optional: empty when it was left out. */
  public static Optional<RequestParameter> query(RoutingContext rc, String name) {
    RequestParameter parameter = validated(rc).getQuery().get(name);
    return parameter == null || parameter.isNull() ? Optional.empty() : Optional.of(parameter);
  }
}
