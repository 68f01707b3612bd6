package app.tableloop.payment;

import app.tableloop.platform.http.Refusals;
import app.tableloop.identity.Access;
import app.tableloop.ordering.Order;
import app.tableloop.ordering.OrderStatus;
import app.tableloop.ordering.PayableOrders;
import app.tableloop.ordering.Tab;
import app.tableloop.platform.database.Database;
import app.tableloop.tenancy.Store;
import app.tableloop.tenancy.Stores;
import app.tableloop.wechat.WeChatGateway;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result.JsapiResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A diner paying a pay-first order with WeChat Pay: the JSAPI prepay whose signed parameters the mini-program passes
 * to {@code wx.requestPayment}, and the "I have paid" check that asks WeChat Pay instead of waiting for its
 * notification. Asking twice hands out the same payment (same out_trade_no, so WeChat Pay answers the same
 * prepay_id), never a second charge.
 */
public final class WeChatCheckout {
  static final Duration PAYABLE_FOR = Duration.ofMinutes(15);
  /** A payment about to expire is not handed out again: the diner would not finish paying in time. */
  private static final long REUSE_MARGIN_SECONDS = 60;
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final int DESCRIPTION_LIMIT = 127;

  private final Database database;
  private final Stores stores;
  private final PayableOrders orders;
  private final Payments payments;
  private final StoredValueHolds holds;
  private final WeChatPaymentQueries queries;
  private final WeChatGateway gateway;
  private final String notifyUrl;
  private final Clock clock;

  /** A payment handed to the mini-program, with what it passes to {@code wx.requestPayment}. */
  public record Prepared(Payment payment, JsapiResult parameters) {
  }

  public WeChatCheckout(Database database, Stores stores, PayableOrders orders, Payments payments,
                        StoredValueHolds holds, WeChatPaymentQueries queries, WeChatGateway gateway,
                        String notifyUrl, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.orders = orders;
    this.payments = payments;
    this.holds = holds;
    this.queries = queries;
    this.gateway = gateway;
    this.notifyUrl = notifyUrl;
    this.clock = clock;
  }

  /** The signed-in diner's WeChat payment of an order of their tab awaiting payment: reused while payable. */
  public Future<Prepared> request(Access access, UUID tabId, UUID orderId) {
    UUID tenantId = access.tenantId();
    String payer = access.user().openId();
    return database.inTenant(tenantId, sql -> dinersOrder(sql, access, tabId, orderId)
            .compose(order -> order.status() != OrderStatus.AWAITING_PAYMENT
                ? Refusals.<Payment>refuse(PaymentRefusal.NOT_AWAITING_PAYMENT)
                : payments.lockPending(sql, tenantId, orderId, payer)
                    .compose(pending -> pending.isPresent() && reusable(pending.get(), order)
                        ? Future.succeededFuture(pending.get())
                        : payments.closePending(sql, tenantId, orderId, payer)
                            .compose(closed -> holds.release(sql, tenantId, closed))
                            .compose(released -> newPayment(sql, access, order, payer)))))
        .compose(payment -> prepare(tenantId, payment));
  }

  /** A WeChat payment handed to the mini-program, as the API answers it. */
  public static JsonObject json(Prepared prepared) {
    return PaymentJson.prepared(prepared);
  }

  /** The balance's part of an order, held, and the WeChat payment of the rest handed to the mini-program. */
  public record PreparedRest(Payment hold, Prepared rest) {
  }

  private record Held(Payment hold, Payment rest) {
  }

  /**
   * The diner pays an order of their tab awaiting payment with their whole balance and WeChat Pay for the rest: the
   * balance's part is taken now and held (a pending stored-value payment), and the WeChat payment of the rest names
   * it; the order is placed once WeChat Pay is paid, both payments paid together, and the hold released if the WeChat
   * payment is given up. Asking again hands out the same pair while payable. The balance is locked first, so a
   * diner's two requests at once queue there. Refused when the balance is empty or covers the whole order.
   */
  public Future<PreparedRest> requestWithStoredValue(Access access, UUID tabId, UUID orderId,
                                                     StoredValueBalance balance) {
    UUID tenantId = access.tenantId();
    String payer = access.user().openId();
    return database.inTenant(tenantId, sql -> dinersOrder(sql, access, tabId, orderId)
            .compose(order -> order.status() != OrderStatus.AWAITING_PAYMENT
                ? Refusals.<Held>refuse(PaymentRefusal.NOT_AWAITING_PAYMENT)
                : balance.lockAvailable(sql, tenantId, access.user().userId())
                    .compose(available -> payments.lockPending(sql, tenantId, orderId, payer)
                        .compose(pending -> reusableWithHold(sql, tenantId, pending, order.totalFen())
                            .compose(reuse -> reuse.isPresent() ? Future.succeededFuture(reuse.get())
                                : payments.closePending(sql, tenantId, orderId, payer)
                                    .compose(closed -> holds.release(sql, tenantId, closed))
                                    // An empty balance is refused as the port refuses it.
                                    .compose(released -> balance.check(sql, tenantId, access.user().userId(), 1))
                                    .compose(some -> available >= order.totalFen()
                                        ? Refusals.<Held>refuse(PaymentRefusal.STORED_VALUE_CHANGED)
                                        : newHeld(sql, access, order.id(), order.totalFen(), available,
                                            store -> description(store, order), balance,
                                            payment -> payments.insert(sql, tenantId, payment)
                                                .map(Optional::orElseThrow))))))))
        .compose(held -> prepare(tenantId, held.rest()).map(prepared -> new PreparedRest(held.hold(), prepared)));
  }

