package app.tableloop.referral;

import app.tableloop.loyalty.coupon.Coupon;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.coupon.CouponSource;
import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Referral from events. A diner who joined through a member's token ({@code member.joined} with {@code referred_by})
 * is judged under the sharer's lock, and if they count, gets the welcome coupon. A counted friend's first payment
 * ({@code order.paid}, {@code tab.paid}; the payer as membership recorded the visit, whose handler runs before this
 * one) completes their referral; the completion that reaches the number needed claims the sharer's one reward row and
 * issues the reward coupon. The relay runs each in the transaction that marks the event handled, so it counts once.
 */
public final class ReferralEvents implements EventHandler {
  static final String MEMBER_JOINED = "member.joined";
  static final String ORDER_PAID = "order.paid";
  static final String TAB_PAID = "tab.paid";
  private static final Logger LOG = LoggerFactory.getLogger(ReferralEvents.class);

  private final Referrals referrals;
  private final CouponIssuing coupons;
  private final DataKeys dataKeys;
  private final Clock clock;

  public ReferralEvents(Referrals referrals, CouponIssuing coupons, DataKeys dataKeys, Clock clock) {
    this.referrals = referrals;
    this.coupons = coupons;
    this.dataKeys = dataKeys;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "referral";
  }

  @Override
  public Set<String> topics() {
    return Set.of(MEMBER_JOINED, ORDER_PAID, TAB_PAID);
  }

  @Override
  public Future<Void> handle(SqlClient sql, OutboxEvent event) {
    JsonObject payload = event.payload();
    if (event.topic().equals(MEMBER_JOINED)) {
      return payload.getString("referred_by") == null ? Future.succeededFuture()
          : joined(sql, event.tenantId(), UUID.fromString(payload.getString("referred_by")),
              UUID.fromString(payload.getString("member_id")), UUID.fromString(payload.getString("user_id")),
              Instant.parse(payload.getString("joined_at")).atOffset(ZoneOffset.UTC));
    }
    return paid(sql, event.tenantId(), UUID.fromString(payload.getString("payment_id")));
  }

  private Future<Void> joined(SqlClient sql, UUID tenantId, UUID sharerId, UUID friendId, UUID friendUser,
                              OffsetDateTime joinedAt) {
    return referrals.lockSharer(sql, tenantId, sharerId)
        .compose(locked -> referrals.settings(sql, tenantId))
        .compose(settings -> referrals.openIdOfUser(sql, friendUser)
            .compose(friendOpenId -> referrals.openIdOfMember(sql, tenantId, sharerId).compose(sharerOpenId -> {
              byte[] friendKey = userKey(tenantId, friendOpenId);
              byte[] sharerKey = sharerOpenId.map(openId -> userKey(tenantId, openId)).orElse(new byte[0]);
              boolean sameUser = sharerOpenId.map(friendOpenId::equals).orElse(false);
              return judge(sql, tenantId, settings, sharerId, sharerOpenId.isPresent(), sameUser, sharerKey,
                      friendUser, friendKey, joinedAt)
                  .compose(outcome -> referrals.insert(sql, tenantId, sharerId, friendId, sharerKey, friendKey,
                          outcome, joinedAt)
                      .compose(referral -> outcome != ReferralPolicy.Outcome.COUNTED ? Future.succeededFuture()
                          : welcome(sql, tenantId, settings, referral, friendId)
                              .compose(welcomed -> paidAlready(sql, tenantId, referral, sharerId, friendUser,
                                  joinedAt))));
            })));
  }

  /** The friend's welcome coupon, if the programme has one. */
  private Future<Void> welcome(SqlClient sql, UUID tenantId, ReferralSettings settings, UUID referral,
                               UUID friendId) {
    return settings.friendTemplateId().isEmpty() ? Future.succeededFuture()
        : issue(sql, tenantId, friendId, settings.friendTemplateId().get())
            .compose(coupon -> coupon.isEmpty() ? Future.succeededFuture()
                : referrals.welcomed(sql, tenantId, referral, coupon.get().id()));
  }

