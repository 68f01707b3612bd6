package app.tableloop.loyalty.storedvalue;

import app.tableloop.payment.PaymentModule;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.outbox.EventHandler;

/** Stored value's parts, wired: its API and the handler that keeps balances from payment's events. */
public final class StoredValueFeature {
  private final ApiModule api;
  private final EventHandler events;

  public StoredValueFeature(Platform platform, PaymentModule payment) {
    TopUps topUps = new TopUps();
    StoredValueAccounts accounts = new StoredValueAccounts();
    this.api = new StoredValueApi(new StoredValue(platform.database(), new TopUpPackages(), topUps, accounts,
        payment.topUpPayments(), payment.counterCheckout(), payment.wechatCheckout(), platform.clock()));
    this.events = new StoredValueEvents(topUps, accounts);
  }

  public ApiModule api() {
    return api;
  }

  public EventHandler events() {
    return events;
  }
}