  /** As {@link #requestWithStoredValue}, for everything the diner's open tab still owes at the end of the meal. */
  public Future<PreparedRest> requestTabWithStoredValue(Access access, UUID tabId, StoredValueBalance balance) {
    UUID tenantId = access.tenantId();
    String payer = access.user().openId();
    return database.inTenant(tenantId, sql -> unpaidOfDinersTab(sql, access, tabId)
            .compose(unpaid -> balance.lockAvailable(sql, tenantId, access.user().userId())
                    .compose(available -> payments.lockPendingOfTab(sql, tenantId, tabId, payer)
                        .compose(pending -> reusableForTab(sql, tenantId, pending, unpaid)
                            .compose(sameOrders -> !sameOrders ? Future.succeededFuture(Optional.<Held>empty())
                                : reusableWithHold(sql, tenantId, pending, total(unpaid)))
                            .compose(reuse -> reuse.isPresent() ? Future.succeededFuture(reuse.get())
                                : payments.closePendingOfTab(sql, tenantId, tabId, payer)
                                    .compose(closed -> holds.release(sql, tenantId, closed))
                                    .compose(released -> balance.check(sql, tenantId, access.user().userId(), 1))
                                    .compose(some -> available >= total(unpaid)
                                        ? Refusals.<Held>refuse(PaymentRefusal.STORED_VALUE_CHANGED)
                                        : newHeld(sql, access, null, total(unpaid), available,
                                            store -> description(store, unpaid), balance,
                                            payment -> payments.insertForTab(sql, tenantId, tabId, payment)
                                                .map(Optional::orElseThrow)
                                                .compose(inserted -> payments.cover(sql, tenantId, inserted.id(),
                                                    ids(unpaid)).map(inserted)))))))))
        .compose(held -> prepare(tenantId, held.rest()).map(prepared -> new PreparedRest(held.hold(), prepared)));
  }

  /** What the signed-in diner's open tab still owes, order by order; refused when it is not theirs, closed or paid. */
  private Future<List<Order>> unpaidOfDinersTab(SqlClient sql, Access access, UUID tabId) {
    UUID tenantId = access.tenantId();
    UUID storeId = access.storeId();
    return orders.dinersTab(sql, tenantId, storeId, tabId, access.user().userId())
        .compose(tab -> tab.isEmpty() ? Refusals.<List<Order>>refuse(PaymentRefusal.TAB_NOT_FOUND)
            : !tab.get().open() ? Refusals.<List<Order>>refuse(PaymentRefusal.TAB_NOT_OPEN)
            : orders.unpaidOfTab(sql, tenantId, storeId, tabId))
        .compose(unpaid -> unpaid.isEmpty() ? Refusals.<List<Order>>refuse(PaymentRefusal.NOTHING_TO_PAY)
            : Future.succeededFuture(unpaid));
  }

  private static long total(List<Order> orders) {
    return orders.stream().mapToLong(Order::totalFen).sum();
  }

  /** A pending WeChat payment of the rest is handed out again while payable, its hold held and the total the same. */
  private Future<Optional<Held>> reusableWithHold(SqlClient sql, UUID tenantId, Optional<Payment> pending,
                                                  long totalFen) {
    if (pending.isEmpty() || pending.get().holdId() == null
        || !pending.get().reusableAt(clock.instant(), REUSE_MARGIN_SECONDS)) {
      return Future.succeededFuture(Optional.empty());
    }
    return payments.lockById(sql, tenantId, pending.get().holdId())
        .map(hold -> hold.status() == PaymentStatus.PENDING
            && hold.amountFen() + pending.get().amountFen() == totalFen
            ? Optional.of(new Held(hold, pending.get())) : Optional.empty());
  }

