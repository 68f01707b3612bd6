package app.tableloop.identity;

import app.tableloop.platform.http.Problem;

/** The refusals of sign-in and invites, in Simplified Chinese first. */
final class IdentityProblems {
  static final Problem INVALID_LOGIN_CODE = Problem.of(401, "invalid_login_code",
      "登录凭证无效或已过期，请重新登录", "The login code is invalid, used or expired; sign in again").atField("code");
  static final Problem TOO_MANY_SIGN_INS = Problem.of(429, "too_many_sign_ins",
      "登录尝试过于频繁，请稍后再试", "Too many sign-in attempts; try again in a minute");
  static final Problem WECHAT_UNAVAILABLE = Problem.of(502, "wechat_unavailable",
      "微信服务暂时不可用，请稍后再试", "WeChat is not answering; try again shortly");
  static final Problem INVITE_NOT_FOUND = Problem.of(404, "invite_not_found",
      "邀请不存在或已失效", "No such invite, or it is no longer valid").atField("token");
  static final Problem INVITE_USED = Problem.of(409, "invite_used",
      "该邀请已被使用", "This invite has already been used").atField("token");
  static final Problem INVITE_EXPIRED = Problem.of(410, "invite_expired",
      "该邀请已过期，请让店主重新邀请", "This invite has expired; ask for a new one").atField("token");

  private IdentityProblems() {
  }
}
