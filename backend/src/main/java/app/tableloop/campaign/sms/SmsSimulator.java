package app.tableloop.campaign.sms;

import app.tableloop.platform.redis.Redis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.redisson.api.RList;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud SMS as dev and tests meet it: an HTTP endpoint on loopback speaking SendSms (API 2021-01-11) with
 * TC3-HMAC-SHA256 signatures checked as the real service checks them, so the live provider is what talks to it. It
 * keeps every text it would have delivered, rendered from the template (which carries 退订回T), for tests to read.
 * {@code GET /sim/texts} lists them for trying flows by hand (the log names the address).
 * A second SendSms with a session context it already accepted is answered as the first was and delivers nothing more:
 * the record by our id that tells a resend from a new message.
 */
public final class SmsSimulator {
  public static final String SECRET_ID = "AKIDsimulator";
  public static final String SDK_APP_ID = "1400000000";
  public static final String SIGN_NAME = "TableLoop";
  public static final String TEMPLATE_ID = "100001";
  /** The approved marketing template: the message, then the opt-out every marketing SMS must carry. */
  public static final String TEMPLATE = "{1}退订回T";
  private static final Logger LOG = LoggerFactory.getLogger(SmsSimulator.class);
  private static final long CLOCK_SKEW_SECONDS = 300;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** One SMS as a phone would receive it. */
  public record Text(String sessionContext, String phone, String signName, String text, String serialNo) {
  }

  private final String secretKey = UUID.randomUUID().toString().replace("-", "");
  private final Clock clock;
  private final Redis redis;
  private HttpServer server;

  /**
   * @param redis where the texts and the serial number of each session context are kept (under the deployment's key
   *              prefix), so that they outlive a backend killed mid-dispatch and a resend after its restart is still
   *              recognised
   */
  public SmsSimulator(Clock clock, Redis redis) {
    this.clock = clock;
    this.redis = redis;
  }

  private RList<String> textList() {
    return redis.client().getList("sms-simulator:texts", StringCodec.INSTANCE);
  }

  private RMap<String, String> sessions() {
    return redis.client().getMap("sms-simulator:sessions", StringCodec.INSTANCE);
  }