  /**
   * The balance's part held (taken off the balance now) and the WeChat payment of the rest naming it, both inserted by
   * {@code insert} (an order's payments, or a tab's covering its unpaid orders; {@code orderId} null).
   */
  private Future<Held> newHeld(SqlClient sql, Access access, UUID orderId, long totalFen, long availableFen,
                               Function<Store, String> description, StoredValueBalance balance,
                               Function<Payments.NewPayment, Future<Payment>> insert) {
    UUID tenantId = access.tenantId();
    String payer = access.user().openId();
    Instant expiresAt = clock.instant().plus(PAYABLE_FOR).truncatedTo(ChronoUnit.SECONDS);
    return stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
        .compose(store -> insert.apply(new Payments.NewPayment(store.id(), orderId, OutTradeNo.next(),
                PaymentMethod.STORED_VALUE, availableFen, payer, null, null, null))
            .compose(hold -> balance.take(sql, tenantId, access.user().userId(), hold)
                .compose(taken -> insert.apply(new Payments.NewPayment(store.id(), orderId, OutTradeNo.next(),
                    PaymentMethod.WECHAT, totalFen - availableFen, payer, description.apply(store), expiresAt, null)))
                .compose(rest -> payments.attachHold(sql, tenantId, rest.id(), hold.id())
                    .map(new Held(hold, rest)))));
  }

  /**
   * The signed-in diner's WeChat payment of everything their tab still owes at the end of an eat-first meal: reused
   * while payable and still for the same orders.
   */
  public Future<Prepared> requestForTab(Access access, UUID tabId) {
    UUID tenantId = access.tenantId();
    String payer = access.user().openId();
    return database.inTenant(tenantId, sql -> unpaidOfDinersTab(sql, access, tabId)
            .compose(unpaid -> payments.lockPendingOfTab(sql, tenantId, tabId, payer)
                    .compose(pending -> reusableForTab(sql, tenantId, pending, unpaid)
                        .compose(reuse -> reuse ? Future.succeededFuture(pending.get())
                            : payments.closePendingOfTab(sql, tenantId, tabId, payer)
                                .compose(closed -> holds.release(sql, tenantId, closed))
                                .compose(released -> newTabPayment(sql, access, tabId, unpaid, payer))))))
        .compose(payment -> prepare(tenantId, payment));
  }

  /** Asks WeChat Pay for the payment's prepay (the same one again for the same out_trade_no) and records it. */
  Future<Prepared> prepare(UUID tenantId, Payment payment) {
    return gateway.createJsapiPayment(jsapiOrder(payment))
        .recover(failure -> Refusals.refuse(PaymentRefusal.WECHAT_PAY_UNAVAILABLE))
        .compose(parameters -> database.inTenant(tenantId, sql -> payments.recordPrepay(sql, tenantId,
                payment.id(), parameters.getPackageValue().replaceFirst("^prepay_id=", "")))
            .map(recorded -> new Prepared(payment, parameters)));
  }

  private Future<Payment> newTabPayment(SqlClient sql, Access access, UUID tabId, List<Order> unpaid, String payer) {
    UUID tenantId = access.tenantId();
    Instant expiresAt = clock.instant().plus(PAYABLE_FOR).truncatedTo(ChronoUnit.SECONDS);
    return stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
        .compose(store -> payments.insertForTab(sql, tenantId, tabId, new Payments.NewPayment(store.id(), null,
            OutTradeNo.next(), PaymentMethod.WECHAT, unpaid.stream().mapToLong(Order::totalFen).sum(), payer,
            description(store, unpaid), expiresAt, null)))
        .compose(inserted -> inserted.isEmpty()
            // The same diner asked twice at once: the other request's payment is the one.
            ? payments.lockPendingOfTab(sql, tenantId, tabId, payer).map(Optional::orElseThrow)
            : payments.cover(sql, tenantId, inserted.get().id(), ids(unpaid)).map(inserted.get()));
  }

  /** A pending payment is handed out again only while payable and still for exactly the orders left to pay. */
  private Future<Boolean> reusableForTab(SqlClient sql, UUID tenantId, Optional<Payment> pending,
                                         List<Order> unpaid) {
    if (pending.isEmpty() || !pending.get().reusableAt(clock.instant(), REUSE_MARGIN_SECONDS)) {
      return Future.succeededFuture(false);
    }
    return payments.covered(sql, tenantId, pending.get().id())
        .map(covered -> Set.copyOf(covered).equals(Set.copyOf(ids(unpaid))));
  }

  private static List<String> outTradeNos(List<Payment> payments) {
    return payments.stream().map(Payment::outTradeNo).toList();
  }

  private static List<UUID> ids(List<Order> orders) {
    return orders.stream().map(Order::id).toList();
  }

