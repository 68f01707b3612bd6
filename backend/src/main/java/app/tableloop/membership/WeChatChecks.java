package app.tableloop.membership;

import app.tableloop.platform.http.Refusals;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;
import me.chanjar.weixin.common.error.WxErrorException;

/**
 * What membership asks of WeChat: the phone number behind a diner's phone code, and whether text others will read
 * passes WeChat's content check. A code WeChat does not take (used, expired, another mini-program's) and text it
 * flags are the diner's to fix (4xx); WeChat not answering is 502.
 */
public final class WeChatChecks {
  /** WeChat's answers to a phone code that is no good: invalid, and already used. */
  private static final Set<Integer> BAD_PHONE_CODE = Set.of(40029, 40163);

  private final WeChatGateway wechat;

  public WeChatChecks(WeChatGateway wechat) {
    this.wechat = wechat;
  }

  Future<Phone> phone(String code) {
    return wechat.phoneNumber(code)
        .recover(failure -> Refusals.refuse(errorCode(failure).filter(BAD_PHONE_CODE::contains).isPresent()
            ? MembershipRefusal.PHONE_CODE_INVALID : MembershipRefusal.WECHAT_UNAVAILABLE))
        .compose(info -> info == null || info.getPurePhoneNumber() == null
            ? Refusals.refuse(MembershipRefusal.PHONE_CODE_INVALID)
            : Future.succeededFuture(new Phone(info.getPurePhoneNumber(),
                info.getCountryCode() == null ? "86" : info.getCountryCode())));
  }

  /** Succeeds when WeChat passes the text; refused (naming {@code field}) when it does not. */
  Future<Void> text(String openId, String text, String field) {
    return wechat.textPasses(openId, text, WeChatGateway.TextScene.PROFILE)
        .recover(failure -> Refusals.refuse(MembershipRefusal.WECHAT_UNAVAILABLE))
        .compose(passes -> passes ? Future.succeededFuture() : Refusals.refuse(MembershipRefusal.TEXT_REFUSED.at(field)));
  }

  private static Optional<Integer> errorCode(Throwable failure) {
    return failure instanceof WxErrorException wechat && wechat.getError() != null
        ? Optional.of(wechat.getError().getErrorCode()) : Optional.empty();
  }
}
