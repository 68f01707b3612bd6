package app.tableloop.loyalty.storedvalue;

import app.tableloop.identity.Access;
import app.tableloop.identity.Role;
import app.tableloop.loyalty.storedvalue.StoredValueAccounts.Entry;
import app.tableloop.loyalty.storedvalue.StoredValueRules.Split;
import app.tableloop.payment.CounterCheckout;
import app.tableloop.payment.Payment;
import app.tableloop.payment.PaymentStatus;
import app.tableloop.payment.StoredValueBalance;
import app.tableloop.payment.TopUpPayments;
import app.tableloop.payment.WeChatCheckout;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.database.Pipelined;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored value (储值): the owner's top-up packages; members topping up through WeChat Pay (credited once its payment is
 * confirmed, by {@link StoredValueEvents}); paying an order or a tab from the balance, as a payment of method
 * {@code stored_value} recorded like any other; and the owner handing unspent principal back. How the balance is spent
 * and given back is {@link StoredValueRules}.
 */
public final class StoredValue implements StoredValueBalance {
  static final int HISTORY_PAGE = 50;

  private final Database database;
  private final TopUpPackages packages;
  private final TopUps topUps;
  private final StoredValueAccounts accounts;
  private final TopUpPayments topUpPayments;
  private final CounterCheckout checkout;
  private final WeChatCheckout wechat;
  private final Clock clock;

  /** A top-up with the state of its payment. */
  record TopUpState(TopUps.TopUp topUp, PaymentStatus status) {
  }

  /** A member's balance and a page of its history. */
  record Wallet(Split balance, List<StoredValueAccounts.Booked> history) {
  }

  /** Unspent principal handed back: how much, the bonus that went with it, and the balance left. */
  record HandedBack(UUID memberId, long principalFen, long bonusForfeitedFen, Split balance) {
  }

  StoredValue(Database database, TopUpPackages packages, TopUps topUps, StoredValueAccounts accounts,
              TopUpPayments topUpPayments, CounterCheckout checkout, WeChatCheckout wechat, Clock clock) {
    this.database = database;
    this.packages = packages;
    this.topUps = topUps;
    this.accounts = accounts;
    this.topUpPayments = topUpPayments;
    this.checkout = checkout;
    this.wechat = wechat;
    this.clock = clock;
  }

  // --- packages ---

  /** The tenant's packages: all of them for the restaurant, the active ones for diners. */
  Future<List<TopUpPackage>> packages(Access access) {
    return database.inTenant(access.tenantId(), sql -> packages.list(sql, access.tenantId(),
        access.role() == Role.DINER));
  }

  Future<TopUpPackage> addPackage(Access access, String name, long priceFen, long bonusFen) {
    return bonusFen > priceFen ? Refusals.refuse(StoredValueRefusal.BONUS_ABOVE_PRICE)
        : database.inTenant(access.tenantId(), sql -> packages.insert(sql, access.tenantId(), name, priceFen,
            bonusFen));
  }

  Future<TopUpPackage> changePackage(Access access, UUID packageId, String name, Boolean active) {
    return database.inTenant(access.tenantId(), sql -> packages.update(sql, access.tenantId(), packageId, name,
            active))
        .compose(changed -> changed.isPresent() ? Future.succeededFuture(changed.get())
            : Refusals.refuse(StoredValueRefusal.PACKAGE_NOT_FOUND));
  }

  // --- the member's wallet and top-ups ---

  /**
   * The balance and its history of one moment (a read-only transaction), sent together: a top-up credited meanwhile
   * shows in both or in neither.
   */
  Future<Wallet> wallet(Access access, Long before) {
    UUID tenantId = access.tenantId();
    return database.readingInTenant(tenantId, sql -> member(sql, access).compose(memberId -> {
      Future<Split> balance = accounts.balance(sql, tenantId, memberId);
      Future<List<StoredValueAccounts.Booked>> history =
          database.committingWith(sql, accounts.history(sql, tenantId, memberId, before, HISTORY_PAGE));
      return Pipelined.all(balance, history).map(read -> new Wallet(balance.result(), history.result()));
    }));
  }

