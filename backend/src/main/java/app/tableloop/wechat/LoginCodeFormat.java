package app.tableloop.wechat;

import java.util.regex.Pattern;

/**
 * What a {@code wx.login} code looks like: a short opaque token of letters, digits, {@code -} and {@code _} (WeChat's
 * are 32 characters; the simulator's are 32 characters of URL-safe Base64). Anything else is no code WeChat issued,
 * so it is refused without asking WeChat; the characters allowed need no escaping in a URL.
 */
public final class LoginCodeFormat {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

  private LoginCodeFormat() {
  }

  public static boolean isWellFormed(String code) {
    return code != null && CODE.matcher(code).matches();
  }
}
