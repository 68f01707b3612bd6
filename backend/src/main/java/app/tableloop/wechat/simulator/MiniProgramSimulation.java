package app.tableloop.wechat.simulator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The mini-program server APIs as WeChat answers them: access tokens (plain and stable), wx.login code exchange,
 * unlimited mini-program codes, subscribe messages, phone numbers and the content check, each with WeChat's own
 * error codes. The {@code /sim/...} endpoints do what a diner's phone would (log in, accept a template, share a
 * phone number) and let tests look at what was sent.
 */
public final class MiniProgramSimulation {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** WeChat keeps a replaced access token valid for five more minutes. */
  private static final java.time.Duration TOKEN_OVERLAP = java.time.Duration.ofMinutes(5);
  private static final int MAX_SCENE_LENGTH = 32;
  /** How many code exchanges are kept for tests to look at: the simulator may serve a benchmark's millions. */
  public static final int RECENT_CODE_EXCHANGES = 1_000;

  private final SimulatedAccount account;
  private final SimulatorSettings settings;
  private final Clock clock;

  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private volatile String latestToken;
  private final AtomicInteger tokenRequests = new AtomicInteger();
  /** Codes minted and not used yet; a code is gone at the end of its lifetime, as WeChat's is. */
  private final Cache<String, LoginCode> loginCodes;
  /** Codes exchanged already, for as long as they would have lived: a second use is told apart from a stranger. */
  private final Cache<String, Boolean> usedCodes;
  private final Deque<Map<String, List<String>>> codeExchanges = new ArrayDeque<>();
  private final Map<String, String> phoneCodes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> acceptances = new ConcurrentHashMap<>();
  private final List<JsonObject> subscribeMessages = new CopyOnWriteArrayList<>();
  private final Deque<Instant> recentSubscribeSends = new ArrayDeque<>();

  private record LoginCode(String user, boolean withUnionId) {
  }

  MiniProgramSimulation(SimulatedAccount account, SimulatorSettings settings, Clock clock) {
    this.account = account;
    this.settings = settings;
    this.clock = clock;
    this.loginCodes = forCodeLifetime(settings, clock);
    this.usedCodes = forCodeLifetime(settings, clock);
  }

