package app.tableloop.membership;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases a member, in the caller's transaction: their personal data and their link to the person go, their visits
 * and the orders and ledgers behind them stay for the restaurant's accounting and name nobody any more; the tenant's
 * payments forget which WeChat user paid; what other features hold that would still say something about the person
 * (their message box, open subscriptions) goes through {@link PersonalData}; the WeChat identity goes too unless the
 * deployment still needs it; the
 * consent ledger records the withdrawal and the audit log the erasure. Answers the person's user id, whose sessions
 * the caller ends after commit; empty when there was no active member.
 */
public final class Erasure {
  private final Members members;
  private final DinerVisits visits;
  private final ConsentLedger consents;
  private final AccessAudit audit;
  private final PersonalDataSections personalData;

  Erasure(Members members, DinerVisits visits, ConsentLedger consents, AccessAudit audit,
          PersonalDataSections personalData) {
    this.members = members;
    this.visits = visits;
    this.consents = consents;
    this.audit = audit;
    this.personalData = personalData;
  }

  Future<Optional<UUID>> erase(SqlClient sql, UUID tenantId, Member member, AccessAudit.Actor actor,
                               AccessAudit.Action action, Instant now) {
    // The diner's lock keeps a visit being recorded meanwhile from keeping their name.
    return members.lockDiner(sql, tenantId, member.userId())
        .compose(locked -> members.erase(sql, tenantId, member.id(), now)).compose(erased -> erased.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : visits.forget(sql, tenantId, erased.get())
            .compose(forgotten -> personalData.erase(sql, tenantId, member.id(), member.userId()))
            .compose(forgotten -> member.marketingConsent()
                ? consents.record(sql, tenantId, member.id(), ConsentLedger.Purpose.MARKETING, false, null)
                : Future.succeededFuture())
            .compose(recorded -> consents.record(sql, tenantId, member.id(), ConsentLedger.Purpose.MEMBERSHIP,
                false, null))
            .compose(recorded -> audit.record(sql, tenantId, actor, member.id(), action, null))
            .compose(audited -> sql.preparedQuery("SELECT erase_user_identity($1, $2)")
                .execute(Tuple.of(erased.get(), tenantId)))
            .map(identity -> erased));
  }
}
