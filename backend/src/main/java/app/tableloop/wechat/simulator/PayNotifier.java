package app.tableloop.wechat.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends WeChat Pay's notifications to a merchant's notify_url: the resource encrypted under the API v3 key
 * (AEAD_AES_256_GCM), the envelope signed like an API answer, and retried on WeChat Pay's schedule after every
 * answer that is not 2xx (or no answer within five seconds) until one is. Tests can repeat, delay and hold
 * notifications, and release held ones in any order, as the real network may deliver them.
 */
final class PayNotifier {
  /** WeChat Pay waits this long for the merchant's answer before counting the attempt as failed. */
  private static final long ANSWER_TIMEOUT_MILLIS = 5000;
  /**
   * WeChat Pay notifies many payments at once; a client's default of five connections to the notify URL would make
   * the merchant look slower than it is.
   */
  private static final int CONNECTIONS = 64;
  /**
   * How long a notification may wait for one of those connections (and to connect). Only the answer is WeChat Pay's
   * timeout: a burst of notifications queued in the simulator's own pool is not a slow merchant, and counting it as
   * one sent part of a burst into WeChat Pay's 15 s retry schedule.
   */
  private static final long CONNECTION_WAIT_MILLIS = 120_000;
  /**
   * A signature made when a notification was sent is still sent this long after, as WeChat Pay's is however long the
   * network held the notification up; older, it is made afresh, as for a retry: merchants refuse signatures more
   * than five minutes old (WeChat Pay's guidance, and ours), and this leaves a minute for clocks apart.
   */
  private static final long SIGNATURE_KEPT_SECONDS = 240;

  private final Vertx vertx;
  private final HttpClient client;
  private final SimulatedAccount account;
  private final PlatformSigner signer;
  private final List<Duration> retryDelays;
  private final Clock clock;
  /** Every attempt, appended as answers come: a copy-on-write list would copy all of them on each one. */
  private final List<NotificationDelivery> deliveries = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Pending> held = new LinkedHashMap<>();
  private int extraCopies;
  private Duration nextDelay = Duration.ZERO;
  private boolean holding;

  private record Notification(String id, String url, String eventType, String body) {
  }

  /**
   * A notification on its way: a held one was signed when it was sent, as WeChat Pay signs before the network holds
   * it up ({@code signedWhenSent} null for the others).
   */
  private record Pending(Notification notification, int extraCopies, Duration delay,
                         Future<PlatformSigner.Signed> signedWhenSent) {
  }

