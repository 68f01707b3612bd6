package app.tableloop.loyalty.storedvalue;

import app.tableloop.payment.CounterCheckout;
import app.tableloop.payment.Payment;
import app.tableloop.payment.PaymentStatus;
import app.tableloop.payment.WeChatCheckout;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Stored value as the API sends it. */
final class StoredValueJson {
  private StoredValueJson() {
  }

  static JsonObject topUpPackage(TopUpPackage offered) {
    return new JsonObject()
        .put("id", offered.id().toString())
        .put("name", offered.name())
        .put("price_fen", offered.priceFen())
        .put("bonus_fen", offered.bonusFen())
        .put("active", offered.active())
        .put("created_at", offered.createdAt().toString());
  }

  static JsonObject packages(List<TopUpPackage> packages) {
    return new JsonObject().put("items", new JsonArray(packages.stream().map(StoredValueJson::topUpPackage).toList()));
  }

  static JsonObject wallet(StoredValue.Wallet wallet) {
    List<StoredValueAccounts.Booked> history = wallet.history();
    return balance(wallet.balance())
        .put("history", new JsonObject()
            .put("items", new JsonArray(history.stream().map(StoredValueJson::entry).toList()))
            .put("next", history.size() < StoredValue.HISTORY_PAGE ? null
                : String.valueOf(history.get(history.size() - 1).id())));
  }

  private static JsonObject balance(StoredValueRules.Split balance) {
    return new JsonObject()
        .put("balance_fen", balance.totalFen())
        .put("principal_fen", balance.principalFen())
        .put("bonus_fen", balance.bonusFen());
  }

  private static JsonObject entry(StoredValueAccounts.Booked entry) {
    return new JsonObject()
        .put("id", String.valueOf(entry.id()))
        .put("kind", entry.kind())
        .put("amount_fen", entry.amount().totalFen())
        .put("principal_fen", entry.amount().principalFen())
        .put("bonus_fen", entry.amount().bonusFen())
        .put("top_up_id", text(entry.topUpId()))
        .put("payment_id", text(entry.paymentId()))
        .put("order_id", text(entry.orderId()))
        .put("tab_id", text(entry.tabId()))
        .put("reason", entry.reason())
        .put("at", entry.at().toString());
  }

  static JsonObject topUp(StoredValue.TopUpState state) {
    TopUps.TopUp topUp = state.topUp();
    return new JsonObject()
        .put("id", topUp.id().toString())
        .put("state", state.status().wireName())
        .put("package", new JsonObject()
            .put("id", topUp.packageId().toString())
            .put("name", topUp.name())
            .put("price_fen", topUp.priceFen())
            .put("bonus_fen", topUp.bonusFen()))
        .put("payment_id", text(topUp.paymentId()))
        .put("credited", topUp.creditedAt() != null)
        .put("created_at", topUp.createdAt().toString())
        .put("credited_at", topUp.creditedAt() == null ? null : topUp.creditedAt().toString());
  }

  /** Paid from the balance whole; or its part held (pending until WeChat Pay is paid) and the WeChat payment. */
  static JsonObject paidOrHeld(StoredValue.PaidOrHeld answer) {
    if (answer instanceof StoredValue.PaidOrHeld.Held held) {
      return new JsonObject()
          .put("held", payment(held.held().hold()).put("status", PaymentStatus.PENDING.wireName()))
          .put("wechat", WeChatCheckout.json(held.held().rest()));
    }
    if (answer instanceof StoredValue.PaidOrHeld.TabPaid tab) {
      return tabPayment(tab.taken());
    }
    return payment(((StoredValue.PaidOrHeld.Paid) answer).payment());
  }

  /** A payment just taken from the balance: paid (it was recorded paid in the transaction that took it). */
  static JsonObject payment(Payment payment) {
    return new JsonObject()
        .put("id", payment.id().toString())
        .put("order_id", text(payment.orderId()))
        .put("tab_id", text(payment.tabId()))
        .put("out_trade_no", payment.outTradeNo())
        .put("method", payment.method().wireName())
        .put("amount_fen", payment.amountFen())
        .put("status", PaymentStatus.PAID.wireName());
  }

  static JsonObject tabPayment(CounterCheckout.TabTaken taken) {
    return payment(taken.payment())
        .put("order_ids", new JsonArray(taken.orderIds().stream().map(UUID::toString).toList()));
  }

  static JsonObject handedBack(StoredValue.HandedBack handed) {
    return new JsonObject()
        .put("member_id", handed.memberId().toString())
        .put("refunded_fen", handed.principalFen())
        .put("bonus_forfeited_fen", handed.bonusForfeitedFen())
        .put("method", "cash")
        .put("balance", balance(handed.balance()));
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
