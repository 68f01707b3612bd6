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
import app.tableloop.wechat.TradeBillAnswer;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A store's business day in money, from the ledger: what came in and went out, per method, and how our WeChat records
 * compare with WeChat Pay's trade bill of the same hours. The day is the menu's business day (04:00 to 04:00 in the
 * store's time zone); WeChat Pay's bills run midnight to midnight China time, so the bills of every China date the
 * day touches are read and cut to its hours. WeChat Pay makes a date's bill the next morning: the hours of a bill it
 * cannot have yet are not compared (see {@link TradeBillCalendar}). Payments made twice for one sale are counted
 * once, and listed apart with the refunds that gave them back.
 */
public final class DailySettlement {
  private final Database database;
  private final Stores stores;
  private final PaymentLedger ledger;
  private final Refunds refunds;
  private final WeChatGateway gateway;
  private final TopUpBonuses bonuses;
  private final Clock clock;

  /** What the ledger and the records say about the day, before WeChat Pay's bill is read. */
  private record Booked(Store store, Instant from, Instant to, List<PaymentLedger.Totals> totals,
                        List<Refund> duplicates, List<WeChatMovement> ours,
                        PaymentLedger.StoredValueTotals storedValue, long bonusGrantedFen) {
  }

  private record Compared(WeChatBill bill, List<Reconciliation.Mismatch> mismatches) {
  }

  public DailySettlement(Database database, Stores stores, PaymentLedger ledger, Refunds refunds,
                         WeChatGateway gateway, TopUpBonuses bonuses, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.ledger = ledger;
    this.refunds = refunds;
    this.gateway = gateway;
    this.bonuses = bonuses;
    this.clock = clock;
  }

  public Future<SettlementReport> settle(Access access, LocalDate day) {
    UUID tenantId = access.tenantId();
    UUID storeId = access.storeId();
    // Read as of one moment: a payment or refund committed between two of these reads would leave the totals
    // disagreeing with the movements reported beside them.
    return database.readingInTenant(tenantId, sql -> stores.find(sql, tenantId, storeId).map(Optional::orElseThrow)
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
        .compose(booked -> compare(tenantId, storeId, booked)
            .map(compared -> new SettlementReport(day, booked.store().timeZone(), booked.from(), booked.to(),
                booked.totals(), booked.duplicates(), compared.bill(), compared.mismatches(), booked.storedValue(),
                booked.bonusGrantedFen())));
  }

  /**
   * Our WeChat movements against WeChat Pay's bills of the day's hours, as far as WeChat Pay has issued them: a bill
   * it cannot have yet is not asked for, and the hours it will cover are left out on both sides, so that nothing is
   * reported missing that WeChat Pay has simply not billed yet. A bill that cannot be read leaves the day uncompared.
   */
  private Future<Compared> compare(UUID tenantId, UUID storeId, Booked booked) {
    Instant now = clock.instant();
    List<LocalDate> dates = TradeBillCalendar.datesCovering(booked.from(), booked.to());
    Instant lastIssuedAt = TradeBillCalendar.issuedAt(dates.get(dates.size() - 1));
    List<LocalDate> issued = dates.stream()
        .filter(date -> !now.isBefore(TradeBillCalendar.issuedAt(date)))
        .toList();
    return download(issued).compose(answers -> {
      Instant until = booked.to();
      List<WeChatMovement> billed = new ArrayList<>();
      for (int i = 0; i < dates.size(); i++) {
        if (i >= answers.size() || answers.get(i).status() == TradeBillAnswer.Status.NOT_YET_ISSUED) {
          until = TradeBillCalendar.startOf(dates.get(i));
          break;
        }
        billed.addAll(TradeBillLines.parse(answers.get(i).text()));
      }
      if (!until.isAfter(booked.from())) {
        return Future.succeededFuture(new Compared(
            new WeChatBill(WeChatBill.State.NOT_YET_AVAILABLE, null, lastIssuedAt), List.of()));
      }
      Instant end = until;
      WeChatBill bill = end.equals(booked.to()) ? new WeChatBill(WeChatBill.State.COMPARED, end, null)
          : new WeChatBill(WeChatBill.State.PARTLY_COMPARED, end, lastIssuedAt);
      List<WeChatMovement> ours = within(booked.ours(), booked.from(), end);
      return ofThisStore(tenantId, storeId, within(billed, booked.from(), end))
          .map(theirs -> new Compared(bill, Reconciliation.compare(ours, theirs)));
    }, failure -> Future.succeededFuture(new Compared(WeChatBill.unavailable(), List.of())));
  }

  /** WeChat Pay's answers for the dates, one after another. */
  private Future<List<TradeBillAnswer>> download(List<LocalDate> dates) {
    Future<List<TradeBillAnswer>> chain = Future.succeededFuture(new ArrayList<>());
    for (LocalDate date : dates) {
      chain = chain.compose(answers -> gateway.downloadTradeBill(date).map(answer -> {
        answers.add(answer);
        return answers;
      }));
    }
    return chain;
  }

  private static List<WeChatMovement> within(List<WeChatMovement> movements, Instant from, Instant to) {
    return movements.stream().filter(movement -> !movement.at().isBefore(from) && movement.at().isBefore(to))
        .toList();
  }

  private Future<List<WeChatMovement>> ofThisStore(UUID tenantId, UUID storeId, List<WeChatMovement> billed) {
    return database.inTenant(tenantId, sql -> ledger.otherStoresOutTradeNos(sql, storeId,
            billed.stream().map(WeChatMovement::outTradeNo).distinct().toList()))
        .map(others -> billed.stream().filter(movement -> !others.contains(movement.outTradeNo())).toList());
  }
}