  PayNotifier(Vertx vertx, SimulatedAccount account, PlatformSigner signer, List<Duration> retryDelays, Clock clock) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    this.account = account;
    this.signer = signer;
    this.retryDelays = List.copyOf(retryDelays);
    this.clock = clock;
  }

  /** Encrypts {@code resource}, signs the envelope and sends it (or holds it); returns the notification id. */
  String send(String url, String eventType, String summary, String originalType, JsonObject resource) {
    String nonce = PayCrypto.nonce(12);
    String id = UUID.randomUUID().toString();
    JsonObject envelope = new JsonObject()
        .put("id", id)
        .put("create_time", PayJson.time(clock.instant()))
        .put("resource_type", "encrypt-resource")
        .put("event_type", eventType)
        .put("summary", summary)
        .put("resource", new JsonObject()
            .put("original_type", originalType)
            .put("algorithm", "AEAD_AES_256_GCM")
            .put("ciphertext", PayCrypto.encrypt(account.apiV3Key, nonce, originalType, resource.encode()))
            .put("associated_data", originalType)
            .put("nonce", nonce));
    Notification notification = new Notification(id, url, eventType, envelope.encode());
    Pending pending;
    synchronized (this) {
      pending = new Pending(notification, extraCopies, nextDelay, holding ? signer.sign(notification.body()) : null);
      extraCopies = 0;
      nextDelay = Duration.ZERO;
      if (holding) {
        held.put(id, pending);
        return id;
      }
    }
    dispatch(pending);
    return id;
  }

  synchronized void repeatNext(int copies) {
    extraCopies = copies;
  }

  synchronized void delayNext(Duration delay) {
    nextDelay = delay;
  }

  synchronized void hold(boolean hold) {
    holding = hold;
  }

  synchronized List<String> held() {
    return new ArrayList<>(held.keySet());
  }

  /**
   * The held notifications' ids, once each is signed: signing runs on worker threads after the payment is answered,
   * and a burst of payments leaves a queue of signatures that would otherwise still be made when they are released.
   */
  Future<List<String>> heldOnceSigned() {
    List<Future<PlatformSigner.Signed>> signatures;
    List<String> ids;
    synchronized (this) {
      ids = new ArrayList<>(held.keySet());
      signatures = held.values().stream().map(Pending::signedWhenSent).toList();
    }
    return Future.join(signatures).map(signed -> ids);
  }

  /** Sends a held notification now; false when no notification with that id is held. */
  boolean release(String notificationId) {
    Pending pending;
    synchronized (this) {
      pending = held.remove(notificationId);
    }
    if (pending == null) {
      return false;
    }
    dispatch(pending);
    return true;
  }

  List<NotificationDelivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  private void dispatch(Pending pending) {
    Future<Void> started = pending.delay().isZero() ? Future.succeededFuture() : after(pending.delay());
    Future<Void> chain = started.compose(v -> deliver(pending.notification(), 0, pending.signedWhenSent()));
    for (int copy = 1; copy <= pending.extraCopies(); copy++) {
      int number = copy;
      chain = chain.compose(v -> deliver(pending.notification(), number, null));
    }
  }

  /** Tries until the merchant accepts or WeChat Pay's schedule runs out; completes either way. */
  private Future<Void> deliver(Notification notification, int copy, Future<PlatformSigner.Signed> signedWhenSent) {
    Promise<Void> done = Promise.promise();
    attempt(notification, copy, 1, signedWhenSent, done);
    return done.future();
  }

  private void attempt(Notification notification, int copy, int attempt,
                       Future<PlatformSigner.Signed> signedWhenSent, Promise<Void> done) {
    post(notification, signedWhenSent).onComplete(answer -> {
      int status = answer.succeeded() ? answer.result() : 0;
      String failure = answer.succeeded() ? "" : String.valueOf(answer.cause().getMessage());
      NotificationDelivery delivery = new NotificationDelivery(notification.id(), notification.eventType(),
          notification.url(), copy, attempt, status, failure, clock.instant());
      deliveries.add(delivery);
      if (delivery.accepted() || attempt > retryDelays.size()) {
        done.complete();
      } else {
        after(retryDelays.get(attempt - 1)).onComplete(v -> attempt(notification, copy, attempt + 1, null, done));
      }
    });
  }

  /**
   * One POST, signed as WeChat Pay signs each attempt: afresh, unless it was signed when sent and held up on the way
   * for less than a minute; yields the merchant's status.
   */
  private Future<Integer> post(Notification notification, Future<PlatformSigner.Signed> signedWhenSent) {
    RequestOptions options;
    try {
      options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(notification.url())
          .setConnectTimeout(CONNECTION_WAIT_MILLIS).setIdleTimeout(ANSWER_TIMEOUT_MILLIS);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Future<PlatformSigner.Signed> signature = signedWhenSent == null ? signer.sign(notification.body())
        : signedWhenSent.compose(signed -> clock.instant().getEpochSecond() - Long.parseLong(signed.timestamp())
            <= SIGNATURE_KEPT_SECONDS ? Future.succeededFuture(signed) : signer.sign(notification.body()));
    return signature.compose(signed -> client.request(options).compose(request -> {
      signed.addTo(request.headers());
      request.putHeader("Content-Type", "application/json").putHeader("User-Agent", "Mozilla/4.0");
      return request.send(notification.body())
          .compose(response -> response.body().map(ignored -> response.statusCode()));
    }));
  }

  private Future<Void> after(Duration delay) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> elapsed.complete());
    return elapsed.future();
  }
}
