package app.tableloop.loyalty.points;

import app.tableloop.identity.Access;
import app.tableloop.loyalty.level.DefaultLevels.Level;
import app.tableloop.loyalty.level.LevelRules;
import app.tableloop.loyalty.level.Levels;
import app.tableloop.loyalty.storedvalue.PaidFromBalance;
import app.tableloop.membership.MembershipRefusal;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Members' points: earned on the money they paid (of a payment from their stored-value balance, its principal part
 * only: the bonus was given, not paid), spent oldest-expiring lot first, clawed back when a payment is refunded,
 * and the member's wallet. Every change locks the member's row before their lots, so concurrent changes of one member
 * run one after the other and the balance never goes below zero.
 */
public final class Points {
  private static final int EXPIRING_SHOWN = 3;
  private static final int LONGEST_REASON = 80;

  private final Database database;
  private final PointsLedger ledger;
  private final EarnRuleSettings rules;
  private final Levels levels;
  private final PaidFromBalance balances;
  private final Clock clock;

  public Points(Database database, Levels levels, PaidFromBalance balances, Clock clock) {
    this.database = database;
    this.ledger = new PointsLedger();
    this.rules = new EarnRuleSettings();
    this.levels = levels;
    this.balances = balances;
    this.clock = clock;
  }

  /** Points just spent: the ledger entry, how many, and the member's balance after. */
  public record Spent(UUID entryId, long points, long balance) {
  }

  /** What the member's points screen shows: balance, the soonest-expiring points, and a page of history. */
  public record Wallet(long balance, List<PointsLedger.Expiring> expiring, List<PointsLedger.Entry> history) {
  }

