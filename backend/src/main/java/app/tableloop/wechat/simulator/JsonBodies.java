package app.tableloop.wechat.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Reads a request body as a JSON object, leniently: anything else (empty, malformed, an array) is empty. */
final class JsonBodies {
  private JsonBodies() {
  }

  static Optional<JsonObject> object(Buffer body) {
    if (body == null || body.length() == 0) {
      return Optional.empty();
    }
    try {
      return body.toJsonValue() instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }
}
