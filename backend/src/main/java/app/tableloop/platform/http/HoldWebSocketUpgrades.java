package app.tableloop.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Keeps a WebSocket upgrade request unread until its handler accepts it: the guard checks the caller first, and
 * by then an unpaused request would have been read to its end, which makes the upgrade impossible.
 */
final class HoldWebSocketUpgrades implements PlatformHandler {
  @Override
  public void handle(RoutingContext rc) {
    if (rc.request().canUpgradeToWebSocket()) {
      rc.request().pause();
    }
    rc.next();
  }
}