  /**
   * Spends the member's points, oldest-expiring lots first, in the caller's transaction (bound to the tenant): for
   * redeeming points for a coupon, say, in the transaction that issues it. Refused with {@link
   * PointsRefusal#POINTS_INVALID} for points ≤ 0, {@link MembershipRefusal#MEMBER_NOT_FOUND} when there is no such
   * active member, and {@link PointsRefusal#POINTS_INSUFFICIENT} when the balance is short, changing nothing. Lots due
   * to expire are expired first, so only valid points are spent.
   *
   * @param reason what the member sees in their history (1 to 80 characters), such as "兑换优惠券：满50减10"
   */
  public Future<Spent> spend(SqlClient sql, UUID tenantId, UUID memberId, long points, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > LONGEST_REASON) {
      throw new IllegalArgumentException("a spend's reason has 1 to 80 characters");
    }
    if (points <= 0) {
      return Refusals.refuse(PointsRefusal.POINTS_INVALID);
    }
    Instant now = clock.instant();
    return ledger.lockMember(sql, tenantId, memberId)
        .compose(member -> member.isEmpty() ? Refusals.<UUID>refuse(MembershipRefusal.MEMBER_NOT_FOUND)
            : ledger.expireDue(sql, tenantId, List.of(memberId), now)
                .compose(expired -> ledger.openLots(sql, tenantId, memberId, now))
                .compose(lots -> {
                  PointsRules.Allocation allocation = PointsRules.take(lots, points);
                  return allocation.shortfall() > 0 ? Refusals.<UUID>refuse(PointsRefusal.POINTS_INSUFFICIENT)
                      : ledger.take(sql, tenantId, memberId, "spend", allocation, reason, null, null, now);
                }))
        .compose(entry -> ledger.balance(sql, tenantId, memberId).map(balance -> new Spent(entry, points, balance)));
  }

  /**
   * A payment was paid: its diner (as membership recorded the visit), if a member, earns points on the money it paid
   * (all of it but the bonus it took from a stored-value balance) at the level they are at, and is put at the level their spend now reaches. Membership's handler records the visit first; until
   * it has, this fails and the relay delivers the event again.
   */
  Future<Void> paid(SqlClient sql, UUID tenantId, UUID paymentId) {
    return ledger.visit(sql, tenantId, paymentId).compose(visit -> {
      if (visit.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("payment " + paymentId + " has no visit recorded yet"));
      }
      // A payment started before joining counts towards the level but earns nothing, however late its event comes
      // (its start, not WeChat Pay's time of payment, which is to the second only).
      return visit.get().userId() == null ? Future.succeededFuture()
          : ofMember(sql, tenantId, visit.get().userId(), (member, all) ->
              member.joinedAt().isAfter(visit.get().startedAt()) ? Future.succeededFuture()
                  : balances.bonusFen(sql, tenantId, paymentId).compose(bonusFen -> earn(sql, tenantId, paymentId,
                      visit.get(), visit.get().amountFen() - bonusFen, member, all)));
    });
  }

  /**
   * A payment was refunded: the diner's points earned on it are clawed back in proportion to the share of the payment
   * refunded, and their level recomputed. That share is the principal's too when the payment was from a stored-value
   * balance, whose refunds give back principal and bonus in the proportions the payment took them. A refund whose payment earned nothing (yet) claws back nothing; should its earn come later, the earn
   * claws back at once what refunds took by then.
   */
  Future<Void> refunded(SqlClient sql, UUID tenantId, UUID paymentId, UUID refundId) {
    return ledger.visit(sql, tenantId, paymentId).compose(visit -> visit.isEmpty() || visit.get().userId() == null
        ? Future.succeededFuture()
        : ofMember(sql, tenantId, visit.get().userId(), (member, all) -> ledger.earnOf(sql, tenantId, paymentId)
            .compose(earn -> earn.isEmpty() || !earn.get().memberId().equals(member.id()) ? Future.succeededFuture()
                : clawBack(sql, tenantId, paymentId, refundId, visit.get().amountFen(), earn.get()))));
  }

  /** Runs {@code work} for the diner's member, locked, under the tenant's level rules, then recomputes their level. */
  private Future<Void> ofMember(SqlClient sql, UUID tenantId, UUID userId,
                                BiFunction<PointsLedger.LockedMember, List<Level>, Future<Void>> work) {
    return levels.holdRules(sql, tenantId)
        .compose(held -> ledger.lockMemberOfUser(sql, tenantId, userId))
        .compose(member -> member.isEmpty() ? Future.succeededFuture()
            : levels.of(sql, tenantId).compose(all -> work.apply(member.get(), all)
                .compose(done -> levels.recompute(sql, tenantId, all, Optional.of(member.get().id())))));
  }

  /** Earns what {@code paidFen}, the money paid of the payment, earns; refunds of it already are clawed back. */
  private Future<Void> earn(SqlClient sql, UUID tenantId, UUID paymentId, PointsLedger.Visit visit, long paidFen,
                            PointsLedger.LockedMember member, List<Level> all) {
    Level level = LevelRules.ofRank(all, member.levelRank());
    return rules.of(sql, tenantId).compose(rule -> {
      long points = rule.points(paidFen, level.pointsMultiplier());
      if (points == 0) {
        return Future.succeededFuture();
      }
      return ledger.earn(sql, tenantId, member.id(), paymentId, points, visit.paidAt(),
              rule.expiresAt(visit.paidAt(), visit.storeZone()))
          .compose(lot -> clawBack(sql, tenantId, paymentId, null, visit.amountFen(),
              new PointsLedger.Earn(lot, member.id(), points, 0)));
    });
  }

  /**
   * Claws back what the payment's refunds so far take of its earn and was not taken yet: from the earn's own lot
   * first, then the member's other lots, oldest-expiring first. What the balance cannot give back (it was spent) is
   * recorded as the clawback's shortfall: the balance never goes below zero.
   */
  private Future<Void> clawBack(SqlClient sql, UUID tenantId, UUID paymentId, UUID refundId, long paidFen,
                                PointsLedger.Earn earn) {
    Instant now = clock.instant();
    return ledger.refundedOf(sql, tenantId, paymentId).compose(refunded -> {
      long due = PointsRules.clawbackDue(earn.points(), paidFen, refunded, earn.clawedBack());
      if (due == 0) {
        return Future.succeededFuture();
      }
      return ledger.expireDue(sql, tenantId, List.of(earn.memberId()), now)
          .compose(expired -> ledger.openLots(sql, tenantId, earn.memberId(), now))
          .compose(lots -> {
            List<PointsRules.Lot> ordered = new ArrayList<>();
            lots.stream().filter(lot -> lot.id().equals(earn.lotId())).forEach(ordered::add);
            lots.stream().filter(lot -> !lot.id().equals(earn.lotId())).forEach(ordered::add);
            return ledger.take(sql, tenantId, earn.memberId(), "clawback", PointsRules.take(ordered, due),
                "退款扣回积分", paymentId, refundId, now);
          })
          .mapEmpty();
    });
  }

  /**
   * The signed-in diner's points, their balance and history as of one moment (never a balance beside a history that
   * lacks what made it); refused when they are not a member.
   */
  public Future<Wallet> wallet(Access access, int limit, Optional<UUID> after) {
    UUID tenantId = access.tenantId();
    Instant now = clock.instant();
    return database.readingInTenant(tenantId, sql -> ledger.memberOfUser(sql, tenantId, access.user().userId())
        .compose(member -> member.isEmpty() ? Refusals.<Wallet>refuse(MembershipRefusal.NOT_A_MEMBER)
            : ledger.balance(sql, tenantId, member.get())
                .compose(balance -> ledger.expiring(sql, tenantId, member.get(), now, EXPIRING_SHOWN)
                    .compose(expiring -> ledger.history(sql, tenantId, member.get(), limit, after)
                        .map(history -> new Wallet(balance, expiring, history))))));
  }

  public Future<EarnRule> earnRule(Access access) {
    return database.inTenant(access.tenantId(), sql -> rules.of(sql, access.tenantId()));
  }

  public Future<EarnRule> setEarnRule(Access access, EarnRule rule) {
    return database.inTenant(access.tenantId(), sql -> rules.set(sql, access.tenantId(), rule));
  }
}
