package app.tableloop.identity;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of sign-in, invites and staff, in Simplified Chinese first. */
public enum IdentityRefusal implements Refusal.Listed {
  INVALID_LOGIN_CODE(Refusal.of(Kind.UNAUTHENTICATED, "invalid_login_code",
      "登录凭证无效或已过期，请重新登录", "The login code is invalid, used or expired; sign in again").at("code")),
  TOO_MANY_SIGN_INS(Refusal.of(Kind.TOO_MANY, "too_many_sign_ins",
      "登录尝试过于频繁，请稍后再试", "Too many sign-in attempts; try again in a minute")),
  WECHAT_UNAVAILABLE(Refusal.of(Kind.UPSTREAM_FAILED, "wechat_unavailable",
      "微信服务暂时不可用，请稍后再试", "WeChat is not answering; try again shortly")),
  INVITE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "invite_not_found",
      "邀请不存在或已失效", "No such invite, or it is no longer valid").at("token")),
  INVITE_USED(Refusal.of(Kind.CONFLICT, "invite_used",
      "该邀请已被使用", "This invite has already been used").at("token")),
  INVITE_EXPIRED(Refusal.of(Kind.GONE, "invite_expired",
      "该邀请已过期，请让店主重新邀请", "This invite has expired; ask for a new one").at("token")),
  ROLE_NOT_ALLOWED(Refusal.of(Kind.FORBIDDEN, "role_not_allowed",
      "你不能邀请或移除这个角色", "You may not invite or remove someone in this role").at("role")),
  STORE_REQUIRED_FOR_ROLE(Refusal.of(Kind.INVALID, "invalid_field", "邀请店主或店员时须指定门店，邀请运营者时不可指定",
      "Owners and staff are invited to a store (store_id); operators to no store").at("store_id"));

  private final Refusal words;

  IdentityRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
