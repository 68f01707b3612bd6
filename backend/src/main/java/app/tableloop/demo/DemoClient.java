package app.tableloop.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The phones of the demo day: JSON over HTTP to the service's public API, as the mini-program sends it, and to the
 * WeChat simulator's {@code /sim} endpoints for what WeChat does on the phone (wx.login, paying), and the live feeds
 * (WebSockets, as wx.connectSocket opens them) at the same address. Any answer that is not a success fails the day,
 * naming the call and the problem the service gave.
 */
final class DemoClient implements AutoCloseable {
  private static final long TIMEOUT_MILLIS = 15_000;

  private final Vertx vertx;
  private final WebClient client;
  private final WebSocketClient webSockets;
  private final String serviceUrl;
  private final String simulatorUrl;
  private final Map<String, Future<SignedIn>> signedIn = new ConcurrentHashMap<>();

  DemoClient(Vertx vertx, String serviceUrl, String simulatorUrl) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.webSockets = vertx.createWebSocketClient();
    this.serviceUrl = serviceUrl.replaceFirst("/+$", "");
    this.simulatorUrl = simulatorUrl;
  }

  /** A WeChat user of the simulator signs in to the service: wx.login, then the mini-program's sign-in call. */
  Future<String> signIn(String user) {
    return signInWithOpenId(user).map(SignedIn::token);
  }

  /** A signed-in WeChat user: their session's token and the openid WeChat knows them by. */
  record SignedIn(String token, String openid) {
  }

  /**
   * Signs the user in once for the whole seeding: the service limits sign-ins per address, and every phone of the
   * demo signs in from this one.
   */
  Future<SignedIn> signInWithOpenId(String user) {
    Future<SignedIn> known = signedIn.get(user);
    if (known != null) {
      return known;
    }
    Future<SignedIn> fresh = signInAgain(user);
    signedIn.put(user, fresh);
    fresh.onFailure(failure -> signedIn.remove(user, fresh));
    return fresh;
  }

  private Future<SignedIn> signInAgain(String user) {
    return send(HttpMethod.POST, simulatorUrl + "/sim/login-code", null, new JsonObject().put("user", user))
        .compose(login -> post("/api/v1/auth/wechat", null, new JsonObject().put("code", login.getString("code")))
            .map(session -> new SignedIn(session.getString("token"), login.getString("openid"))));
  }

  /** The diner taps the mini-program's phone button and shares {@code phone}: the code WeChat hands the page. */
  Future<String> phoneCode(String phone) {
    return send(HttpMethod.POST, simulatorUrl + "/sim/phone-code", null, new JsonObject().put("phone", phone))
        .map(answer -> answer.getString("code"));
  }

  /** The diner confirms wx.requestPayment in WeChat: the simulated WeChat Pay takes the money. */
  Future<Void> payInWeChat(JsonObject requestPayment) {
    return send(HttpMethod.POST, simulatorUrl + "/sim/pay/pay", null,
        new JsonObject().put("prepay_id", prepayId(requestPayment))).mapEmpty();
  }

  /** The prepay id the service's wx.requestPayment arguments carry (in {@code package}, as {@code prepay_id=…}). */
  static String prepayId(JsonObject requestPayment) {
    return requestPayment.getString("package").replaceFirst("^prepay_id=", "");
  }

  /** The service's address, as the phones reach it. */
  String serviceUrl() {
    return serviceUrl;
  }

  Future<JsonObject> get(String path, String token) {
    return send(HttpMethod.GET, serviceUrl + path, token, null);
  }

  Future<JsonObject> post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, serviceUrl + path, token, body);
  }

  /** An answer that is not a success, with its status. */
  static final class Refused extends IllegalStateException {
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** Opens the live feed at {@code path} of the service, as the signed-in user; it collects every message it gets. */
  Future<Feed> watch(String path, String token) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setAbsoluteURI(serviceUrl.replaceFirst("^http", "ws") + path)
        .addHeader("Authorization", "Bearer " + token)
        .setTimeout(TIMEOUT_MILLIS);
    Feed feed = new Feed();
    ClientWebSocket socket = webSockets.webSocket();
    // Frames, not textMessageHandler: the latter, set before connecting, never fires on this client.
    StringBuilder pending = new StringBuilder();
    socket.frameHandler(frame -> {
      if (frame.isText() || frame.isContinuation()) {
        pending.append(frame.textData());
        if (frame.isFinal()) {
          feed.received(new JsonObject(pending.toString()));
          pending.setLength(0);
        }
      }
    });
    return socket.connect(options)
        .recover(failure -> Future.failedFuture(new IllegalStateException("WebSocket " + path + ": "
            + failure.getMessage())))
        .map(connected -> feed.on(connected));
  }

  /** The messages of one live feed, kept, so that a message that came before anyone asked for it still counts. */
  final class Feed {
    private final List<JsonObject> messages = new ArrayList<>();
    private final List<Waiting> waiting = new ArrayList<>();
    private WebSocket socket;

    private record Waiting(Predicate<JsonObject> matching, Promise<JsonObject> found) {
    }

    private Feed on(WebSocket connected) {
      this.socket = connected;
      return this;
    }

    private synchronized void received(JsonObject message) {
      messages.add(message);
      // A wait that timed out is done with, as is one this message answers.
      waiting.removeIf(wait -> wait.found().future().isComplete()
          || wait.matching().test(message) && wait.found().tryComplete(message));
    }

    /** The first message so far, or to come within {@code within}, that matches. */
    synchronized Future<JsonObject> seen(Predicate<JsonObject> matching, Duration within) {
      for (JsonObject message : messages) {
        if (matching.test(message)) {
          return Future.succeededFuture(message);
        }
      }
      Promise<JsonObject> found = Promise.promise();
      waiting.add(new Waiting(matching, found));
      long timer = vertx.setTimer(within.toMillis(), late -> found.tryFail(
          new IllegalStateException("no such message on the live feed within " + within.toSeconds() + " s")));
      return found.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    Future<Void> close() {
      return socket == null || socket.isClosed() ? Future.succeededFuture() : socket.close();
    }
  }

  private Future<JsonObject> send(HttpMethod method, String url, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(TIMEOUT_MILLIS);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return Future.failedFuture(new Refused(response.statusCode(), method + " " + url + " answered "
            + response.statusCode() + ": " + response.bodyAsString()));
      }
      Buffer answer = response.body();
      return Future.succeededFuture(answer == null || answer.length() == 0 ? new JsonObject() : answer.toJsonObject());
    });
  }

  @Override
  public void close() {
    client.close();
    webSockets.close();
  }
}
