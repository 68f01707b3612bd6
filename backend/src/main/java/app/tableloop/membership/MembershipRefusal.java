package app.tableloop.membership;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of joining, members' data and their privacy rights, in Simplified Chinese first. */
public enum MembershipRefusal implements Refusal.Listed {
  CONSENT_REQUIRED(Refusal.of(Kind.INVALID, "consent_required", "请先阅读并同意隐私政策后再加入会员",
      "Read and accept the privacy notice to join").at("consent")),
  NOTICE_OUTDATED(Refusal.of(Kind.CONFLICT, "privacy_notice_outdated", "隐私政策已更新，请阅读新版本后再加入",
      "The privacy notice has changed; read the current version to join").at("notice_version")),
  ALREADY_MEMBER(Refusal.of(Kind.CONFLICT, "already_member", "你已经是本店会员", "You are a member already")),
  NOT_A_MEMBER(Refusal.of(Kind.NOT_FOUND, "not_a_member", "你还不是本店会员", "You are not a member here")),
  MEMBER_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "member_not_found", "找不到这位会员", "No such member")),
  STAFF_CODE_UNKNOWN(Refusal.of(Kind.INVALID, "staff_code_unknown", "店员推荐码无效",
      "No staff member of this restaurant has this code").at("staff_code")),
  JOIN_CODE_UNKNOWN(Refusal.of(Kind.NOT_FOUND, "join_code_unknown", "这个会员码无效", "No such join code")),
  REFERRER_UNKNOWN(Refusal.of(Kind.INVALID, "referrer_unknown", "邀请你的会员已不是本店会员",
      "The member who shared this invitation is no longer a member here").at("referral_token")),
  TABLE_UNKNOWN(Refusal.of(Kind.INVALID, "table_unknown", "这家店没有这张桌台", "No such table at this store")
      .at("table_id")),
  PHONE_CODE_INVALID(Refusal.of(Kind.INVALID, "phone_code_invalid", "手机号授权已失效，请重新授权",
      "This phone code is used, expired or not from this mini-program; ask again").at("phone_code")),
  TEXT_REFUSED(Refusal.of(Kind.INVALID, "text_refused", "内容含有不适宜的词语，请修改后再试",
      "WeChat's content check refused this text").at("nickname")),
  WECHAT_UNAVAILABLE(Refusal.of(Kind.UPSTREAM_FAILED, "wechat_unavailable", "微信服务暂时不可用，请稍后再试",
      "WeChat is not answering; try again shortly")),
  BIRTHDAY_INVALID(Refusal.of(Kind.INVALID, "birthday_invalid", "生日不正确", "This is no birthday")
      .at("birthday")),
  NO_PHONE(Refusal.of(Kind.CONFLICT, "no_phone", "这位会员没有留手机号", "This member gave no phone number"));

  private final Refusal words;

  MembershipRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
