package app.tableloop.loyalty.storedvalue;

import static app.tableloop.testing.Responses.ok;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/** What owners and members do with stored value, for the tests that need a balance. */
public final class StoredValueSteps {
  private final RunningService service;

  public StoredValueSteps(RunningService service) {
    this.service = service;
  }

  /** The owner puts a package on sale: 充 {@code priceFen} 送 {@code bonusFen}. */
  public JsonObject aPackage(ARestaurant at, String name, long priceFen, long bonusFen) {
    return ok(service.call(HttpMethod.POST, at.path("/top-up-packages"), at.owner(), new JsonObject()
        .put("name", name).put("price_fen", priceFen).put("bonus_fen", bonusFen)));
  }

  /** The member starts a top-up with the package: its id and the WeChat payment to pay. */
  public JsonObject topUp(ARestaurant at, String diner, String packageId) {
    return ok(service.call(HttpMethod.POST, at.path("/wallet/top-ups"), diner,
        new JsonObject().put("package_id", packageId)));
  }

  /**
   * The member tops up with the package and WeChat Pay (the simulator) pays it: their balance reaches {@code
   * balanceFen} once the notification is in. Answers the top-up as started.
   */
  public JsonObject toppedUp(ARestaurant at, String diner, String packageId, long balanceFen) {
    JsonObject started = topUp(at, diner, packageId);
    service.simulator().pay().pay(started.getJsonObject("payment").getJsonObject("payment")
        .getString("out_trade_no"));
    walletOnceAt(at, diner, balanceFen);
    return started;
  }

  public JsonObject wallet(ARestaurant at, String diner) {
    return ok(service.get(at.path("/wallet/stored-value"), diner));
  }

  public JsonObject walletOnceAt(ARestaurant at, String diner, long balanceFen) {
    return service.eventually(() -> wallet(at, diner), wallet -> wallet.getLong("balance_fen") == balanceFen);
  }

  /** Where the diner pays the order from their balance (the path under the store). */
  public static String payPath(ARestaurant.Ordered ordered) {
    return "/tabs/" + ordered.tab() + "/orders/" + ordered.order() + "/stored-value-payment";
  }
}
