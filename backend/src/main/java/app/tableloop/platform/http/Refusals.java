package app.tableloop.platform.http;

import app.tableloop.platform.refusal.Refusal;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Future;

/** Business refusals on their way out: as the failed future a service answers with, and as the problem sent. */
public final class Refusals {
  private Refusals() {
  }

  public static <T> Future<T> refuse(Refusal refusal) {
    return Future.failedFuture(new Refused(refusal));
  }

  /** The problem response of a refusal: its kind decides the status, here and nowhere else. */
  public static Problem problem(Refusal refusal) {
    Problem problem = Problem.of(status(refusal.kind()), refusal.code(), refusal.message(), refusal.messageEn());
    return refusal.field() == null ? problem : problem.atField(refusal.field());
  }

  static int status(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case GONE -> 410;
      case TOO_MANY -> 429;
      case UPSTREAM_FAILED -> 502;
      case UNAVAILABLE -> 503;
    };
  }
}
