package app.tableloop.wechat.simulator;

import app.tableloop.wechat.MerchantCredentials;
import app.tableloop.wechat.WeChatConnection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * How a backend instance talks to a simulator, its own or one another instance runs (several instances, one simulated
 * WeChat): the simulated mini-program's and merchant's credentials, which the simulator serves at
 * {@code GET /sim/connection}. They are simulated ones, valid at that simulator only; the simulator listens on
 * loopback.
 */
public final class SimulatedConnection {
  static final String PATH = "/sim/connection";

  private SimulatedConnection() {
  }

  /** The WxJava clients' connection to the simulator at {@code baseUrl} ({@code http://host:port}). */
  static WeChatConnection to(String baseUrl, String appId, String appSecret, MerchantCredentials merchant) {
    URI address = URI.create(baseUrl);
    return new WeChatConnection(appId, appSecret, merchant, Optional.of(baseUrl),
        "http://" + WeChatSimulator.PAY_HOST,
        Optional.of(new WeChatConnection.HostPort(address.getHost(), address.getPort())));
  }

  /** What {@code GET /sim/connection} answers. */
  static JsonObject describe(SimulatedAccount account) {
    MerchantCredentials merchant = account.merchantCredentials();
    JsonObject json = new JsonObject().put("app_id", account.appId()).put("app_secret", account.appSecret())
        .put("mch_id", merchant.mchId()).put("merchant_private_key", merchant.privateKeyPem())
        .put("merchant_serial", merchant.certificateSerial()).put("api_v3_key", merchant.apiV3Key());
    merchant.payPublicKey().ifPresent(key -> json.put("pay_public_key_id", key.id()).put("pay_public_key", key.pem()));
    return json;
  }

  /**
   * Asks the simulator at {@code baseUrl} for its credentials (blocking, at start) and answers the connection to it.
   *
   * @throws IllegalStateException when no simulator answers there
   */
  public static WeChatConnection fetch(String baseUrl, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PATH)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(timeout).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the WeChat simulator at " + baseUrl + " (WECHAT_SIMULATOR_URL) answered "
            + response.statusCode() + " to " + PATH);
      }
      return from(baseUrl, new JsonObject(response.body()));
    } catch (IOException | DecodeException e) {
      throw new IllegalStateException("no WeChat simulator answers at " + baseUrl + " (WECHAT_SIMULATOR_URL): "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static WeChatConnection from(String baseUrl, JsonObject json) {
    Optional<MerchantCredentials.PayPublicKey> publicKey = Optional.ofNullable(json.getString("pay_public_key_id"))
        .map(id -> new MerchantCredentials.PayPublicKey(id, json.getString("pay_public_key")));
    MerchantCredentials merchant = new MerchantCredentials(json.getString("mch_id"),
        json.getString("merchant_private_key"), json.getString("merchant_serial"), json.getString("api_v3_key"),
        publicKey);
    return to(baseUrl, json.getString("app_id"), json.getString("app_secret"), merchant);
  }
}
