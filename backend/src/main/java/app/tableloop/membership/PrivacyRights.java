package app.tableloop.membership;

import app.tableloop.identity.Access;
import app.tableloop.identity.Sessions;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** A member's rights over their data: to see all of it (an export, recorded) and to leave (erasure, recorded). */
public final class PrivacyRights {
  /** As many visits as an export lists: every one a diner could plausibly have. */
  private static final int ALL_VISITS = 100_000;

  private final Database database;
  private final Members members;
  private final Membership membership;
  private final ConsentLedger consents;
  private final AccessAudit audit;
  private final DinerVisits visits;
  private final PhoneSealing phones;
  private final Erasure erasure;
  private final PersonalDataSections personalData;
  private final Sessions sessions;
  private final Clock clock;

  public PrivacyRights(Database database, Members members, Membership membership, ConsentLedger consents,
                       AccessAudit audit, DinerVisits visits, PhoneSealing phones, Erasure erasure,
                       PersonalDataSections personalData, Sessions sessions, Clock clock) {
    this.database = database;
    this.members = members;
    this.membership = membership;
    this.consents = consents;
    this.audit = audit;
    this.visits = visits;
    this.phones = phones;
    this.erasure = erasure;
    this.personalData = personalData;
    this.sessions = sessions;
    this.clock = clock;
  }

  /**
   * Everything held about the calling member, the phone in clear (it is theirs), with each other feature's section
   * (coupons, points, stored value, referrals, messages, subscriptions); the export itself is audited.
   */
  public Future<JsonObject> export(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> members.byUser(sql, tenantId, access.user().userId())
        .compose(found -> found.isEmpty() ? Refusals.<Member>refuse(MembershipRefusal.NOT_A_MEMBER)
            : Future.succeededFuture(found.get()))
        .compose(member -> audit.record(sql, tenantId, actor(access), member.id(),
                AccessAudit.Action.DATA_EXPORTED, null)
            .compose(audited -> membership.profile(sql, tenantId, member))
            .compose(profile -> consents.of(sql, tenantId, member.id())
                .compose(ledger -> visits.of(sql, tenantId, member.userId(), ALL_VISITS)
                    .compose(all -> visits.ordersOf(sql, tenantId, member.userId())
                        .compose(orders -> audit.of(sql, tenantId, member.id())
                            .compose(accesses -> personalData.of(sql, tenantId, member.id())
                                .map(sections -> MembershipJson.profile(profile, phone(member), false)
                                    .put("openid", access.user().openId())
                                    .put("exported_at", clock.instant().toString())
                                    .put("consents", new JsonArray(ledger))
                                    .put("visits", new JsonArray(all))
                                    .put("orders", new JsonArray(orders))
                                    .put("accesses", new JsonArray(accesses))
                                    .mergeIn(sections)))))))));
  }

  /** Leaves the membership: erased now, the person's sessions ended after commit. */
  public Future<Void> leave(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> members.byUser(sql, tenantId, access.user().userId())
            .compose(found -> found.isEmpty() ? Refusals.<Optional<UUID>>refuse(MembershipRefusal.NOT_A_MEMBER)
                : erasure.erase(sql, tenantId, found.get(), actor(access), AccessAudit.Action.MEMBER_ERASED,
                    clock.instant())))
        .compose(erased -> sessions.closeAll(access.user().userId()));
  }

  private Optional<Phone> phone(Member member) {
    return member.phone().map(phones::open);
  }

  static AccessAudit.Actor actor(Access access) {
    return new AccessAudit.Actor(access.user().userId(), access.role().wireName());
  }
}
