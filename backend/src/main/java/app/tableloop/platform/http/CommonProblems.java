package app.tableloop.platform.http;

import app.tableloop.platform.refusal.CommonRefusal;

/** The problems every endpoint can answer with, in Simplified Chinese first and English second. */
public final class CommonProblems {
  public static final Problem BAD_REQUEST = Problem.of(400, "bad_request", "请求无效", "Bad request");
  public static final Problem MALFORMED_JSON = Problem.of(400, "malformed_json",
      "请求内容不是有效的 JSON", "The request body is not valid JSON").atField("body");
  public static final Problem UNAUTHORIZED = Problem.of(401, "unauthorized", "请先登录", "Please sign in first");
  public static final Problem FORBIDDEN = Problem.of(403, "forbidden", "没有权限执行此操作",
      "You are not allowed to do this");
  public static final Problem NOT_FOUND = Refusals.problem(CommonRefusal.NOT_FOUND);
  public static final Problem METHOD_NOT_ALLOWED = Problem.of(405, "method_not_allowed",
      "该资源不支持此请求方法", "This method is not allowed on this resource");
  public static final Problem URI_TOO_LONG = Problem.of(414, "uri_too_long", "请求地址过长", "The request URI is too long");
  public static final Problem HEADERS_TOO_LARGE = Problem.of(431, "headers_too_large", "请求头过大",
      "The request headers are too large");
  public static final Problem UNSUPPORTED_MEDIA_TYPE = Problem.of(415, "unsupported_media_type",
      "不支持的内容类型，请发送 application/json", "Unsupported content type; send application/json");
  /** The database is down or restarting: worth a retry in a few seconds (the answer says when, in Retry-After). */
  public static final Problem SERVICE_UNAVAILABLE = Problem.of(503, "service_unavailable",
      "服务暂时不可用，请稍后再试", "The service is temporarily unavailable; please try again in a few seconds");
  public static final Problem INTERNAL = Problem.of(500, "internal_error", "服务器内部错误，请稍后再试",
      "Internal server error; please try again later");

  private CommonProblems() {
  }

  public static Problem missingField(String field) {
    return Problem.of(400, "missing_field", "缺少必填项：" + field, "Missing required field: " + field)
        .atField(field);
  }

  public static Problem invalidField(String field, String reason) {
    return Problem.of(400, "invalid_field", "字段 " + field + " 的值无效", "Invalid value for " + field + ": " + reason)
        .atField(field);
  }

  public static Problem payloadTooLarge(long limitBytes) {
    return Problem.of(413, "payload_too_large", "请求内容过大（上限 " + limitBytes + " 字节）",
        "The request body is too large (limit " + limitBytes + " bytes)").atField("body");
  }
}
