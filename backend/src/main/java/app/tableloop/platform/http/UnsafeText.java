package app.tableloop.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Text no honest client sends and PostgreSQL cannot store: the NUL character (refused by PostgreSQL's text types)
 * and UTF-16 surrogates without their pair (which would be stored as {@code ?}). Found once at the edge, so no
 * handler ever sees them.
 */
final class UnsafeText {
  private UnsafeText() {
  }

  static boolean isUnsafe(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return true;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The first parameter or body field of a validated request that holds unsafe text, named as clients name it. */
  static Optional<String> findIn(ValidatedRequest request) {
    for (Map<String, RequestParameter> parameters : List.of(request.getPathParameters(),
        request.getQuery(), request.getHeaders(), request.getCookies())) {
      for (Map.Entry<String, RequestParameter> parameter : parameters.entrySet()) {
        Optional<String> found = findIn(parameter.getValue().get(), parameter.getKey());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    RequestParameter body = request.getBody();
    return body == null ? Optional.empty() : findIn(body.get(), "").map(field -> field.isEmpty() ? "body" : field);
  }

  /** Where in a decoded JSON value the first unsafe string (or key) is, as a path such as {@code items[0].notes}. */
  static Optional<String> findIn(Object json, String path) {
    if (json instanceof CharSequence text) {
      return isUnsafe(text) ? Optional.of(path) : Optional.empty();
    }
    if (json instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        String field = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        if (isUnsafe(entry.getKey())) {
          return Optional.of(path.isEmpty() ? "body" : path);
        }
        Optional<String> found = findIn(entry.getValue(), field);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (json instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        Optional<String> found = findIn(array.getValue(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
