package app.tableloop.platform.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder gave up on before any router saw them (a request line over the server's limit,
 * such as a 5,000-character path parameter, headers too large, a garbled request) with a problem like every other
 * failure, where the server would answer a bare status. The connection is closed: its stream cannot be trusted.
 */
public final class UndecodableRequests implements Handler<HttpServerRequest> {
  static final Problem URI_TOO_LONG = Problem.of(414, "uri_too_long", "请求地址过长", "The request URI is too long");
  static final Problem HEADERS_TOO_LARGE = Problem.of(431, "headers_too_large", "请求头过大",
      "The request headers are too large");

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = cause instanceof TooLongHttpLineException ? URI_TOO_LONG
        : cause instanceof TooLongHttpHeaderException ? HEADERS_TOO_LARGE
        : CommonProblems.BAD_REQUEST;
    request.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problems.CONTENT_TYPE)
        .putHeader("Connection", "close")
        .end(problem.toJson(null).encode());
  }
}