  /** Entries that live as long as a login code, by the simulator's clock (which tests move on). */
  private static <V> Cache<String, V> forCodeLifetime(SimulatorSettings settings, Clock clock) {
    return Caffeine.newBuilder()
        .expireAfterWrite(settings.loginCodeLifetime())
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  void mount(Router router) {
    router.get("/cgi-bin/token").handler(this::token);
    router.post("/cgi-bin/stable_token").handler(this::stableToken);
    router.get("/sns/jscode2session").handler(this::codeToSession);
    router.post("/wxa/getwxacodeunlimit").handler(rc -> withToken(rc, this::unlimitedCode));
    router.post("/cgi-bin/message/subscribe/send").handler(rc -> withToken(rc, this::sendSubscribeMessage));
    router.post("/wxa/business/getuserphonenumber").handler(rc -> withToken(rc, this::phoneNumber));
    router.post("/wxa/msg_sec_check").handler(rc -> withToken(rc, this::contentCheck));

    router.post("/sim/login-code").handler(this::mintLoginCode);
    router.post("/sim/phone-code").handler(this::mintPhoneCode);
    router.post("/sim/subscribe-accept").handler(this::acceptTemplate);
    router.get("/sim/subscribe-messages").handler(rc -> rc.json(new JsonArray(List.copyOf(subscribeMessages))));
    router.post("/sim/expire-tokens").handler(rc -> {
      expireTokens();
      rc.json(new JsonObject().put("expired", true));
    });
  }

  /** How many access tokens were handed out, plain and stable: a cluster sharing its token asks once. */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** The openid the simulated mini-program gives {@code user}: stable, and different in another AppID. */
  public String openIdOf(String user) {
    return "o" + digest(account.appId + ":" + user).substring(0, 27);
  }

  /** Every access token handed out so far, live or expired. */
  public Set<String> accessTokens() {
    return Set.copyOf(tokens.keySet());
  }

  /**
   * The query of each of the latest jscode2session requests received (up to {@value #RECENT_CODE_EXCHANGES}), each
   * parameter with all its values, oldest first.
   */
  public List<Map<String, List<String>>> codeExchanges() {
    synchronized (codeExchanges) {
      return List.copyOf(codeExchanges);
    }
  }

  /** How many login codes the simulator still holds, unused or used: none outlives its lifetime. */
  public long codesHeld() {
    loginCodes.cleanUp();
    usedCodes.cleanUp();
    return loginCodes.estimatedSize() + usedCodes.estimatedSize();
  }

  /** Makes every access token handed out so far expired, as if two hours had passed. */
  public void expireTokens() {
    Instant now = clock.instant();
    tokens.replaceAll((token, expiry) -> now.minusSeconds(1));
  }

  /** What the diner's tap on "accept" in wx.requestSubscribeMessage gives WeChat: one more message of the template. */
  public void acceptSubscription(String openId, String templateId) {
    acceptances.computeIfAbsent(openId + "|" + templateId, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Every subscribe message sent so far, as WeChat received it (with {@code sent_at}), oldest first. */
  public List<JsonObject> subscribeMessages() {
    return List.copyOf(subscribeMessages);
  }

  /** What a diner's wx.login would return for {@code user}: a code valid once, for five minutes. */
  public String loginCode(String user, boolean withUnionId) {
    String code = randomToken(24);
    loginCodes.put(code, new LoginCode(user, withUnionId));
    return code;
  }

  /** What a diner's phone button (getPhoneNumber) returns when they share {@code phone}: a code valid once. */
  public String phoneCode(String phone) {
    String code = randomToken(24);
    phoneCodes.put(code, phone);
    return code;
  }

  // --- access tokens ---

  private void token(RoutingContext rc) {
    Optional<JsonObject> refused = checkCredentials(rc.queryParams().get("appid"), rc.queryParams().get("secret"));
    if (refused.isPresent()) {
      rc.json(refused.get());
      return;
    }
    if (!"client_credential".equals(rc.queryParams().get("grant_type"))) {
      rc.json(error(40002, "invalid grant_type"));
      return;
    }
    rc.json(issueToken());
  }

  private void stableToken(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    if (body == null) {
      rc.json(error(47001, "data format error"));
      return;
    }
    Optional<JsonObject> refused = checkCredentials(body.getString("appid"), body.getString("secret"));
    if (refused.isPresent()) {
      rc.json(refused.get());
      return;
    }
    String current = latestToken;
    Instant expiry = current == null ? null : tokens.get(current);
    if (!body.getBoolean("force_refresh", false) && expiry != null && expiry.isAfter(clock.instant())) {
      // The stable token is the same one until it expires or a refresh is forced.
      tokenRequests.incrementAndGet();
      rc.json(new JsonObject().put("access_token", current)
          .put("expires_in", Math.max(1, expiry.getEpochSecond() - clock.instant().getEpochSecond())));
      return;
    }
    rc.json(issueToken());
  }

  private JsonObject issueToken() {
    tokenRequests.incrementAndGet();
    Instant now = clock.instant();
    String previous = latestToken;
    if (previous != null) {
      tokens.computeIfPresent(previous, (token, expiry) ->
          expiry.isBefore(now.plus(TOKEN_OVERLAP)) ? expiry : now.plus(TOKEN_OVERLAP));
    }
    String token = randomToken(48);
    tokens.put(token, now.plus(settings.tokenLifetime()));
    latestToken = token;
    return new JsonObject().put("access_token", token).put("expires_in", settings.tokenLifetime().toSeconds());
  }

  private Optional<JsonObject> checkCredentials(String appId, String secret) {
    if (!account.appId.equals(appId)) {
      return Optional.of(error(40013, "invalid appid"));
    }
    if (!account.appSecret.equals(secret)) {
      return Optional.of(error(40125, "invalid appsecret"));
    }
    return Optional.empty();
  }

  /** Runs {@code api} only for a request carrying a live access token, answering WeChat's errors otherwise. */
  private void withToken(RoutingContext rc, java.util.function.Consumer<RoutingContext> api) {
    String token = rc.queryParams().get("access_token");
    if (token == null || token.isEmpty()) {
      rc.json(error(41001, "access_token missing"));
      return;
    }
    Instant expiry = tokens.get(token);
    if (expiry == null) {
      rc.json(error(40001, "invalid credential, access_token is invalid or not latest"));
    } else if (!expiry.isAfter(clock.instant())) {
      rc.json(error(42001, "access_token expired"));
    } else {
      api.accept(rc);
    }
  }

  // --- wx.login ---

  private void codeToSession(RoutingContext rc) {
    Map<String, List<String>> query = rc.queryParams().names().stream()
        .collect(Collectors.toUnmodifiableMap(name -> name, name -> List.copyOf(rc.queryParams().getAll(name))));
    synchronized (codeExchanges) {
      codeExchanges.addLast(query);
      if (codeExchanges.size() > RECENT_CODE_EXCHANGES) {
        codeExchanges.removeFirst();
      }
    }
    Optional<JsonObject> refused = checkCredentials(rc.queryParams().get("appid"), rc.queryParams().get("secret"));
    if (refused.isPresent()) {
      rc.json(refused.get());
      return;
    }
    String code = rc.queryParams().get("js_code");
    if (code == null || code.isEmpty()) {
      rc.json(error(41008, "missing code"));
      return;
    }
    if (usedCodes.getIfPresent(code) != null) {
      rc.json(error(40163, "code been used"));
      return;
    }
    LoginCode login = loginCodes.asMap().remove(code);
    if (login == null) {
      rc.json(error(40029, "invalid code"));
      return;
    }
    usedCodes.put(code, true);
    JsonObject session = new JsonObject()
        .put("openid", openIdOf(login.user()))
        .put("session_key", Base64.getEncoder().encodeToString(randomBytes(16)));
    if (login.withUnionId()) {
      session.put("unionid", "u" + digest("union:" + login.user()).substring(0, 27));
    }
    rc.json(session);
  }

  private void mintLoginCode(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    String user = body == null ? null : body.getString("user");
    if (user == null || user.isBlank()) {
      rc.response().setStatusCode(400);
      rc.json(error(40097, "user is required"));
      return;
    }
    String code = loginCode(user, body.getBoolean("unionid", false));
    rc.json(new JsonObject().put("code", code).put("openid", openIdOf(user)));
  }

  // --- mini-program codes ---

  private void unlimitedCode(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    if (body == null) {
      rc.json(error(47001, "data format error"));
      return;
    }
    String scene = body.getString("scene", "");
    if (scene.isEmpty() || scene.length() > MAX_SCENE_LENGTH) {
      rc.json(error(40169, "invalid length for scene, or the data is not json string"));
      return;
    }
    String page = body.getString("page", "");
    boolean checkPath = body.getBoolean("check_path", true);
    if (page.startsWith("/") || (!page.isEmpty() && checkPath && !settings.miniProgramPages().contains(page))) {
      rc.json(error(41030, "invalid page rid: " + randomToken(8)));
      return;
    }
    int width = Math.max(280, Math.min(1280, body.getInteger("width", 430)));
    try {
      QRCodeWriter writer = new QRCodeWriter();
      BitMatrix matrix = writer.encode(scene, BarcodeFormat.QR_CODE, width, width,
          Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2));
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "PNG", png);
      rc.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png.toByteArray()));
    } catch (WriterException | IOException e) {
      rc.json(error(-1, "system error"));
    }
  }

  // --- subscribe messages ---

  private void acceptTemplate(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    if (body == null || body.getString("template_id") == null
        || (body.getString("user") == null && body.getString("openid") == null)) {
      rc.response().setStatusCode(400);
      rc.json(error(40097, "user (or openid) and template_id are required"));
      return;
    }
    String openId = body.getString("openid", body.getString("user") == null ? null : openIdOf(body.getString("user")));
    int accepted = acceptances.computeIfAbsent(openId + "|" + body.getString("template_id"), k -> new AtomicInteger())
        .addAndGet(body.getInteger("times", 1));
    rc.json(new JsonObject().put("openid", openId).put("accepted", accepted));
  }

  private void sendSubscribeMessage(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    if (body == null || body.getString("touser") == null || body.getString("template_id") == null) {
      rc.json(error(47003, "argument invalid! data.touser or template_id is required"));
      return;
    }
    if (!withinQuota()) {
      rc.json(error(45009, "reach max api daily quota limit"));
      return;
    }
    AtomicInteger remaining = acceptances.get(body.getString("touser") + "|" + body.getString("template_id"));
    if (remaining == null || remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      rc.json(error(43101, "user refuse to accept the msg"));
      return;
    }
    subscribeMessages.add(body.copy().put("sent_at", clock.instant().toString()));
    rc.json(new JsonObject().put("errcode", 0).put("errmsg", "ok").put("msgid", RANDOM.nextLong() & Long.MAX_VALUE));
  }

  private synchronized boolean withinQuota() {
    Instant now = clock.instant();
    while (!recentSubscribeSends.isEmpty() && recentSubscribeSends.peekFirst().isBefore(now.minusSeconds(60))) {
      recentSubscribeSends.pollFirst();
    }
    if (recentSubscribeSends.size() >= settings.subscribeQuotaPerMinute()) {
      return false;
    }
    recentSubscribeSends.addLast(now);
    return true;
  }

  // --- phone numbers ---

  private void mintPhoneCode(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    String phone = body == null ? null : body.getString("phone");
    if (phone == null || !phone.matches("\\+?\\d{6,15}")) {
      rc.response().setStatusCode(400);
      rc.json(error(40097, "phone must be digits, optionally with a leading +country code"));
      return;
    }
    rc.json(new JsonObject().put("code", phoneCode(phone)));
  }

  private void phoneNumber(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    String phone = body == null ? null : phoneCodes.remove(body.getString("code", ""));
    if (phone == null) {
      rc.json(error(40029, "invalid code"));
      return;
    }
    String countryCode = phone.startsWith("+") ? phone.substring(1, phone.length() - 11) : "86";
    String pure = phone.startsWith("+") ? phone.substring(phone.length() - 11) : phone;
    rc.json(new JsonObject().put("errcode", 0).put("errmsg", "ok").put("phone_info", new JsonObject()
        .put("phoneNumber", phone.startsWith("+") ? phone : pure)
        .put("purePhoneNumber", pure)
        .put("countryCode", countryCode.isEmpty() ? "86" : countryCode)
        .put("watermark", new JsonObject().put("timestamp", clock.instant().getEpochSecond())
            .put("appid", account.appId))));
  }

  // --- content check ---

  private void contentCheck(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    String content = body == null ? null : body.getString("content");
    if (content == null) {
      rc.json(error(47001, "data format error"));
      return;
    }
    Optional<String> hit = settings.sensitiveWords().stream().filter(content::contains).findFirst();
    // WxJava sends the version as a string, WeChat's documentation as a number: accept both.
    if ("2".equals(String.valueOf(body.getValue("version", 1)))) {
      JsonObject result = new JsonObject().put("suggest", hit.isPresent() ? "risky" : "pass")
          .put("label", hit.isPresent() ? 20006 : 100);
      JsonArray detail = new JsonArray().add(new JsonObject().put("strategy", "keyword").put("errcode", 0)
          .put("suggest", result.getString("suggest")).put("label", result.getInteger("label"))
          .put("keyword", hit.orElse(null)));
      rc.json(new JsonObject().put("errcode", 0).put("errmsg", "ok").put("result", result).put("detail", detail)
          .put("trace_id", randomToken(16)));
    } else if (hit.isPresent()) {
      rc.json(error(87014, "risky content"));
    } else {
      rc.json(new JsonObject().put("errcode", 0).put("errmsg", "ok"));
    }
  }

  // --- helpers ---

  static JsonObject error(int code, String message) {
    return new JsonObject().put("errcode", code).put("errmsg", message);
  }

  /** The JSON object body, or null: WeChat answers a malformed body with its own error code, per endpoint. */
  private static JsonObject jsonBody(RoutingContext rc) {
    return JsonBodies.object(rc.body().buffer()).orElse(null);
  }

  private static String randomToken(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String digest(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).replace('-', 'x').replace('_', 'y');
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
