package app.tableloop.demo;

import app.tableloop.loyalty.storedvalue.TopUpPackages;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Stored value at the demo restaurant: the two packages a noodle house would sell, and one member (小王) who tops up
 * 充500送60 through the simulated WeChat Pay after their meal, so the wallet and the settlement show a balance.
 */
final class DemoStoredValue {
  static final String TOPPING_UP = "小王";
  static final long SMALL_PRICE_FEN = 30000;
  static final long SMALL_BONUS_FEN = 3000;
  static final long LARGE_PRICE_FEN = 50000;
  static final long LARGE_BONUS_FEN = 6000;

  private DemoStoredValue() {
  }

  /** The packages on offer: 充300送30 and 充500送60. */
  static Future<Void> offer(Database database, UUID tenantId) {
    TopUpPackages packages = new TopUpPackages();
    return database.inTenant(tenantId, sql -> packages.insert(sql, tenantId, "充300送30", SMALL_PRICE_FEN,
            SMALL_BONUS_FEN)
        .compose(small -> packages.insert(sql, tenantId, "充500送60", LARGE_PRICE_FEN, LARGE_BONUS_FEN)))
        .mapEmpty();
  }

  /** The member tops up the larger package and pays it in WeChat, then asks whether it is paid, as the page does. */
  static Future<Void> topUp(DemoClient client, String storePath) {
    return client.signIn("演示食客-" + TOPPING_UP).compose(diner -> client.get(storePath + "/top-up-packages", diner)
        .map(packages -> packages.getJsonArray("items").stream().map(JsonObject.class::cast)
            .filter(offered -> offered.getLong("price_fen") == LARGE_PRICE_FEN).findFirst().orElseThrow()
            .getString("id"))
        .compose(large -> client.post(storePath + "/wallet/top-ups", diner, new JsonObject().put("package_id", large)))
        .compose(started -> client.payInWeChat(started.getJsonObject("payment").getJsonObject("request_payment"))
            .compose(paid -> client.get(storePath + "/wallet/top-ups/" + started.getString("top_up_id"), diner)))
        .mapEmpty());
  }
}
