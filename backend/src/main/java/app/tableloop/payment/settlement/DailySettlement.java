package app.tableloop.payment.settlement;

import app.tableloop.identity.Access;
import app.tableloop.menu.BusinessDay;
import app.tableloop.payment.PaymentLedger;
import app.tableloop.payment.WeChatMovement;
import app.tableloop.payment.refund.Refund;
import app.tableloop.payment.refund.Refunds;
import app.tableloop.platform.database.Database;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.exception.WxPayException;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A store's business day in money, from the ledger: what came in and went out, per method, and how our WeChat records
 * compare with WeChat Pay's trade bill of the same hours. The day is the menu's business day (04:00 to 04:00 in the
 * store's time zone); WeChat Pay's bills run midnight to midnight China time, so the bills of every China date the
 * day touches are read and cut to its hours. Payments made twice for one sale are counted once, and listed apart with
 * the refunds that gave them back.
 */
public final class DailySettlement {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Database database;
  private final Stores stores;
  private final PaymentLedger ledger;
  private final Refunds refunds;
  private final WeChatGateway gateway;
  private final TopUpBonuses bonuses;

  /** What the ledger and the records say about the day, before WeChat Pay's bill is read. */
  private record Booked(Store store, Instant from, Instant to, List<PaymentLedger.Totals> totals,
                        List<Refund> duplicates, List<WeChatMovement> ours,
                        PaymentLedger.StoredValueTotals storedValue, long bonusGrantedFen) {
  }

  public DailySettlement(Database database, Stores stores, PaymentLedger ledger, Refunds refunds,
                         WeChatGateway gateway, TopUpBonuses bonuses) {
    this.database = database;
    this.stores = stores;
    this.ledger = ledger;
    this.refunds = refunds;
    this.gateway = gateway;
    this.bonuses = bonuses;
  }

  public Future<SettlementReport> settle(Access access, LocalDate day) {
    UUID tenantId = access.tenantId();
    UUID storeId = access.storeId();
    return database.inTenant(tenantId, sql -> stores.find(sql, tenantId, storeId).map(Optional::orElseThrow)
            .compose(store -> {
              Instant from = ZonedDateTime.of(day, BusinessDay.STARTS_AT, store.timeZone()).toInstant();
              Instant to = ZonedDateTime.of(day.plusDays(1), BusinessDay.STARTS_AT, store.timeZone()).toInstant();
              return ledger.totals(sql, tenantId, storeId, from, to)
                  .compose(totals -> refunds.duplicatesPaidBetween(sql, tenantId, storeId, from, to)
                      .compose(duplicates -> ledger.wechatMovements(sql, tenantId, storeId, from, to)
                          .compose(ours -> ledger.storedValueTotals(sql, tenantId, storeId, from, to)
                              .compose(storedValue -> bonuses.grantedFen(sql, tenantId, storeId, from, to)
                                  .map(bonus -> new Booked(store, from, to, totals, duplicates, ours, storedValue,
                                      bonus))))));
            }))
        .compose(booked -> tradeBill(booked.from(), booked.to())
            .compose(billed -> billed.isEmpty() ? Future.succeededFuture(billed)
                : ofThisStore(tenantId, storeId, billed.get()).map(Optional::of))
            .map(billed -> new SettlementReport(day, booked.store().timeZone(), booked.from(), booked.to(),
                booked.totals(), booked.duplicates(), billed.isPresent(),
                billed.map(theirs -> Reconciliation.compare(booked.ours(), theirs)).orElse(List.of()),
                booked.storedValue(), booked.bonusGrantedFen())));
  }

  /** WeChat Pay's movements between the two instants; empty when a bill could not be had. */
  private Future<Optional<List<WeChatMovement>>> tradeBill(Instant from, Instant to) {
    LocalDate first = from.atZone(CHINA).toLocalDate();
    LocalDate last = to.minusSeconds(1).atZone(CHINA).toLocalDate();
    Future<List<WeChatMovement>> chain = Future.succeededFuture(new ArrayList<>());
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      LocalDate billDate = date;
      chain = chain.compose(all -> gateway.downloadTradeBill(billDate)
          .map(TradeBillLines::parse)
          // WeChat Pay has no bill for a day without transactions, nor for one not yet over.
          .recover(failure -> noStatement(failure) ? Future.succeededFuture(List.of()) : Future.failedFuture(failure))
          .map(movements -> {
            movements.stream().filter(movement -> !movement.at().isBefore(from) && movement.at().isBefore(to))
                .forEach(all::add);
            return all;
          }));
    }
    return chain.map(Optional::of).otherwise(Optional.empty());
  }

  private Future<List<WeChatMovement>> ofThisStore(UUID tenantId, UUID storeId, List<WeChatMovement> billed) {
    return database.inTenant(tenantId, sql -> ledger.otherStoresOutTradeNos(sql, storeId,
            billed.stream().map(WeChatMovement::outTradeNo).distinct().toList()))
        .map(others -> billed.stream().filter(movement -> !others.contains(movement.outTradeNo())).toList());
  }

  private static boolean noStatement(Throwable failure) {
    return failure instanceof WxPayException wechat && "NO_STATEMENT_EXIST".equals(wechat.getErrCode());
  }
}
