package app.tableloop.platform.http;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers the requests Vert.x cannot even parse (a URI or headers over its limits, a garbled request line) before
 * any router sees them, with a problem body and a request id like every other failure, then closes the connection,
 * whose state is no longer to be trusted.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof PrematureChannelClosureException) {
      return; // the client hung up half-way through its request: there is no one to answer
    }
    Problem problem = cause instanceof TooLongHttpLineException ? CommonProblems.URI_TOO_LONG
        : cause instanceof TooLongHttpHeaderException ? CommonProblems.HEADERS_TOO_LARGE
        : CommonProblems.BAD_REQUEST;
    String requestId = RequestIds.assign(request);
    SecurityHeaders.applyTo(request.response().headers());
    AccessLog.refused(request, problem.status());
    request.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problems.CONTENT_TYPE)
        .putHeader("Connection", "close")
        .end(problem.toJson(requestId).encode())
        .onComplete(sent -> request.connection().close());
  }
}
