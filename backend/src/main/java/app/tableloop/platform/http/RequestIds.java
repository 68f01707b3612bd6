package app.tableloop.platform.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a fresh one), echoes it on the
 * response, and keeps it in the request's Vert.x context so that every log line written for the request carries it.
 */
public final class RequestIds implements PlatformHandler {
  public static final String HEADER = "X-Request-Id";
  /** Must be registered before any Vertx instance exists: VertxFactory touches it first. */
  public static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
  private static final HexFormat HEX = HexFormat.of();

  /** The id of the request being handled on this thread, or null outside a request. */
  public static String current() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      return internal.getLocal(LOCAL);
    }
    return null;
  }

  @Override
  public void handle(RoutingContext rc) {
    rc.put(HEADER, assign(rc.request()));
    rc.next();
  }

  /** Gives {@code request} its id, also when the router never sees it, and answers it. */
  static String assign(HttpServerRequest request) {
    String offered = request.getHeader(HEADER);
    String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : fresh();
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      internal.putLocal(LOCAL, id);
    }
    request.response().putHeader(HEADER, id);
    return id;
  }

  static String of(RoutingContext rc) {
    return rc.get(HEADER);
  }

  /**
   * 96 random bits: an id tells a request's log lines apart and grants nothing (a caller may send its own), so it
   * need not be unguessable; the secure generator read the kernel's randomness under a lock on every request.
   */
  private static String fresh() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextInt());
  }
}
