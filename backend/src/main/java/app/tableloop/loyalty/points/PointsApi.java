package app.tableloop.loyalty.points;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Optional;
import java.util.UUID;

/** The diner's points, and the owner's earn rule. */
public final class PointsApi implements ApiModule {
  private static final int DEFAULT_PAGE = 20;
  private static final String END_OF_NEXT_YEAR = "end_of_next_year";

  private final Points points;

  public PointsApi(Points points) {
    this.points = points;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getMyPoints").addHandler(this::wallet);
    api.getRoute("getPointsEarnRule").addHandler(rc -> points.earnRule(Callers.of(rc))
        .onSuccess(rule -> rc.json(json(rule))).onFailure(rc::fail));
    api.getRoute("setPointsEarnRule").addHandler(rc -> {
      JsonObject body = Requests.body(rc);
      Object expiry = body.getValue("expiry", END_OF_NEXT_YEAR);
      points.setEarnRule(Callers.of(rc), new EarnRule(body.getInteger("points_per_yuan"),
              expiry instanceof JsonObject days ? Optional.of(days.getInteger("days")) : Optional.empty()))
          .onSuccess(rule -> rc.json(json(rule))).onFailure(rc::fail);
    });
  }

  private void wallet(RoutingContext rc) {
    int limit = Requests.query(rc, "limit").map(parameter -> parameter.getInteger()).orElse(DEFAULT_PAGE);
    Optional<UUID> after = Requests.query(rc, "after").map(parameter -> UUID.fromString(parameter.getString()));
    points.wallet(Callers.of(rc), limit, after)
        .onSuccess(wallet -> rc.json(new JsonObject()
            .put("balance", wallet.balance())
            .put("expiring", new JsonArray(wallet.expiring().stream().map(expiring -> new JsonObject()
                .put("points", expiring.points())
                .put("expires_at", expiring.expiresAt().toString())).toList()))
            .put("history", new JsonObject()
                .put("items", new JsonArray(wallet.history().stream().map(PointsApi::json).toList()))
                .put("next", wallet.history().size() < limit ? null
                    : wallet.history().get(wallet.history().size() - 1).id().toString()))))
        .onFailure(rc::fail);
  }

  private static JsonObject json(PointsLedger.Entry entry) {
    return new JsonObject()
        .put("id", entry.id().toString())
        .put("kind", entry.kind())
        .put("points", entry.points())
        .put("shortfall", entry.shortfall())
        .put("reason", entry.reason())
        .put("order_id", entry.orderId() == null ? null : entry.orderId().toString())
        .put("tab_id", entry.tabId() == null ? null : entry.tabId().toString())
        .put("at", entry.at().toString());
  }

  private static JsonObject json(EarnRule rule) {
    return new JsonObject()
        .put("points_per_yuan", rule.pointsPerYuan())
        .put("expiry", rule.expiryDays().<Object>map(days -> new JsonObject().put("days", days))
            .orElse(END_OF_NEXT_YEAR));
  }
}
