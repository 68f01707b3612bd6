package app.tableloop.platform.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request once its response is done (or its client gone): the client's address, the method, the URI with
 * its secrets masked, the status, the bytes sent and the time taken. The request id is on the line already.
 */
public final class AccessLog implements PlatformHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  private final SecretMask mask;

  public AccessLog(SecretMask mask) {
    this.mask = mask;
  }

  @Override
  public void handle(RoutingContext rc) {
    long started = System.nanoTime();
    rc.addEndHandler(ended -> {
      HttpServerRequest request = rc.request();
      LOG.info("{} {} {} {} {} {} ms", ClientAddress.of(rc), request.method(),
          mask.mask(request.uri()), ended.succeeded() ? rc.response().getStatusCode() : "closed",
          rc.response().bytesWritten(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    });
    rc.next();
  }

  /**
   * Logs a request refused before routing; its URI, which did not parse, is left out, and its address is the
   * connection's own: no header of it was read, so none names a client behind a proxy.
   */
  static void refused(HttpServerRequest request, int status) {
    LOG.info("{} {} (unparsed) {}", request.remoteAddress().hostAddress(), request.method(), status);
  }
}
