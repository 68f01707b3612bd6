package app.tableloop.membership;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A diner's membership of the tenant whose store they are at: the notice and their card, joining with consent,
 * their optional personal data, and their marketing consent.
 */
public final class Membership {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int FAVOURITES = 5;
  /** The outbox topic of a diner who just joined: {@code member_id, user_id, store_id, referred_by, joined_at}. */
  public static final String MEMBER_JOINED = "member.joined";

  private final Database database;
  private final Members members;
  private final PrivacyNotices notices;
  private final ConsentLedger consents;
  private final DinerVisits visits;
  private final StaffJoinCodes joinCodes;
  private final PhoneSealing phones;
  private final WeChatChecks wechat;
  private final ReferralTokens referralTokens;
  private final Outbox outbox;
  private final Clock clock;

  public Membership(Database database, Members members, PrivacyNotices notices, ConsentLedger consents,
                    DinerVisits visits, StaffJoinCodes joinCodes, PhoneSealing phones, WeChatChecks wechat,
                    ReferralTokens referralTokens, Outbox outbox, Clock clock) {
    this.database = database;
    this.members = members;
    this.notices = notices;
    this.consents = consents;
    this.visits = visits;
    this.joinCodes = joinCodes;
    this.phones = phones;
    this.wechat = wechat;
    this.referralTokens = referralTokens;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A member with what their visits say of them: their favourite dishes and the stores they went to. */
  public record Profile(Member member, List<Member.FavouriteDish> favouriteDishes,
                        List<Member.StoreVisited> storesVisited) {
  }

  /** What the diner's "my membership" screen shows: the notice in force, and their card if they are a member. */
  public record Card(PrivacyNotices.Notice notice, Optional<Profile> member) {
  }

  /**
   * The notice, the member and what their visits say of them go out together in one read-only transaction: one round
   * trip, and one moment of the database, so that a payment's visit shows in the member's totals and in their dishes
   * and stores alike, or in neither. A tenant that has no notice yet gets the standard one written, on its own.
   */
  public Future<Card> card(Access access) {
    UUID tenantId = access.tenantId();
    UUID userId = access.user().userId();
    return database.readingInTenant(tenantId, sql -> {
          Future<Optional<PrivacyNotices.Notice>> notice = notices.latest(sql, tenantId);
          Future<Optional<Member>> member = members.byUser(sql, tenantId, userId);
          Future<Function<Member, Profile>> said = database.committingWith(sql, visitsSay(sql, tenantId, userId));
          return Pipelined.all(notice, member, said)
              .map(read -> new Looked(notice.result(), member.result().map(said.result())));
        })
        .compose(looked -> looked.notice().isPresent()
            ? Future.succeededFuture(new Card(looked.notice().get(), looked.member()))
            : database.inTenant(tenantId, sql -> notices.current(sql, tenantId))
                .map(notice -> new Card(notice, looked.member())));
  }

  /** What the card's read found: the notice, if the tenant has one yet, and the member. */
  private record Looked(Optional<PrivacyNotices.Notice> notice, Optional<Profile> member) {
  }

  Future<Profile> profile(SqlClient sql, UUID tenantId, Member member) {
    if (member.userId() == null) {
      return Future.succeededFuture(new Profile(member, List.of(), List.of()));
    }
    return visitsSay(sql, tenantId, member.userId()).map(said -> said.apply(member));
  }

  /** What the diner's visits say of them (their favourite dishes, the stores they went to), both reads sent at once. */
  private Future<Function<Member, Profile>> visitsSay(SqlClient sql, UUID tenantId, UUID userId) {
    Future<List<Member.FavouriteDish>> favourites = visits.favouriteDishes(sql, tenantId, userId, FAVOURITES);
    Future<List<Member.StoreVisited>> stores = visits.storesVisited(sql, tenantId, userId);
    return Pipelined.all(favourites, stores)
        .map(read -> member -> new Profile(member, favourites.result(), stores.result()));
  }

  /**
   * Joins the diner, once, with consent to the notice in force. A join the rules refuse is refused before WeChat is
   * asked anything (so a phone code is not spent on it); WeChat is asked outside the transaction (content check of the
   * nickname, the phone code); then, in one transaction serialised per diner, the rules are checked again and the
   * member is written with the statistics of their earlier visits and the consents they gave.
   */
  public Future<Profile> join(Access access, JoinRequest request) {
    UUID tenantId = access.tenantId();
    UUID userId = access.user().userId();
    Future<Optional<UUID>> sharer = request.referralToken().isEmpty() ? Future.succeededFuture(Optional.empty())
        : referralTokens.sharer(tenantId, request.referralToken().get()).map(Optional::of);
    return sharer.compose(referrer -> database.inTenant(tenantId, sql -> admitted(sql, access, request, referrer))
        .compose(admitted -> personalData(access, request.nickname(), request.phoneCode()))
        .compose(phone -> database.inTenant(tenantId, sql -> members.lockDiner(sql, tenantId, userId)
                .compose(locked -> admitted(sql, access, request, referrer))
                .compose(admitted -> members.insert(sql, tenantId, new Members.Joining(userId,
                        admitted.notice().version(), access.storeId(), request.tableId().orElse(null), request.via(),
                        admitted.recruiter().orElse(null), admitted.referrer().orElse(null), request.marketing(),
                        request.nickname().orElse(null), request.birthday().orElse(null), phone.map(phones::seal)),
                        clock.instant())
                    .compose(member -> joined(sql, tenantId, member))
                    .compose(member -> consents.record(sql, tenantId, member.id(), ConsentLedger.Purpose.MEMBERSHIP,
                            true, admitted.notice().version())
                        .compose(recorded -> request.marketing()
                            ? consents.record(sql, tenantId, member.id(), ConsentLedger.Purpose.MARKETING, true,
                                admitted.notice().version())
                            : Future.succeededFuture())
                        .compose(recorded -> profile(sql, tenantId, member)))))
            .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                ? Refusals.refuse(MembershipRefusal.ALREADY_MEMBER) : Future.failedFuture(failure))));
  }