  private static String description(Store store, List<Order> unpaid) {
    String suffix = " 结账 " + unpaid.size() + " 单";
    String name = store.name();
    int room = DESCRIPTION_LIMIT - suffix.length();
    return (name.length() > room ? name.substring(0, room) : name) + suffix;
  }

  /**
   * "I have paid": asks WeChat Pay about the order's pending payments and records a successful one exactly as its
   * notification would; answers the order as it is then.
   */
  public Future<Order> check(Access access, UUID tabId, UUID orderId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> dinersOrder(sql, access, tabId, orderId)
            .compose(order -> order.status() != OrderStatus.AWAITING_PAYMENT
                ? Future.succeededFuture(List.<Payment>of()) : payments.pendingWeChat(sql, tenantId, orderId)))
        .compose(pending -> queries.ask(tenantId, outTradeNos(pending)))
        .compose(checked -> database.inTenant(tenantId, sql -> orders.order(sql, tenantId, access.storeId(),
            orderId).map(Optional::orElseThrow)));
  }

  /**
   * "We have paid" at the end of an eat-first meal: asks WeChat Pay about the tab's pending payments, whichever of
   * its diners started them, and records a successful one as its notification would; answers the tab as its diners
   * see it then.
   */
  public Future<JsonObject> checkTab(Access access, UUID tabId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> dinersTab(sql, access, tabId)
            .compose(tab -> payments.pendingWeChatOfTab(sql, tenantId, tabId)))
        .compose(pending -> queries.ask(tenantId, outTradeNos(pending)))
        .compose(asked -> database.inTenant(tenantId, sql -> dinersTab(sql, access, tabId)
            .compose(tab -> orders.tabState(sql, tenantId, access.storeId(), tab))));
  }

  private Future<Tab> dinersTab(SqlClient sql, Access access, UUID tabId) {
    return orders.dinersTab(sql, access.tenantId(), access.storeId(), tabId, access.user().userId())
        .compose(tab -> tab.isPresent() ? Future.succeededFuture(tab.get())
            : Refusals.<Tab>refuse(PaymentRefusal.TAB_NOT_FOUND));
  }

  private boolean reusable(Payment payment, Order order) {
    return payment.reusableAt(clock.instant(), REUSE_MARGIN_SECONDS) && payment.amountFen() == order.totalFen();
  }

  private Future<Payment> newPayment(SqlClient sql, Access access, Order order, String payer) {
    UUID tenantId = access.tenantId();
    // Whole seconds: a repeated prepay must carry exactly the time_expire of the first.
    Instant expiresAt = clock.instant().plus(PAYABLE_FOR).truncatedTo(ChronoUnit.SECONDS);
    return stores.find(sql, tenantId, access.storeId()).map(Optional::orElseThrow)
        .compose(store -> payments.insert(sql, tenantId, new Payments.NewPayment(store.id(), order.id(),
            OutTradeNo.next(), PaymentMethod.WECHAT, order.totalFen(), payer, description(store, order), expiresAt,
            null)))
        .compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get())
            // The same diner asked twice at once: the other request's payment is the one.
            : payments.lockPending(sql, tenantId, order.id(), payer).map(Optional::orElseThrow));
  }

  private WxPayUnifiedOrderV3Request jsapiOrder(Payment payment) {
    WxPayUnifiedOrderV3Request.Amount amount = new WxPayUnifiedOrderV3Request.Amount();
    amount.setTotal(Math.toIntExact(payment.amountFen()));
    amount.setCurrency("CNY");
    WxPayUnifiedOrderV3Request.Payer payer = new WxPayUnifiedOrderV3Request.Payer();
    payer.setOpenid(payment.payerOpenId());
    return new WxPayUnifiedOrderV3Request()
        .setDescription(payment.description())
        .setOutTradeNo(payment.outTradeNo())
        .setTimeExpire(RFC_3339.format(payment.expiresAt().atZone(CHINA)))
        .setNotifyUrl(notifyUrl)
        .setAmount(amount)
        .setPayer(payer);
  }

  private static String description(Store store, Order order) {
    String suffix = " 订单 " + order.number();
    String name = store.name();
    int room = DESCRIPTION_LIMIT - suffix.length();
    return (name.length() > room ? name.substring(0, room) : name) + suffix;
  }

  /** The order, if it belongs to this tab of the store and the caller is one of the tab's diners. */
  private Future<Order> dinersOrder(SqlClient sql, Access access, UUID tabId, UUID orderId) {
    return orders.dinersOrder(sql, access.tenantId(), access.storeId(), tabId, orderId, access.user().userId())
        .compose(order -> order.isPresent()
            ? Future.succeededFuture(order.get()) : Refusals.<Order>refuse(PaymentRefusal.ORDER_NOT_FOUND));
  }
}