  public Future<SmsSimulator> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .map(started -> {
          server = started;
          LOG.info("SMS simulator at http://127.0.0.1:{} (texts: GET /sim/texts)", started.actualPort());
          return this;
        });
  }

  /** Settings that point the live provider at this simulator. */
  public SmsSettings settings(int perSecond) {
    return new SmsSettings(SECRET_ID, secretKey, SDK_APP_ID, SIGN_NAME, TEMPLATE_ID, "ap-guangzhou",
        "127.0.0.1:" + server.actualPort(), "http://", perSecond);
  }

  /** Every text delivered so far, oldest first (a blocking read, for tests). */
  public List<Text> texts() {
    return textList().readAll().stream().map(SmsSimulator::text).toList();
  }

  private static Text text(String json) {
    JsonObject text = new JsonObject(json);
    return new Text(text.getString("session_context"), text.getString("phone"), text.getString("sign_name"),
        text.getString("text"), text.getString("serial_no"));
  }

  private static JsonObject json(Text text) {
    return new JsonObject().put("session_context", text.sessionContext()).put("phone", text.phone())
        .put("sign_name", text.signName()).put("text", text.text()).put("serial_no", text.serialNo());
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    if (request.method() == HttpMethod.GET && "/sim/texts".equals(request.path())) {
      redis.future(textList().readAllAsync())
          .onSuccess(all -> request.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("items", new JsonArray(all.stream().map(JsonObject::new).toList())).encode()))
          .onFailure(failure -> request.response().setStatusCode(500).end());
      return;
    }
    request.body().onSuccess(body -> {
      String refusal = refusal(request, body);
      if (refusal != null) {
        answer(request, new JsonObject().put("Error", new JsonObject().put("Code", refusal)
            .put("Message", refusal)));
        return;
      }
      JsonObject payload = body.toJsonObject();
      JsonArray phones = payload.getJsonArray("PhoneNumberSet", new JsonArray());
      if (!SDK_APP_ID.equals(payload.getString("SmsSdkAppId")) || !TEMPLATE_ID.equals(payload.getString("TemplateId"))
          || !SIGN_NAME.equals(payload.getString("SignName")) || phones.size() != 1) {
        answer(request, new JsonObject().put("Error", new JsonObject()
            .put("Code", "InvalidParameterValue.TemplateParameterFormatError").put("Message", "bad parameters")));
        return;
      }
      String phone = phones.getString(0);
      String session = payload.getString("SessionContext", "");
      Text text = rendered(session, phone, payload);
      // The first SendSms with a session context delivers; a later one is answered with the first's serial number.
      Future<String> serial = session.isEmpty() ? Future.succeededFuture(null)
          : redis.future(sessions().putIfAbsentAsync(session, text.serialNo()));
      serial.compose(earlier -> earlier != null ? Future.succeededFuture(earlier)
              : redis.future(textList().addAsync(json(text).encode())).map(added -> text.serialNo()))
          .onSuccess(serialNo -> answer(request, new JsonObject().put("SendStatusSet", new JsonArray().add(
              new JsonObject().put("SerialNo", serialNo).put("PhoneNumber", phone).put("Fee", 1)
                  .put("SessionContext", session).put("Code", "Ok").put("Message", "send success")
                  .put("IsoCode", "CN")))))
          .onFailure(failure -> request.response().setStatusCode(500).end());
    });
  }

  private Text rendered(String session, String phone, JsonObject payload) {
    String rendered = TEMPLATE;
    JsonArray params = payload.getJsonArray("TemplateParamSet", new JsonArray());
    for (int i = 0; i < params.size(); i++) {
      rendered = rendered.replace("{" + (i + 1) + "}", params.getString(i));
    }
    return new Text(session, phone, SIGN_NAME, "【" + SIGN_NAME + "】" + rendered,
        "2433:" + UUID.randomUUID().toString().replace("-", ""));
  }

  /** Why the request is refused, in the provider's codes; null when it is well signed, fresh and a SendSms. */
  private String refusal(HttpServerRequest request, Buffer body) {
    String authorization = request.getHeader("Authorization");
    String timestamp = request.getHeader("X-TC-Timestamp");
    if (authorization == null || timestamp == null || !"SendSms".equals(request.getHeader("X-TC-Action"))) {
      return "AuthFailure.SignatureFailure";
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException bad) {
      return "AuthFailure.SignatureFailure";
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > CLOCK_SKEW_SECONDS) {
      return "AuthFailure.SignatureExpire";
    }
    String host = request.getHeader("Host");
    String service = host.split("\\.")[0];
    String scope = DATE.format(Instant.ofEpochSecond(seconds)) + "/" + service + "/tc3_request";
    if (!authorization.startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/" + scope + ", ")) {
      return "AuthFailure.SecretIdNotFound";
    }
    String canonical = request.method().name() + "\n/\n\ncontent-type:" + request.getHeader("Content-Type")
        + "\nhost:" + host + "\n\ncontent-type;host\n" + sha256Hex(body.getBytes());
    String toSign = "TC3-HMAC-SHA256\n" + seconds + "\n" + scope + "\n"
        + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8),
        DATE.format(Instant.ofEpochSecond(seconds)));
    key = hmac(hmac(key, service), "tc3_request");
    String expected = "Signature=" + HexFormat.of().formatHex(hmac(key, toSign));
    return MessageDigest.isEqual(authorization.substring(authorization.lastIndexOf(' ') + 1)
        .getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8)) ? null
        : "AuthFailure.SignatureFailure";
  }

  private static void answer(HttpServerRequest request, JsonObject response) {
    request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("Response", response.put("RequestId", UUID.randomUUID().toString())).encode());
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
