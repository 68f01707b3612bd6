package app.tableloop.wechat.simulator;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Answers API v3 requests as WeChat Pay does: a JSON body (none for 204), a Request-ID, and every answer, errors
 * included, signed by {@link PlatformSigner}. A test can have the next successful body changed after signing, as a
 * man in the middle would, to see the client refuse it.
 */
final class SignedReplies {
  private final PlatformSigner signer;
  private final AtomicInteger pendingTamperings = new AtomicInteger();

  SignedReplies(PlatformSigner signer) {
    this.signer = signer;
  }

  void tamperNextBody() {
    pendingTamperings.incrementAndGet();
  }

  void json(RoutingContext rc, int status, JsonObject body) {
    send(rc, status, body.encode());
  }

  void noContent(RoutingContext rc) {
    send(rc, 204, "");
  }

  void reject(RoutingContext rc, PayRejection rejection) {
    json(rc, rejection.status(), rejection.toJson());
  }

  /** 200 with what was made or found, or the refusal. */
  <T> void answer(RoutingContext rc, Outcome<T> outcome, Function<T, JsonObject> render) {
    if (outcome instanceof Outcome.Accepted<T> accepted) {
      json(rc, 200, render.apply(accepted.value()));
    } else if (outcome instanceof Outcome.Rejected<T> rejected) {
      reject(rc, rejected.rejection());
    }
  }

  private void send(RoutingContext rc, int status, String body) {
    boolean tamper = status / 100 == 2 && !body.isEmpty()
        && pendingTamperings.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    signer.sign(body).onFailure(rc::fail).onSuccess(signed -> {
      HttpServerResponse response = rc.response().setStatusCode(status);
      signed.addTo(response.headers());
      response.putHeader("Request-ID", PayCrypto.nonce(40).toUpperCase(Locale.ROOT) + "-0")
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(tamper ? tampered(body) : body);
    });
  }

  /** One digit changed (an amount, an id), or a space added where there is none; the JSON stays valid. */
  private static String tampered(String body) {
    for (int i = body.length() - 1; i >= 0; i--) {
      char c = body.charAt(i);
      if (c >= '0' && c <= '9') {
        return body.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + body.substring(i + 1);
      }
    }
    return body.charAt(0) + " " + body.substring(1);
  }
}
