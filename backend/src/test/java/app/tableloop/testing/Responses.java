package app.tableloop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Reading the service's answers in tests: a success's JSON, a problem's code at the expected status, or a refused
 * WeChat Pay notification's message.
 */
public final class Responses {
  private Responses() {
  }

  /** The problem's stable code, after checking the status (the body is shown when it is not). */
  public static String problem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject().getString("code");
  }

  /**
   * Our answer to a WeChat Pay notification we refuse, in the form WeChat Pay reads ({@code {"code":"FAIL",
   * "message":…}}): its message, after checking the status.
   */
  public static String refusedNotification(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("FAIL");
    return response.bodyAsJsonObject().getString("message");
  }

  /** The JSON of a 200 or 201 answer. */
  public static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }
}
