package app.tableloop.referral;

import app.tableloop.identity.Access;
import app.tableloop.membership.ReferralTokens;
import app.tableloop.platform.crypto.ServiceKey;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's side of 邀请有礼 (their token, share path and progress) and the owner's settings; it also checks the
 * tokens joining carries, for membership, through membership's port.
 */
public final class ReferralProgram implements ReferralTokens {
  /** The mini-program page a referral opens: the join page, with the store and the token. */
  public static final String JOIN_PAGE = "pages/member/join/index";

  private final Database database;
  private final Referrals referrals;
  private final ServiceKey key;
  private final Clock clock;

  public ReferralProgram(Database database, Referrals referrals, ServiceKey key, Clock clock) {
    this.database = database;
    this.referrals = referrals;
    this.key = key;
    this.clock = clock;
  }

  /** What the member's 邀请有礼 screen shows. */
  public record Progress(String token, String sharePath, String shareTitle, ReferralSettings settings, int successful,
                         boolean rewarded, List<Referrals.Friend> friends) {
    public int remaining() {
      return ReferralPolicy.remaining(settings.needed(), successful);
    }
  }

  @Override
  public Future<UUID> sharer(UUID tenantId, String token) {
    return key.get().compose(secret -> {
      ReferralToken.Check check = ReferralToken.check(secret, token, tenantId, clock.instant());
      if (check instanceof ReferralToken.Valid valid) {
        return Future.succeededFuture(valid.sharerMemberId());
      }
      return Refusals.refuse(check instanceof ReferralToken.Expired ? ReferralRefusal.TOKEN_EXPIRED
          : ReferralRefusal.TOKEN_INVALID);
    });
  }

  /** The member's progress, read as of one moment: never a reward shown beside fewer friends than earned it. */
  public Future<Progress> progress(Access access) {
    UUID tenantId = access.tenantId();
    return key.get().compose(secret -> database.readingInTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> referrals.settings(sql, tenantId)
            .compose(settings -> referrals.storeName(sql, tenantId, access.storeId())
                .compose(storeName -> referrals.friendsOf(sql, tenantId, memberId)
                    .compose(friends -> referrals.rewarded(sql, tenantId, memberId)
                        .map(rewarded -> {
                          String token = ReferralToken.issue(secret, tenantId, memberId, clock.instant());
                          int successful = (int) friends.stream().filter(Referrals.Friend::paid).count();
                          return new Progress(token, sharePath(access.storeId(), token),
                              storeName + " 邀你入会，新会员有礼", settings, successful, rewarded, friends);
                        })))))));
  }

  public Future<ReferralSettings> settings(Access access) {
    return database.inTenant(access.tenantId(), sql -> referrals.settings(sql, access.tenantId()));
  }

  /** Replaces the brand's settings; the coupons named must be the brand's. */
  public Future<ReferralSettings> updateSettings(Access access, ReferralSettings settings) {
    UUID tenantId = access.tenantId();
    Optional<ReferralRefusal> refusal = settings.refusal();
    if (refusal.isPresent()) {
      return Refusals.refuse(refusal.get());
    }
    return database.inTenant(tenantId, sql -> template(sql, tenantId, settings.friendTemplateId(),
            ReferralRefusal.FRIEND_TEMPLATE_UNKNOWN)
        .compose(friend -> template(sql, tenantId, settings.sharerTemplateId(),
            ReferralRefusal.SHARER_TEMPLATE_UNKNOWN))
        .compose(sharer -> referrals.saveSettings(sql, tenantId, settings, clock.instant()))
        .map(settings));
  }

  /** The member's poster code (for the scene {@code r=<code>}). */
  Future<PosterCode> posterCode(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> referrals.codeOf(sql, tenantId, access.storeId(), memberId))
        .compose(code -> referrals.storeName(sql, tenantId, access.storeId())
            .map(storeName -> new PosterCode(code, storeName))));
  }

  record PosterCode(String code, String storeName) {
  }

  /** What a scanned poster's code opens: its store, and a fresh token of the member whose poster it is. */
  public Future<Resolved> resolve(String code) {
    return database.pool().withConnection(sql -> referrals.codeTarget(sql, code))
        .compose(found -> found.isEmpty() ? Refusals.<Resolved>refuse(ReferralRefusal.CODE_UNKNOWN)
            : key.get().map(secret -> new Resolved(found.get().storeId(), found.get().storeName(),
                ReferralToken.issue(secret, found.get().tenantId(), found.get().memberId(), clock.instant()))));
  }

  public record Resolved(UUID storeId, String storeName, String token) {
  }

  static String scene(String code) {
    return "r=" + code;
  }

  static String sharePath(UUID storeId, String token) {
    return JOIN_PAGE + "?store=" + storeId + "&ref=" + token;
  }

  private Future<UUID> member(SqlClient sql, Access access) {
    return referrals.memberOfUser(sql, access.tenantId(), access.user().userId())
        .compose(member -> member.isEmpty() ? Refusals.<UUID>refuse(ReferralRefusal.NOT_A_MEMBER)
            : Future.succeededFuture(member.get()));
  }

  private Future<Void> template(SqlClient sql, UUID tenantId, Optional<UUID> templateId, ReferralRefusal unknown) {
    return templateId.isEmpty() ? Future.succeededFuture()
        : referrals.templateExists(sql, tenantId, templateId.get())
            .compose(found -> found ? Future.succeededFuture() : Refusals.refuse(unknown));
  }
}
