package app.tableloop.platform.http;

import io.vertx.core.json.JsonObject;

/**
 * One failure as the client sees it ({@code application/problem+json}): the HTTP status, a stable machine code that
 * clients may branch on, the message in Simplified Chinese (shown to the user) and in English, and the field at
 * fault when there is one.
 */
public record Problem(int status, String code, String message, String messageEn, String field) {

  public static Problem of(int status, String code, String message, String messageEn) {
    return new Problem(status, code, message, messageEn, null);
  }

  public Problem atField(String offendingField) {
    return new Problem(status, code, message, messageEn, offendingField);
  }

  public JsonObject toJson(String requestId) {
    JsonObject json = new JsonObject()
        .put("type", "about:blank")
        .put("title", messageEn)
        .put("status", status)
        .put("code", code)
        .put("message", message)
        .put("message_en", messageEn);
    if (field != null) {
      json.put("field", field);
    }
    if (requestId != null) {
      json.put("request_id", requestId);
    }
    return json;
  }
}