  /**
   * A friend whose first payment after joining was handled before their join was judged (relays of several
   * instances take events in no fixed order) completes the referral now.
   */
  private Future<Void> paidAlready(SqlClient sql, UUID tenantId, UUID referral, UUID sharerId, UUID friendUser,
                                   OffsetDateTime joinedAt) {
    return referrals.firstPaymentSince(sql, tenantId, friendUser, joinedAt).compose(payment -> payment.isEmpty()
        ? Future.succeededFuture()
        : referrals.completed(sql, tenantId, referral, payment.get().id(), payment.get().paidAt())
            .compose(completed -> completed ? reward(sql, tenantId, sharerId) : Future.succeededFuture()));
  }

  /** The verdict, with what the database knows of the friend, the sharer and their chain of referrals. */
  private Future<ReferralPolicy.Outcome> judge(SqlClient sql, UUID tenantId, ReferralSettings settings,
                                               UUID sharerId, boolean sharerStillMember, boolean sameUser,
                                               byte[] sharerKey, UUID friendUser, byte[] friendKey,
                                               OffsetDateTime joinedAt) {
    return referrals.referredBefore(sql, tenantId, friendKey)
        .compose(before -> referrals.customerBefore(sql, tenantId, friendUser, joinedAt)
            .compose(customer -> referrals.sharerDescendsFrom(sql, tenantId, sharerKey, friendKey)
                .compose(loop -> referrals.countedFor(sql, tenantId, sharerId)
                    .map(counted -> ReferralPolicy.judge(new ReferralPolicy.Join(settings.active(),
                        sharerStillMember, sameUser, before, customer, loop, counted, settings.capPerSharer()))))));
  }

  private Future<Void> paid(SqlClient sql, UUID tenantId, UUID paymentId) {
    return referrals.payerOf(sql, tenantId, paymentId).compose(payer -> payer.isEmpty() ? Future.succeededFuture()
        : referrals.openReferralOf(sql, tenantId, payer.get().userId()).compose(open -> open.isEmpty()
            ? Future.succeededFuture()
            : referrals.lockSharer(sql, tenantId, open.get().sharerMemberId())
                .compose(locked -> referrals.completed(sql, tenantId, open.get().referralId(), paymentId,
                    payer.get().paidAt()))
                .compose(completed -> completed ? reward(sql, tenantId, open.get().sharerMemberId())
                    : Future.succeededFuture())));
  }

  /** The sharer's reward, if their successful friends now reach the number needed and it was not given before. */
  private Future<Void> reward(SqlClient sql, UUID tenantId, UUID sharerId) {
    return referrals.settings(sql, tenantId).compose(settings -> referrals.successfulFor(sql, tenantId, sharerId)
        .compose(successful -> successful < settings.needed() ? Future.succeededFuture(false)
            : referrals.claimReward(sql, tenantId, sharerId, clock.instant()))
        .compose(claimed -> !claimed ? Future.succeededFuture()
            : settings.sharerTemplateId().isEmpty()
                ? referrals.rewardIssued(sql, tenantId, sharerId, null, "no_template")
                : coupons.issue(sql, tenantId, sharerId, settings.sharerTemplateId().get(), CouponSource.CAMPAIGN)
                    .compose(coupon -> referrals.rewardIssued(sql, tenantId, sharerId, coupon.id(), null))
                    .recover(failure -> failure instanceof Refused refused
                        ? referrals.rewardIssued(sql, tenantId, sharerId, null, refused.refusal().code())
                        : Future.failedFuture(failure))));
  }

  /**
   * A coupon of the template for the member, or none when loyalty refuses it (out of stock, ended, at the limit): a
   * refusal changes nothing, so the referral still counts.
   */
  private Future<Optional<Coupon>> issue(SqlClient sql, UUID tenantId, UUID memberId, UUID templateId) {
    return coupons.issue(sql, tenantId, memberId, templateId, CouponSource.CAMPAIGN).map(Optional::of)
        .recover(failure -> {
          if (failure instanceof Refused refused) {
            LOG.info("Referral welcome coupon not issued: {}", refused.refusal().code());
            return Future.succeededFuture(Optional.empty());
          }
          return Future.failedFuture(failure);
        });
  }

  /**
   * The WeChat user as referral remembers them: a keyed hash of their openid, per brand, so that the same person is
   * known again after leaving (which erases the member, and the openid from the user) without keeping who they are.
   */
  private byte[] userKey(UUID tenantId, String openId) {
    return dataKeys.lookupHash("referral|" + tenantId + "|" + openId);
  }
}
