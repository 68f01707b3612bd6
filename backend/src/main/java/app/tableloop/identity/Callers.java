package app.tableloop.identity;

import io.vertx.ext.web.RoutingContext;

/** Where the guard leaves a request's {@link Access} for its handler to read. */
public final class Callers {
  private static final String KEY = Access.class.getName();

  private Callers() {
  }

  /** The access the guard established for this request. */
  public static Access of(RoutingContext rc) {
    return rc.get(KEY);
  }

  static void attach(RoutingContext rc, Access access) {
    rc.put(KEY, access);
  }
}
