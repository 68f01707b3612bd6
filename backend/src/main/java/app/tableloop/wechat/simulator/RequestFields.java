package app.tableloop.wechat.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Reads the fields of an API v3 request body the way WeChat Pay checks them: a missing or mistyped field is a
 * {@code PARAM_ERROR} naming the field by its JSON path.
 */
final class RequestFields {
  private final JsonObject json;
  private final String path;

  private RequestFields(JsonObject json, String path) {
    this.json = json;
    this.path = path;
  }

  /** Empty when the body is not a JSON object. */
  static Optional<RequestFields> of(Buffer body) {
    return JsonBodies.object(body).map(object -> new RequestFields(object, ""));
  }

  static PayRejection notJson() {
    return PayRejection.paramError("/body", "请求体不是合法的 JSON 对象");
  }

  /** A nested object; a missing one reads as empty, so its own required fields report themselves. */
  RequestFields object(String name) {
    Object value = json.getValue(name);
    return new RequestFields(value instanceof JsonObject object ? object : new JsonObject(), path + "/" + name);
  }

  boolean has(String name) {
    return json.getValue(name) != null;
  }

  private String field(String name) {
    return path + "/" + name;
  }

  private PayRejection missing(String name) {
    return PayRejection.paramError(field(name), "输入源“" + field(name) + "”映射到字段“" + name
        + "”必填性规则校验失败，此字段为必填项");
  }

  /** A string of 1 to {@code maxLength} characters, or the rejection that names what is wrong with it. */
  Result<String> text(String name, int maxLength) {
    Object value = json.getValue(name);
    if (value == null) {
      return Result.failed(missing(name));
    }
    if (!(value instanceof String text) || text.isEmpty() || text.length() > maxLength) {
      return Result.failed(PayRejection.paramError(field(name), "字段“" + field(name) + "”应为 1 到 " + maxLength
          + " 个字符的字符串"));
    }
    return Result.of(text);
  }

  Result<String> optionalText(String name, int maxLength) {
    return has(name) ? text(name, maxLength) : Result.of(null);
  }

  Result<Long> wholeNumber(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return Result.failed(missing(name));
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      return Result.failed(PayRejection.paramError(field(name), "字段“" + field(name) + "”应为整数"));
    }
    return Result.of(((Number) value).longValue());
  }

  /** An absolute http(s) URL without a query, as WeChat Pay requires of notify_url. */
  Result<String> notifyUrl(String name) {
    Result<String> text = text(name, 256);
    if (text.rejection() != null) {
      return text;
    }
    try {
      URI uri = new URI(text.value());
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (web && uri.getHost() != null && uri.getRawQuery() == null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below like any other unusable URL
    }
    return Result.failed(PayRejection.paramError(field(name), "notify_url 应为不带参数的 http 或 https 地址"));
  }

  /** The first refusal among fields read in the order WeChat Pay checks them, or null when all are fine. */
  static PayRejection firstRejection(Result<?>... results) {
    for (Result<?> result : results) {
      if (result.rejection() != null) {
        return result.rejection();
      }
    }
    return null;
  }

  /** One field's value, or why it was refused. */
  record Result<T>(T value, PayRejection rejection) {
    static <T> Result<T> of(T value) {
      return new Result<>(value, null);
    }

    static <T> Result<T> failed(PayRejection rejection) {
      return new Result<>(null, rejection);
    }
  }
}
