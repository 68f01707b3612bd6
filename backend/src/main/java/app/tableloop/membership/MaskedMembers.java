package app.tableloop.membership;

import app.tableloop.identity.Access;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Members as other features show them to the restaurant's people: the nickname masked as referral masks a friend's,
 * the phone as the member list masks it, neither ever whole; a read of one member's history goes to the access audit.
 */
public final class MaskedMembers {
  /** What stands for the name of a member who gave no nickname. */
  static final String NO_NICKNAME = "会员";

  /** A member as shown: their name and phone masked, when they joined, and what their paid visits add up to. */
  public record Shown(UUID memberId, UUID userId, String name, Optional<String> phone, OffsetDateTime joinedAt,
                      Member.Visits visits) {
  }

  private final Members members;
  private final AccessAudit audit;
  private final PhoneSealing phones;

  MaskedMembers(Members members, AccessAudit audit, PhoneSealing phones) {
    this.members = members;
    this.audit = audit;
    this.phones = phones;
  }

  /** The active members among these ids, in the order of the ids; ids of no active member are left out. */
  public Future<List<Shown>> of(SqlClient sql, UUID tenantId, List<UUID> memberIds) {
    if (memberIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return members.byIds(sql, tenantId, memberIds).map(found -> {
      Map<UUID, Member> byId = found.stream().collect(Collectors.toMap(Member::id, Function.identity()));
      return memberIds.stream().filter(byId::containsKey).map(id -> shown(byId.get(id))).toList();
    });
  }

  /**
   * The active member, their read recorded in the access audit with the reason, in the caller's transaction (so
   * that there is no read without its record); empty when no active member of the tenant has this id.
   */
  public Future<Optional<Shown>> readAudited(SqlClient sql, Access access, UUID memberId, String reason) {
    UUID tenantId = access.tenantId();
    return members.byId(sql, tenantId, memberId).compose(found -> found.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : audit.record(sql, tenantId, PrivacyRights.actor(access), memberId, AccessAudit.Action.HISTORY_VIEWED,
            reason).map(recorded -> Optional.of(shown(found.get()))));
  }

  private Shown shown(Member member) {
    return new Shown(member.id(), member.userId(), Member.maskedNickname(member.nickname()).orElse(NO_NICKNAME),
        member.phone().map(sealed -> phones.open(sealed).masked()), member.joinedAt(), member.visits());
  }
}
