package app.tableloop.platform.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The headers every response carries: no content sniffing, no framing (against click-jacking), no referrer leaking a
 * link's token, and no caching of what may hold tokens or personal data. A handler that means a response to be
 * cached (the public menu, table codes) or needs its own content policy (the link pages) sets its header after this.
 */
public final class SecurityHeaders implements PlatformHandler {
  public static final String CACHE_CONTROL = "Cache-Control";
  public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

  @Override
  public void handle(RoutingContext rc) {
    applyTo(rc.response().headers());
    rc.next();
  }

  static void applyTo(MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set(CONTENT_SECURITY_POLICY, "frame-ancestors 'none'")
        .set("Referrer-Policy", "no-referrer")
        .set(CACHE_CONTROL, "no-store");
  }
}
