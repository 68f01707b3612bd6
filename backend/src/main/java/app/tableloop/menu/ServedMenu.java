package app.tableloop.menu;

import io.vertx.core.buffer.Buffer;

/**
 * A rendered menu as this instance serves it: its body encoded once, written as is to every diner who asks (a
 * buffer may be written any number of times), instead of encoding the same text for each answer.
 */
public final class ServedMenu {
  private final CachedMenu menu;
  private final Buffer body;

  ServedMenu(CachedMenu menu) {
    this.menu = menu;
    this.body = Buffer.buffer(menu.body());
  }

  public CachedMenu menu() {
    return menu;
  }

  public Buffer body() {
    return body;
  }
}
