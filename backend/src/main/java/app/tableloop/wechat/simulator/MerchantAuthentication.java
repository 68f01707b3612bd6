package app.tableloop.wechat.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the merchant's signature on an API v3 request, as WeChat Pay does before anything else: the
 * {@code WECHATPAY2-SHA256-RSA2048} Authorization over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}, where URL is the
 * path with its query, made with the key of the merchant and certificate serial it names, within five minutes.
 */
final class MerchantAuthentication {
  static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
  private static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final SimulatedAccount account;
  private final Clock clock;

  MerchantAuthentication(SimulatedAccount account, Clock clock) {
    this.account = account;
    this.clock = clock;
  }

  /** Why the request is refused (401 SIGN_ERROR), or empty when its signature holds. */
  Optional<String> refusal(String method, String requestTarget, String authorization, String body) {
    if (authorization == null || !authorization.startsWith(SCHEMA + " ")) {
      return Optional.of("Authorization 头缺失或认证类型不是 " + SCHEMA);
    }
    Map<String, String> token = parameters(authorization.substring(SCHEMA.length() + 1));
    String mchId = token.get("mchid");
    String nonce = token.get("nonce_str");
    String timestamp = token.get("timestamp");
    String serial = token.get("serial_no");
    String signature = token.get("signature");
    if (mchId == null || nonce == null || timestamp == null || serial == null || signature == null) {
      return Optional.of("Authorization 头缺少 mchid、nonce_str、timestamp、serial_no 或 signature");
    }
    if (!account.mchId.equals(mchId)) {
      return Optional.of("商户号 mchid 与签名商户不符");
    }
    if (!account.merchantSerial.equalsIgnoreCase(serial)) {
      return Optional.of("商户证书序列号有误。请使用签名私钥匹配的证书序列号");
    }
    if (!timestamp.matches("\\d{1,12}")
        || Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > MAX_SKEW.toSeconds()) {
      return Optional.of("请求的时间戳 timestamp 与当前时间相差超过 5 分钟");
    }
    Optional<String> canonicalUrl = canonicalUrl(requestTarget);
    if (canonicalUrl.isEmpty()) {
      return Optional.of("请求的 URL 无法解析");
    }
    String message = method + "\n" + canonicalUrl.get() + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
    if (!PayCrypto.verify(account.merchantKeys.getPublic(), message, signature)) {
      return Optional.of("错误的签名，验签失败");
    }
    return Optional.empty();
  }

  /** The path and query a client signs; proxied requests arrive in absolute form, with scheme and host. */
  static Optional<String> canonicalUrl(String requestTarget) {
    try {
      URI uri = new URI(requestTarget);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> parameters(String token) {
    Map<String, String> values = new HashMap<>();
    Matcher matcher = PARAMETER.matcher(token);
    while (matcher.find()) {
      values.put(matcher.group(1), matcher.group(2));
    }
    return values;
  }
}
