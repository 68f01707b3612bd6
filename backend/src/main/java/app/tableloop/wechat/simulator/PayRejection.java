package app.tableloop.wechat.simulator;

import io.vertx.core.json.JsonObject;

/**
 * A request WeChat Pay refuses, as it answers it: an HTTP status and a body of {@code code} and {@code message}
 * (and, for a malformed field, a {@code detail} naming it).
 */
record PayRejection(int status, String code, String message, String field) {

  static PayRejection paramError(String field, String message) {
    return new PayRejection(400, "PARAM_ERROR", message, field);
  }

  static PayRejection invalidRequest(String message) {
    return new PayRejection(400, "INVALID_REQUEST", message, null);
  }

  static PayRejection of(int status, String code, String message) {
    return new PayRejection(status, code, message, null);
  }

  JsonObject toJson() {
    JsonObject body = new JsonObject().put("code", code).put("message", message);
    if (field != null) {
      body.put("detail", new JsonObject().put("field", field));
    }
    return body;
  }
}
