package app.tableloop.platform.logging;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text on its way to the log, whoever wrote it: WxJava logs the URLs and bodies it sends (the
 * AppSecret and wx.login code in jscode2session's query, access tokens in every other) and puts them in its exception
 * messages. The values of credential parameters, JSON fields and headers become {@code ***}; the names stay, so a
 * line still says what was sent.
 */
public final class LoggedSecrets {
  static final String MASK = "***";
  private static final String NAMES = "secret|appsecret|app_secret|access_token|refresh_token|js_code|"
      + "session_key|sign|paysign|pay_sign|signature|api_v3_key|apiv3key|mch_key|private_key|password|token|"
      // Not a credential, but personal data WeChat hands back (getuserphonenumber) that a log must not keep.
      + "phonenumber|purephonenumber";
  /** A kind of credential, and a character its text cannot do without: most lines lack it and skip the pattern. */
  private record Secret(Pattern pattern, String needs) {
  }

  private static final List<Secret> SECRETS = List.of(
      // URL query or form parameters (and a map's toString): secret=..., access_token=..., and the login code in
      // code=...; a value is quoted, or stops at the next parameter, a quote or a bracket.
      new Secret(Pattern.compile("(?i)(?<![A-Za-z0-9_])(" + NAMES + "|code)=(\"[^\"]*\"|[^&\\s\"',;)}\\]]*)"), "="),
      // JSON fields: "secret":"...", "access_token" : "..." ("code" stays readable there: WeChat Pay's error codes).
      new Secret(Pattern.compile("(?i)(\"(?:" + NAMES + ")\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\""), "\""),
      // Headers (and a map's toString of them): the whole value, whatever scheme it carries.
      new Secret(Pattern.compile("(?i)((?:authorization|wechatpay-signature)\"?\\s*[:=]\\s*)([^\\r\\n]+)"), ":="),
      // A password in a URL's user info: scheme://user:password@host
      new Secret(Pattern.compile("(://[^/\\s:@]+:)([^@\\s/]+)(?=@)"), "@"));

  private LoggedSecrets() {
  }

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    for (Secret secret : SECRETS) {
      if (!containsAny(masked, secret.needs())) {
        continue;
      }
      Matcher matcher = secret.pattern().matcher(masked);
      if (matcher.find()) {
        masked = matcher.replaceAll(match -> Matcher.quoteReplacement(valueMasked(match)));
      }
    }
    return masked;
  }

  private static boolean containsAny(String text, String characters) {
    for (int i = 0; i < characters.length(); i++) {
      if (text.indexOf(characters.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The match with its value (group 2) replaced by the mask. */
  private static String valueMasked(MatchResult match) {
    String whole = match.group();
    int valueStart = match.start(2) - match.start();
    int valueEnd = match.end(2) - match.start();
    String before = whole.substring(0, valueStart);
    String after = whole.substring(valueEnd);
    return before + MASK + after;
  }
}
