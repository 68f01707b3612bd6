package app.tableloop.loyalty.storedvalue;

import static app.tableloop.platform.http.Requests.body;
import static app.tableloop.platform.http.Requests.id;
import static app.tableloop.platform.http.Requests.optionalBody;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/** The HTTP side of stored value: packages, the member's wallet and top-ups, paying from it, handing it back. */
public final class StoredValueApi implements ApiModule {
  private final StoredValue storedValue;

  StoredValueApi(StoredValue storedValue) {
    this.storedValue = storedValue;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listTopUpPackages").addHandler(rc -> storedValue.packages(Callers.of(rc))
        .onSuccess(packages -> rc.json(StoredValueJson.packages(packages)))
        .onFailure(rc::fail));
    api.getRoute("createTopUpPackage").addHandler(rc -> {
      JsonObject body = body(rc);
      storedValue.addPackage(Callers.of(rc), body.getString("name").strip(), body.getLong("price_fen"),
              body.getLong("bonus_fen", 0L))
          .onSuccess(created -> created(rc, StoredValueJson.topUpPackage(created)))
          .onFailure(rc::fail);
    });
    api.getRoute("changeTopUpPackage").addHandler(rc -> {
      JsonObject body = body(rc);
      String name = body.getString("name");
      storedValue.changePackage(Callers.of(rc), id(rc, "package"), name == null ? null : name.strip(),
              body.getBoolean("active"))
          .onSuccess(changed -> rc.json(StoredValueJson.topUpPackage(changed)))
          .onFailure(rc::fail);
    });
    api.getRoute("getStoredValueWallet").addHandler(rc -> storedValue.wallet(Callers.of(rc),
            Requests.query(rc, "after").map(after -> Long.valueOf(after.getString())).orElse(null))
        .onSuccess(wallet -> rc.json(StoredValueJson.wallet(wallet)))
        .onFailure(rc::fail));
    api.getRoute("startTopUp").addHandler(rc -> storedValue.topUp(Callers.of(rc),
            UUID.fromString(body(rc).getString("package_id")))
        .onSuccess(started -> created(rc, started))
        .onFailure(rc::fail));
    api.getRoute("getTopUp").addHandler(rc -> storedValue.topUpState(Callers.of(rc), id(rc, "topUp"))
        .onSuccess(state -> rc.json(StoredValueJson.topUp(state)))
        .onFailure(rc::fail));
    api.getRoute("payOrderWithStoredValue").addHandler(rc -> storedValue.payOrder(Callers.of(rc), id(rc, "tab"),
            id(rc, "order"), optionalBody(rc).getBoolean("wechat_for_rest", false))
        .onSuccess(answer -> created(rc, StoredValueJson.paidOrHeld(answer)))
        .onFailure(rc::fail));
    api.getRoute("payTabWithStoredValue").addHandler(rc -> storedValue.payTab(Callers.of(rc), id(rc, "tab"),
            optionalBody(rc).getBoolean("wechat_for_rest", false))
        .onSuccess(answer -> created(rc, StoredValueJson.paidOrHeld(answer)))
        .onFailure(rc::fail));
    api.getRoute("refundStoredValue").addHandler(rc -> {
      JsonObject body = body(rc);
      storedValue.handBack(Callers.of(rc), id(rc, "member"), body.getLong("amount_fen"), body.getString("reason"),
              body.getString("idempotency_key"))
          .onSuccess(handed -> created(rc, StoredValueJson.handedBack(handed)))
          .onFailure(rc::fail);
    });
  }

  private static void created(RoutingContext rc, JsonObject json) {
    rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
  }
}
