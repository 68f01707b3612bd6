package app.tableloop.loyalty.redemption;

import app.tableloop.identity.Callers;
import app.tableloop.loyalty.coupon.CouponJson;
import app.tableloop.loyalty.coupon.CouponTemplate;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** The member's points offers, and redeeming points for a coupon. */
public final class PointsRedemptionApi implements ApiModule {
  private final PointsRedemption redemption;
  private final Clock clock;

  public PointsRedemptionApi(PointsRedemption redemption, Clock clock) {
    this.redemption = redemption;
    this.clock = clock;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listPointsOffers").addHandler(rc -> redemption.offers(Callers.of(rc))
        .onSuccess(offers -> rc.json(new JsonObject().put("items",
            new JsonArray(offers.stream().map(PointsRedemptionApi::offer).toList()))))
        .onFailure(rc::fail));
    api.getRoute("redeemPointsForCoupon").addHandler(rc -> {
      JsonObject body = Requests.body(rc);
      redemption.redeem(Callers.of(rc), UUID.fromString(body.getString("template_id")),
              body.getString("idempotency_key"), Optional.ofNullable(body.getInteger("points_price")))
          .onSuccess(coupon -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
              .end(CouponJson.coupon(coupon, clock.instant()).encode()))
          .onFailure(rc::fail);
    });
  }

  private static JsonObject offer(PointsRedemption.Offer offer) {
    CouponTemplate template = offer.template();
    return CouponJson.terms(new JsonObject()
            .put("template_id", template.id().toString())
            .put("name", template.name()), template.terms())
        .put("validity", CouponJson.validity(template.validity()))
        .put("per_member_limit", template.perMemberLimit())
        .put("points_price", template.pointsPrice())
        .put("left", offer.left());
  }
}
