package app.tableloop.loyalty.coupon;

import app.tableloop.ordering.Orders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Coupon templates, coupons and checkout quotes as the API sends and reads them; coupons and their terms also as
 * points redemption sends them.
 */
public final class CouponJson {
  private CouponJson() {
  }

  static JsonObject template(CouponTemplate template) {
    JsonObject json = terms(new JsonObject()
        .put("id", template.id().toString())
        .put("name", template.name()), template.terms())
        .put("validity", validity(template.validity()))
        .put("total_stock", template.totalStock())
        .put("issued_count", template.issuedCount())
        .put("redeemed_count", template.redeemedCount())
        .put("per_member_limit", template.perMemberLimit())
        .put("claimable", template.claimable())
        .put("claim_code", template.claimCode())
        .put("points_price", template.pointsPrice())
        .put("active", template.active())
        .put("created_at", template.createdAt().toString());
    return json;
  }

  public static JsonObject coupon(Coupon coupon, Instant now) {
    return terms(new JsonObject()
        .put("id", coupon.id().toString())
        .put("template_id", coupon.templateId().toString())
        .put("name", coupon.name()), coupon.terms())
        .put("state", coupon.state(now).wireName())
        .put("valid_from", coupon.validFrom().toString())
        .put("valid_until", coupon.validUntil().toString())
        .put("issued_at", coupon.issuedAt().toString())
        .put("source", coupon.source().wireName())
        .put("used_at", coupon.usedAt() == null ? null : coupon.usedAt().toString())
        .put("order_id", coupon.orderId() == null ? null : coupon.orderId().toString());
  }

  static JsonObject coupons(List<Coupon> coupons, Instant now) {
    return new JsonObject().put("items", new JsonArray(coupons.stream().map(coupon -> coupon(coupon, now)).toList()));
  }

  static JsonObject quote(CheckoutRules.Quote quote, Instant now) {
    return new JsonObject()
        .put("subtotal_fen", quote.subtotalFen())
        .put("adjustments", Orders.adjustmentsJson(quote.adjustments()))
        .put("discount_fen", quote.discountFen())
        .put("total_fen", quote.totalFen())
        .put("coupons", new JsonArray(quote.options().stream().map(option -> {
          JsonObject json = new JsonObject().put("coupon", coupon(option.coupon(), now))
              .put("usable", option.usable())
              .put("discount_fen", option.discountFen());
          if (option.reason() != null) {
            json.put("reason", option.reason().code()).put("reason_message", option.reason().message())
                .put("reason_message_en", option.reason().messageEn());
          }
          return json;
        }).toList()))
        .put("chosen_coupon_id", quote.chosen().map(coupon -> coupon.id().toString()).orElse(null));
  }

  static JsonObject granted(CouponService.Granted granted) {
    return new JsonObject().put("issued", granted.issued())
        .put("refused", new JsonArray(granted.refused().stream().map(refusing -> new JsonObject()
            .put("member_id", refusing.memberId().toString())
            .put("code", refusing.refusal().code())
            .put("message", refusing.refusal().message())
            .put("message_en", refusing.refusal().messageEn())).toList()));
  }

  /** A template's definition as the owner sent it (validated by the contract); its counts start at nought. */
  static CouponTemplate draft(JsonObject body) {
    JsonObject scope = body.getJsonObject("scope", new JsonObject().put("kind", "menu"));
    JsonObject validity = body.getJsonObject("validity");
    String freeDish = body.getString("free_dish_id");
    CouponTerms terms = new CouponTerms(CouponTerms.Kind.fromWireName(body.getString("kind")),
        body.getLong("threshold_fen", 0L), body.getLong("amount_off_fen"), body.getInteger("percent_off"),
        body.getLong("cap_fen"), freeDish == null ? null : UUID.fromString(freeDish),
        body.getBoolean("first_visit_only", false), CouponTerms.Scope.fromWireName(scope.getString("kind")),
        scope.getJsonArray("ids", new JsonArray()).stream().map(id -> UUID.fromString(String.valueOf(id))).toList(),
        body.getBoolean("stackable", false),
        body.getJsonArray("valid_hours", new JsonArray()).stream().map(hour -> ((Number) hour).intValue()).distinct()
            .sorted().toList());
    boolean fixed = validity.getString("kind").equals("fixed");
    return new CouponTemplate(null, body.getString("name"), terms, new CouponTemplate.Validity(
            fixed ? Instant.parse(validity.getString("starts_at")) : null,
            fixed ? Instant.parse(validity.getString("ends_at")) : null,
            fixed ? null : validity.getInteger("days")),
        body.getInteger("total_stock"), 0, 0, body.getInteger("per_member_limit", 1), null,
        body.getInteger("points_price"), body.getBoolean("active", true), null);
  }

  /** A template's validity: fixed dates, or days from the moment a coupon is issued. */
  public static JsonObject validity(CouponTemplate.Validity validity) {
    return validity.fixed()
        ? new JsonObject().put("kind", "fixed").put("starts_at", validity.startsAt().toString())
            .put("ends_at", validity.endsAt().toString())
        : new JsonObject().put("kind", "days").put("days", validity.days());
  }

  /** The terms' fields added to {@code json}: templates, coupons and points offers show them alike. */
  public static JsonObject terms(JsonObject json, CouponTerms terms) {
    return json.put("kind", terms.kind().wireName())
        .put("threshold_fen", terms.thresholdFen())
        .put("amount_off_fen", terms.amountOffFen())
        .put("percent_off", terms.percentOff())
        .put("cap_fen", terms.capFen())
        .put("free_dish_id", terms.freeDishId() == null ? null : terms.freeDishId().toString())
        .put("first_visit_only", terms.firstVisitOnly())
        .put("scope", new JsonObject().put("kind", terms.scope().wireName())
            .put("ids", new JsonArray(terms.scopeIds().stream().map(UUID::toString).toList())))
        .put("stackable", terms.stackable())
        .put("valid_hours", new JsonArray(terms.validHours()))
        .put("store_ids", terms.storeIds() == null ? null
            : new JsonArray(terms.storeIds().stream().map(UUID::toString).toList()));
  }
}
