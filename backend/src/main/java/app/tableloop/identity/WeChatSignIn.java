package app.tableloop.identity;

import app.tableloop.platform.http.Refusals;
import app.tableloop.wechat.LoginCodeFormat;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import me.chanjar.weixin.common.error.WxErrorException;

/** Signing in with a WeChat login code, signing out, and the roles a user holds. */
public final class WeChatSignIn {
  /** WeChat's answers for a code that is unknown, used, expired, or from a blocked account. */
  private static final Set<Integer> BAD_CODE = Set.of(40029, 40163, 40226, 41008);

  private final WeChatGateway wechat;
  private final Users users;
  private final Sessions sessions;
  private final SignInLimits limits;

  public WeChatSignIn(WeChatGateway wechat, Users users, Sessions sessions, SignInLimits limits) {
    this.wechat = wechat;
    this.users = users;
    this.sessions = sessions;
    this.limits = limits;
  }

  /** A new session: its token, whom it signs in, and the roles they hold. */
  public record SignedIn(String token, SignedInUser user, List<RoleGrant> roles) {
  }

  public Future<SignedIn> signIn(String code, String clientAddress) {
    // A malformed code is no code at all: answered like an unknown one, before it costs a rate-limit slot or a call.
    if (!LoginCodeFormat.isWellFormed(code)) {
      return Refusals.refuse(IdentityRefusal.INVALID_LOGIN_CODE);
    }
    return limits.allow(clientAddress, code)
        .compose(allowed -> allowed ? wechat.codeToSession(code).recover(WeChatSignIn::explainWeChatFailure)
            : Refusals.refuse(IdentityRefusal.TOO_MANY_SIGN_INS))
        .compose(session -> users.signedIn(session.getOpenid(), session.getUnionid()))
        .compose(user -> sessions.open(user).compose(token -> users.rolesOf(user.userId())
            .map(roles -> new SignedIn(token, user, roles))));
  }

  public Future<Void> signOut(String token, UUID userId) {
    return sessions.close(token, userId);
  }

  public Future<List<RoleGrant>> rolesOf(UUID userId) {
    return users.rolesOf(userId);
  }

  private static <T> Future<T> explainWeChatFailure(Throwable failure) {
    if (failure instanceof WxErrorException wechat && BAD_CODE.contains(wechat.getError().getErrorCode())) {
      return Refusals.refuse(IdentityRefusal.INVALID_LOGIN_CODE);
    }
    return Refusals.refuse(IdentityRefusal.WECHAT_UNAVAILABLE);
  }
}
