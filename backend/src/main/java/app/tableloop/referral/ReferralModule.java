package app.tableloop.referral;

import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.membership.ReferralTokens;
import app.tableloop.platform.crypto.ServiceKey;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.wechat.WeChatGateway;
import java.util.List;

/**
 * 邀请有礼: members' signed referral tokens and posters, the owner's settings, and from events the friends' welcome
 * coupons and the sharer's one reward. Made before membership, whose joins check tokens through {@link #tokens()};
 * listed after membership, so that its event handler runs after membership has recorded a payment's visit.
 */
public final class ReferralModule implements FeatureModule {
  private final ReferralProgram program;
  private final List<ApiModule> apis;
  private final List<EventHandler> handlers;

  public ReferralModule(Platform platform, WeChatGateway wechat) {
    Referrals referrals = new Referrals();
    this.program = new ReferralProgram(platform.database(), referrals,
        new ServiceKey(platform.database(), "referral_token"), platform.clock());
    this.apis = List.of(new ReferralApi(program, wechat, platform.vertx()));
    this.handlers = List.of(new ReferralEvents(referrals, new CouponIssuing(platform.clock()), platform.dataKeys(),
        platform.clock()));
  }

  /** How membership checks the referral token a join carries. */
  public ReferralTokens tokens() {
    return program;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<EventHandler> eventHandlers() {
    return handlers;
  }
}
