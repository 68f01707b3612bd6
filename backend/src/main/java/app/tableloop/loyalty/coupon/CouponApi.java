package app.tableloop.loyalty.coupon;

import app.tableloop.identity.Callers;
import app.tableloop.ordering.CouponChoice;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Clock;
import java.util.UUID;

/** The HTTP side of coupon templates, grants, claims, wallets and checkout quotes. */
public final class CouponApi implements ApiModule {
  private final CouponService coupons;
  private final Clock clock;

  CouponApi(CouponService coupons, Clock clock) {
    this.coupons = coupons;
    this.clock = clock;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("listCouponTemplates").addHandler(rc -> coupons.templates(Callers.of(rc))
        .onSuccess(list -> rc.json(new JsonObject().put("items",
            new JsonArray(list.stream().map(CouponJson::template).toList()))))
        .onFailure(rc::fail));
    api.getRoute("createCouponTemplate").addHandler(rc -> {
      JsonObject body = Requests.body(rc);
      coupons.create(Callers.of(rc), CouponJson.draft(body), body.getBoolean("claimable", false))
          .onSuccess(template -> created(rc, CouponJson.template(template)))
          .onFailure(rc::fail);
    });
    api.getRoute("getCouponTemplate").addHandler(rc -> coupons.template(Callers.of(rc), Requests.id(rc, "template"))
        .onSuccess(template -> rc.json(CouponJson.template(template)))
        .onFailure(rc::fail));
    api.getRoute("updateCouponTemplate").addHandler(this::change);
    api.getRoute("grantCoupons").addHandler(rc -> coupons.grant(Callers.of(rc), Requests.id(rc, "template"),
            Requests.body(rc).getJsonArray("member_ids").stream().map(id -> UUID.fromString(String.valueOf(id)))
                .toList())
        .onSuccess(granted -> rc.json(CouponJson.granted(granted)))
        .onFailure(rc::fail));
    api.getRoute("claimCoupon").addHandler(rc -> coupons.claim(Callers.of(rc),
            Requests.body(rc).getString("code").toUpperCase(java.util.Locale.ROOT))
        .onSuccess(coupon -> created(rc, CouponJson.coupon(coupon, clock.instant())))
        .onFailure(rc::fail));
    api.getRoute("listWalletCoupons").addHandler(rc -> coupons.wallet(Callers.of(rc),
            Coupon.State.valueOf(Requests.query(rc, "state").map(RequestParameter::getString).orElse("available")
                .toUpperCase(java.util.Locale.ROOT)))
        .onSuccess(list -> rc.json(CouponJson.coupons(list, clock.instant())))
        .onFailure(rc::fail));
    api.getRoute("getCheckoutQuote").addHandler(rc -> coupons.quote(Callers.of(rc), Requests.id(rc, "tab"),
            CouponChoice.parse(Requests.query(rc, "coupon").map(RequestParameter::getString).orElse("best")))
        .onSuccess(quote -> rc.json(CouponJson.quote(quote, clock.instant())))
        .onFailure(rc::fail));
  }

  private void change(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    coupons.change(Callers.of(rc), Requests.id(rc, "template"), new CouponService.TemplateChange(
            body.getString("name"), body.getBoolean("active"), body.containsKey("total_stock"),
            body.getInteger("total_stock"), body.getBoolean("claimable"), body.containsKey("points_price"),
            body.getInteger("points_price")))
        .onSuccess(template -> rc.json(CouponJson.template(template)))
        .onFailure(rc::fail);
  }

  private static void created(RoutingContext rc, JsonObject json) {
    rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
  }
}