  /** Announces the new member (with who referred them), in the joining transaction: it exists exactly if they do. */
  private Future<Member> joined(SqlClient sql, UUID tenantId, Member member) {
    return outbox.append(sql, tenantId, MEMBER_JOINED, new JsonObject()
            .put("member_id", member.id().toString())
            .put("user_id", member.userId().toString())
            .put("store_id", member.joinedStoreId().toString())
            .put("referred_by", member.referredBy() == null ? null : member.referredBy().toString())
            .put("joined_at", member.joinedAt().toInstant().toString()))
        .map(member);
  }

  /** What a join the rules let through rests on: the notice in force, who recruited and who referred the diner. */
  private record Admitted(PrivacyNotices.Notice notice, Optional<UUID> recruiter, Optional<UUID> referrer) {
  }

  /** The join checked against the rules and the tenant's data (its table, staff code, referrer), or refused. */
  private Future<Admitted> admitted(SqlClient sql, Access access, JoinRequest request, Optional<UUID> sharer) {
    UUID tenantId = access.tenantId();
    UUID userId = access.user().userId();
    return notices.current(sql, tenantId).compose(notice -> members.byUser(sql, tenantId, userId)
        .compose(existing -> JoinPolicy.refusal(request, notice.version(), existing.isPresent())
            .map(Refusals::<Void>refuse)
            .orElseGet(() -> checkTable(sql, access.storeId(), request.tableId())))
        .compose(checked -> recruiter(sql, tenantId, request.staffCode()))
        .compose(recruiter -> referrer(sql, tenantId, userId, sharer)
            .map(referrer -> new Admitted(notice, recruiter, referrer))));
  }

  /** Changes the member's optional data: what is given is checked with WeChat and replaces what was there. */
  public Future<Profile> updateProfile(Access access, Optional<String> nickname, Optional<LocalDate> birthday,
                                       Optional<String> phoneCode) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> members.byUser(sql, tenantId, access.user().userId()))
        .compose(found -> found.isEmpty() ? Refusals.<Optional<Phone>>refuse(MembershipRefusal.NOT_A_MEMBER)
            : personalData(access, nickname, phoneCode))
        .compose(phone -> database.inTenant(tenantId, sql -> members.byUser(sql, tenantId, access.user().userId())
            .compose(member -> member.isEmpty() ? Refusals.<Member>refuse(MembershipRefusal.NOT_A_MEMBER)
                : members.updateProfile(sql, tenantId, member.get().id(), nickname.orElse(null),
                    birthday.orElse(null), phone.map(phones::seal).orElse(null), clock.instant()))
            .compose(member -> profile(sql, tenantId, member))));
  }

  /** Grants or withdraws marketing consent; a change is a row in the consent ledger, a repeated tap is none. */
  public Future<Boolean> setMarketing(Access access, boolean consent) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> members.byUser(sql, tenantId, access.user().userId())
        .compose(member -> member.isEmpty() ? Refusals.<Boolean>refuse(MembershipRefusal.NOT_A_MEMBER)
            : members.setMarketing(sql, tenantId, member.get().id(), consent)
                .compose(changed -> changed ? consents.record(sql, tenantId, member.get().id(),
                    ConsentLedger.Purpose.MARKETING, consent, member.get().noticeVersion()) : Future.succeededFuture())
                .map(consent)));
  }

  /** The nickname passed by WeChat's content check and the phone number behind the code, as far as given. */
  private Future<Optional<Phone>> personalData(Access access, Optional<String> nickname, Optional<String> phoneCode) {
    Future<Void> checked = nickname.map(text -> wechat.text(access.user().openId(), text, "nickname"))
        .orElseGet(Future::succeededFuture);
    return checked.compose(passed -> phoneCode.map(code -> wechat.phone(code).map(Optional::of))
        .orElseGet(() -> Future.succeededFuture(Optional.empty())));
  }

  private Future<Void> checkTable(SqlClient sql, UUID storeId, Optional<UUID> tableId) {
    return tableId.isEmpty() ? Future.succeededFuture() : members.tableAt(sql, storeId, tableId.get())
        .compose(found -> found ? Future.succeededFuture() : Refusals.refuse(MembershipRefusal.TABLE_UNKNOWN));
  }

  private Future<Optional<UUID>> recruiter(SqlClient sql, UUID tenantId, Optional<String> staffCode) {
    return staffCode.isEmpty() ? Future.succeededFuture(Optional.empty())
        : joinCodes.staffOf(sql, tenantId, staffCode.get()).compose(staff -> staff.isEmpty()
            ? Refusals.refuse(MembershipRefusal.STAFF_CODE_UNKNOWN) : Future.succeededFuture(staff));
  }

  private Future<Optional<UUID>> referrer(SqlClient sql, UUID tenantId, UUID userId, Optional<UUID> referrer) {
    return referrer.isEmpty() ? Future.succeededFuture(Optional.empty())
        : members.byId(sql, tenantId, referrer.get()).compose(member -> member.isEmpty()
            || userId.equals(member.get().userId()) ? Refusals.refuse(MembershipRefusal.REFERRER_UNKNOWN)
            : Future.succeededFuture(Optional.of(member.get().id())));
  }
}
