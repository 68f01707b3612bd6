package app.tableloop.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phones of the demo day: JSON over HTTP to the service's public API, as the mini-program sends it, and to the
 * WeChat simulator's {@code /sim} endpoints for what WeChat does on the phone (wx.login, paying). Any answer that is
 * not a success fails the day, naming the call and the problem the service gave.
 */
final class DemoClient implements AutoCloseable {
  private static final long TIMEOUT_MILLIS = 15_000;

  private final WebClient client;
  private final String serviceUrl;
  private final String simulatorUrl;
  private final Map<String, Future<SignedIn>> signedIn = new ConcurrentHashMap<>();

  DemoClient(Vertx vertx, String serviceUrl, String simulatorUrl) {
    this.client = WebClient.create(vertx);
    this.serviceUrl = serviceUrl;
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
    String prepayId = requestPayment.getString("package").replaceFirst("^prepay_id=", "");
    return send(HttpMethod.POST, simulatorUrl + "/sim/pay/pay", null, new JsonObject().put("prepay_id", prepayId))
        .mapEmpty();
  }

  Future<JsonObject> get(String path, String token) {
    return send(HttpMethod.GET, serviceUrl + path, token, null);
  }

  Future<JsonObject> post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, serviceUrl + path, token, body);
  }

  private Future<JsonObject> send(HttpMethod method, String url, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(TIMEOUT_MILLIS);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return Future.failedFuture(new IllegalStateException(method + " " + url + " answered "
            + response.statusCode() + ": " + response.bodyAsString()));
      }
      Buffer answer = response.body();
      return Future.succeededFuture(answer == null || answer.length() == 0 ? new JsonObject() : answer.toJsonObject());
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
