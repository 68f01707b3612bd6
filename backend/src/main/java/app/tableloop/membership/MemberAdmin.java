package app.tableloop.membership;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the restaurant's people do with its members: staff and owners list them and read a member's history with the
 * phone masked; an owner reveals a phone, giving a reason that the audit log keeps; owners publish the privacy
 * notice and set how long inactive members are kept.
 */
public final class MemberAdmin {
  private static final int HISTORY = 50;

  private final Database database;
  private final Members members;
  private final Membership membership;
  private final PrivacyNotices notices;
  private final ConsentLedger consents;
  private final AccessAudit audit;
  private final DinerVisits visits;
  private final PhoneSealing phones;

  public MemberAdmin(Database database, Members members, Membership membership, PrivacyNotices notices,
                     ConsentLedger consents, AccessAudit audit, DinerVisits visits, PhoneSealing phones) {
    this.database = database;
    this.members = members;
    this.membership = membership;
    this.notices = notices;
    this.consents = consents;
    this.audit = audit;
    this.visits = visits;
    this.phones = phones;
  }

  /**
   * A page of the tenant's members, newest first, phones masked; with {@code phone}, the members who gave that number
   * (found by its keyed hash: the number itself is nowhere to search).
   */
  public Future<List<JsonObject>> list(Access access, int limit, Optional<UUID> after, Optional<String> phone) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> members.page(sql, tenantId, limit, after,
            phone.map(phones::lookupHash)))
        .map(page -> page.stream().map(member -> MembershipJson.profile(
            new Membership.Profile(member, List.of(), List.of()), member.phone().map(phones::open), true)).toList());
  }

  /**
   * A member's card, visits, consents and the accesses to their data, phone masked: read in one moment (a read-only
   * transaction), everything after the member sent at once.
   */
  public Future<JsonObject> history(Access access, UUID memberId) {
    UUID tenantId = access.tenantId();
    return database.readingInTenant(tenantId, sql -> active(sql, tenantId, memberId).compose(member -> {
      Future<Membership.Profile> profile = membership.profile(sql, tenantId, member);
      Future<List<JsonObject>> recent = visits.of(sql, tenantId, member.userId(), HISTORY);
      Future<List<JsonObject>> ledger = consents.of(sql, tenantId, memberId);
      Future<List<JsonObject>> accesses = database.committingWith(sql, audit.of(sql, tenantId, memberId));
      return Pipelined.all(profile, recent, ledger, accesses)
          .map(read -> MembershipJson.profile(profile.result(), member.phone().map(phones::open), true)
              .put("visits", new JsonArray(recent.result()))
              .put("consents", new JsonArray(ledger.result()))
              .put("accesses", new JsonArray(accesses.result())));
    }));
  }

  /** The member's whole phone number, for a reason; the reveal is in the audit log with the reason, or not at all. */
  public Future<Phone> revealPhone(Access access, UUID memberId, String reason) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> active(sql, tenantId, memberId)
        .compose(member -> member.phone().isEmpty() ? Refusals.<Phone>refuse(MembershipRefusal.NO_PHONE)
            : audit.record(sql, tenantId, PrivacyRights.actor(access), memberId, AccessAudit.Action.PHONE_REVEALED,
                reason).map(audited -> phones.open(member.phone().get()))));
  }

  /** The tenant's access audit log, newest first. */
  public Future<List<JsonObject>> auditLog(Access access, int limit) {
    return database.inTenant(access.tenantId(), sql -> audit.latest(sql, access.tenantId(), limit));
  }

  public Future<PrivacyNotices.Notice> publishNotice(Access access, String body) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> notices.publish(sql, tenantId, body, access.user().userId()));
  }

  /** Sets how many days an inactive member is kept before the retention job anonymises them. */
  public Future<Integer> setRetention(Access access, int days) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> members.setRetention(sql, tenantId, days));
  }

  private Future<Member> active(SqlClient sql, UUID tenantId, UUID memberId) {
    return members.byId(sql, tenantId, memberId).compose(found -> found.isEmpty()
        ? Refusals.refuse(MembershipRefusal.MEMBER_NOT_FOUND) : Future.succeededFuture(found.get()));
  }
}
