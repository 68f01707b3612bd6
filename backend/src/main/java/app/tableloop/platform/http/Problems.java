package app.tableloop.platform.http;

import app.tableloop.platform.database.DatabaseUnavailable;
import app.tableloop.platform.redis.RedisUnavailable;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: turns whatever failed a request into a problem response. Known problems and validation
 * failures become 4xx with the field named; anything else is a fault, logged with its stack trace and answered as a
 * plain 500 that reveals nothing. A database that is down or restarting is no fault of ours: it is a 503 with
 * {@code Retry-After}, logged once per request without a stack trace.
 */
public final class Problems implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Pattern PARAMETER = Pattern.compile("parameter (\\S+?)[ .]");
  private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required property \"([^\"]+)\"");
  /** Seconds a client should wait before trying again when the database is unavailable. */
  static final String RETRY_AFTER_SECONDS = "5";

  private final long maxBodyBytes;
  private final SecretMask mask;

  public Problems(long maxBodyBytes, SecretMask mask) {
    this.maxBodyBytes = maxBodyBytes;
    this.mask = mask;
  }

  @Override
  public void handle(RoutingContext rc) {
    Problem problem = problemFor(rc);
    if (problem != null) {
      send(rc, problem);
    }
  }

  /** Ends the request with {@code problem}. */
  public static void send(RoutingContext rc, Problem problem) {
    if (rc.response().ended()) {
      return;
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    if (problem.status() == 503) {
      rc.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    rc.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(problem.toJson(RequestIds.of(rc)).encode());
  }

  /** The problem to answer, or null when there is no one left to answer. */
  private Problem problemFor(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof ProblemException known) {
      return known.problem();
    }
    if (failure instanceof Refused refused) {
      return Refusals.problem(refused.refusal());
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException invalid) {
        return invalidRequest(invalid);
      }
      return forStatus(http.getStatusCode(), rc);
    }
    if (failure == null) {
      return forStatus(rc.statusCode(), rc);
    }
    if (failure instanceof HttpClosedException) {
      LOG.debug("Request {} {}: the client went away", rc.request().method(), mask.mask(rc.request().path()));
      return null;
    }
    if (RedisUnavailable.is(failure) || DatabaseUnavailable.is(failure)) {
      LOG.warn("Request {} {} answered 503: {} is unavailable ({})", rc.request().method(),
          mask.mask(rc.request().path()), RedisUnavailable.is(failure) ? "Redis" : "the database",
          failure.toString());
      return CommonProblems.SERVICE_UNAVAILABLE;
    }
    LOG.error("Request {} {} failed", rc.request().method(), mask.mask(rc.request().path()), failure);
    return CommonProblems.INTERNAL;
  }

  private Problem forStatus(int status, RoutingContext rc) {
    return switch (status) {
      case 400 -> CommonProblems.BAD_REQUEST;
      case 401 -> CommonProblems.UNAUTHORIZED;
      case 403 -> CommonProblems.FORBIDDEN;
      case 404 -> CommonProblems.NOT_FOUND;
      case 405 -> CommonProblems.METHOD_NOT_ALLOWED;
      case 413 -> CommonProblems.payloadTooLarge(maxBodyBytes);
      case 415 -> CommonProblems.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> CommonProblems.SERVICE_UNAVAILABLE;
      default -> {
        if (status >= 400 && status < 500) {
          yield Problem.of(status, "bad_request", "请求无效", "Bad request");
        }
        LOG.error("Request {} {} failed with status {}", rc.request().method(), mask.mask(rc.request().path()),
            status);
        yield CommonProblems.INTERNAL;
      }
    };
  }

  /** Maps the OpenAPI validator's verdict to a problem that names the field at fault. */
  static Problem invalidRequest(ValidatorException invalid) {
    String message = invalid.getMessage() == null ? "" : invalid.getMessage();
    Optional<String> parameter = parameterOf(message);
    if (invalid instanceof SchemaValidationException schema && parameter.isEmpty()) {
      OutputUnit leaf = mostSpecific(schema.getOutputUnit());
      String field = fieldOf(leaf);
      return leaf.getErrorType() == OutputErrorType.MISSING_VALUE
          ? CommonProblems.missingField(field)
          : CommonProblems.invalidField(field, leaf.getError() == null ? "invalid value" : leaf.getError());
    }
    String field = parameter.orElse("body");
    return switch (invalid.type()) {
      case MISSING_REQUIRED_PARAMETER -> CommonProblems.missingField(field);
      case ILLEGAL_VALUE -> parameter.isEmpty() ? CommonProblems.MALFORMED_JSON
          : CommonProblems.invalidField(field, message);
      case UNSUPPORTED_VALUE_FORMAT -> parameter.isEmpty() ? CommonProblems.UNSUPPORTED_MEDIA_TYPE
          : CommonProblems.invalidField(field, message);
      case INVALID_VALUE, INVALID_VALUE_FORMAT -> CommonProblems.invalidField(field, message);
      case MISSING_OPERATION, MISSING_RESPONSE -> CommonProblems.NOT_FOUND;
    };
  }

  private static Optional<String> parameterOf(String message) {
    Matcher matcher = PARAMETER.matcher(message + " ");
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The error's location as a path such as {@code items[0].quantity}, or the missing property's. */
  private static String fieldOf(OutputUnit leaf) {
    String path = toPath(leaf.getInstanceLocation() == null ? "" : leaf.getInstanceLocation());
    if (leaf.getError() != null) {
      Matcher required = REQUIRED_PROPERTY.matcher(leaf.getError());
      if (required.find()) {
        path = path.isEmpty() ? required.group(1) : path + "." + required.group(1);
      }
    }
    return path.isEmpty() ? "body" : path;
  }

  /** The validator lists every schema on the way down; the deepest, most specific one says what is wrong. */
  private static OutputUnit mostSpecific(OutputUnit unit) {
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      return unit;
    }
    return errors.stream()
        .max(Comparator.comparingInt((OutputUnit e) -> depth(e.getInstanceLocation()))
            .thenComparingInt(e -> depth(e.getKeywordLocation())))
        .orElse(unit);
  }

  private static int depth(String pointer) {
    return pointer == null ? 0 : pointer.split("/").length;
  }

  private static String toPath(String jsonPointer) {
    StringBuilder path = new StringBuilder();
    for (String token : jsonPointer.split("/")) {
      if (token.isEmpty() || token.equals("#")) {
        continue;
      }
      String name = token.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        path.append('[').append(name).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(name);
      }
    }
    return path.toString();
  }
}