  /**
   * The member starts a top-up of an active package: the top-up and its WeChat payment are written together, then
   * WeChat Pay's prepay is asked for; answers the top-up's id and what {@code wx.requestPayment} takes.
   */
  Future<JsonObject> topUp(Access access, UUID packageId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
            .compose(memberId -> packages.byId(sql, tenantId, packageId)
                .compose(offered -> offered.isEmpty() ? Refusals.<Payment>refuse(StoredValueRefusal.PACKAGE_NOT_FOUND)
                    : !offered.get().active() ? Refusals.<Payment>refuse(StoredValueRefusal.PACKAGE_INACTIVE)
                    : topUps.insert(sql, tenantId, access.storeId(), memberId, offered.get())
                        .compose(topUpId -> topUpPayments.insert(sql, tenantId, access.storeId(), topUpId,
                                offered.get().priceFen(), access.user().openId(), "储值充值 " + offered.get().name())
                            .compose(payment -> topUps.attachPayment(sql, tenantId, topUpId, payment.id())
                                .map(payment))))))
        .compose(payment -> topUpPayments.prepare(tenantId, payment)
            .map(prepared -> new JsonObject().put("top_up_id", payment.topUpId().toString())
                .put("payment", prepared)));
  }

  /** The member's top-up; a pending one is first looked up on WeChat Pay, as "I have paid" does for orders. */
  Future<TopUpState> topUpState(Access access, UUID topUpId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> ownTopUp(sql, access, topUpId))
        .compose(topUp -> topUpPayments.check(tenantId, topUp.paymentId()))
        .compose(checked -> database.inTenant(tenantId, sql -> ownTopUp(sql, access, topUpId)
            .compose(topUp -> topUpPayments.payment(sql, tenantId, topUp.paymentId())
                .map(payment -> new TopUpState(topUp, payment.status())))));
  }

  private Future<TopUps.TopUp> ownTopUp(SqlClient sql, Access access, UUID topUpId) {
    return member(sql, access).compose(memberId -> topUps.ofMember(sql, access.tenantId(), memberId, topUpId))
        .compose(topUp -> topUp.isPresent() ? Future.succeededFuture(topUp.get())
            : Refusals.refuse(StoredValueRefusal.TOP_UP_NOT_FOUND));
  }

  // --- paying from the balance ---

  /**
   * The diner pays an order of their tab awaiting payment from their balance; with {@code wechatForRest}, a balance
   * that does not cover it is used whole and WeChat Pay asked for the rest (see
   * {@link WeChatCheckout#requestWithStoredValue}): answers the payment, or the held part and the WeChat payment.
   */
  Future<PaidOrHeld> payOrder(Access access, UUID tabId, UUID orderId, boolean wechatForRest) {
    Future<PaidOrHeld> fromBalance = checkout.takeStoredValue(access, tabId, orderId, this).map(PaidOrHeld.Paid::new);
    return !wechatForRest ? fromBalance : fromBalance.recover(failure -> balanceShort(failure)
        ? wechat.requestWithStoredValue(access, tabId, orderId, this).map(PaidOrHeld.Held::new)
        : Future.failedFuture(failure));
  }

  /** A payment from the balance: paid whole, or held with WeChat Pay asked for the rest. */
  sealed interface PaidOrHeld {
    record Paid(Payment payment) implements PaidOrHeld {
    }

    record Held(WeChatCheckout.PreparedRest held) implements PaidOrHeld {
    }

    record TabPaid(CounterCheckout.TabTaken taken) implements PaidOrHeld {
    }
  }

  /** The diner pays everything their tab still owes from their balance; with {@code wechatForRest} as an order. */
  Future<PaidOrHeld> payTab(Access access, UUID tabId, boolean wechatForRest) {
    Future<PaidOrHeld> fromBalance = checkout.takeTabStoredValue(access, tabId, this).map(PaidOrHeld.TabPaid::new);
    return !wechatForRest ? fromBalance : fromBalance.recover(failure -> balanceShort(failure)
        ? wechat.requestTabWithStoredValue(access, tabId, this).map(PaidOrHeld.Held::new)
        : Future.failedFuture(failure));
  }

  private static boolean balanceShort(Throwable failure) {
    return failure instanceof Refused refused && refused.refusal() == StoredValueRefusal.BALANCE_SHORT;
  }

  @Override
  public Future<Long> lockAvailable(SqlClient sql, UUID tenantId, UUID userId) {
    return memberOf(sql, tenantId, userId)
        .compose(memberId -> accounts.lock(sql, tenantId, memberId))
        .map(Split::totalFen);
  }

  @Override
  public Future<Void> check(SqlClient sql, UUID tenantId, UUID userId, long amountFen) {
    return memberOf(sql, tenantId, userId)
        .compose(memberId -> accounts.balance(sql, tenantId, memberId))
        .compose(balance -> balance.totalFen() < amountFen ? Refusals.refuse(StoredValueRefusal.BALANCE_SHORT)
            : Future.<Void>succeededFuture());
  }

  /** Takes the payment off the payer's balance under its lock; proportionally from principal and bonus. */
  @Override
  public Future<Void> take(SqlClient sql, UUID tenantId, UUID userId, Payment payment) {
    return memberOf(sql, tenantId, userId)
        .compose(memberId -> accounts.lock(sql, tenantId, memberId)
            .compose(balance -> balance.totalFen() < payment.amountFen()
                ? Refusals.<Boolean>refuse(StoredValueRefusal.BALANCE_SHORT)
                : payment.amountFen() == 0 ? Future.succeededFuture(false)
                : accounts.book(sql, tenantId, memberId, new Entry("payment:" + payment.id(), "payment",
                    payment.storeId(), negative(StoredValueRules.spend(payment.amountFen(), balance)), null,
                    payment.id(), payment.orderId(), payment.tabId(), null, null, clock.instant()))))
        .mapEmpty();
  }

  // --- handing unspent principal back ---

  /**
   * The owner hands {@code amountFen} of the member's unspent principal back in cash at the store (see
   * {@link TopUpPayments#handBackInCash}); the bonus goes with it in proportion. Asked again under the same key, it
   * answers the first hand-back and changes nothing.
   */
  Future<HandedBack> handBack(Access access, UUID memberId, long amountFen, String reason, String key) {
    UUID tenantId = access.tenantId();
    String entryKey = "refund:" + access.storeId() + ":" + key;
    return database.inTenant(tenantId, sql -> accounts.isMember(sql, tenantId, memberId)
        .compose(found -> !found ? Refusals.<Optional<StoredValueAccounts.Keyed>>refuse(
            StoredValueRefusal.MEMBER_NOT_FOUND) : accounts.byKey(sql, tenantId, entryKey))
        .compose(earlier -> earlier.isPresent() ? same(sql, tenantId, earlier.get(), memberId, amountFen)
            : accounts.lock(sql, tenantId, memberId).compose(balance -> {
              if (amountFen > balance.principalFen()) {
                return Refusals.refuse(StoredValueRefusal.PRINCIPAL_SHORT);
              }
              Split out = new Split(amountFen, StoredValueRules.forfeitedBonus(amountFen, balance));
              return accounts.book(sql, tenantId, memberId, new Entry(entryKey, "refund", access.storeId(),
                      negative(out), null, null, null, null, reason, access.user().userId(), clock.instant()))
                  .compose(booked -> topUps.credited(sql, tenantId, memberId))
                  .compose(credited -> topUpPayments.handBackInCash(sql, tenantId, access.storeId(), credited,
                      amountFen, entryKey))
                  .compose(handed -> accounts.balance(sql, tenantId, memberId))
                  .map(left -> new HandedBack(memberId, out.principalFen(), out.bonusFen(), left));
            })));
  }

  private Future<HandedBack> same(SqlClient sql, UUID tenantId, StoredValueAccounts.Keyed earlier, UUID memberId,
                                  long amountFen) {
    Split out = earlier.entry().amount();
    return !earlier.memberId().equals(memberId) || -out.principalFen() != amountFen
        ? Refusals.refuse(StoredValueRefusal.REFUND_KEY_REUSED)
        : accounts.balance(sql, tenantId, memberId)
            .map(left -> new HandedBack(memberId, -out.principalFen(), -out.bonusFen(), left));
  }

  private Future<UUID> member(SqlClient sql, Access access) {
    return memberOf(sql, access.tenantId(), access.user().userId());
  }

  private Future<UUID> memberOf(SqlClient sql, UUID tenantId, UUID userId) {
    return accounts.memberOf(sql, tenantId, userId)
        .compose(member -> member.isPresent() ? Future.succeededFuture(member.get())
            : Refusals.refuse(StoredValueRefusal.NOT_A_MEMBER));
  }

  private static Split negative(Split amount) {
    return new Split(-amount.principalFen(), -amount.bonusFen());
  }
}
