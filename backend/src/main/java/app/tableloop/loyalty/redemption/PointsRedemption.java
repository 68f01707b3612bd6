package app.tableloop.loyalty.redemption;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.loyalty.coupon.Coupon;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.coupon.CouponRefusal;
import app.tableloop.loyalty.coupon.CouponSource;
import app.tableloop.loyalty.coupon.CouponTemplate;
import app.tableloop.loyalty.coupon.CouponTemplates;
import app.tableloop.loyalty.points.Points;
import app.tableloop.membership.MembershipRefusal;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Members buy coupons with points: the offers (the brand's templates priced in points), and a redemption that spends
 * the points and issues the coupon in one transaction bound to the tenant, so that both happen or neither. Issuing
 * keeps the template's stock and per-member limit however many redeem at once, spending keeps the balance from going
 * below zero; a redemption retried under the same key answers the coupon it bought and spends nothing more.
 */
public final class PointsRedemption {
  private final Database database;
  private final Redemptions redemptions;
  private final Points points;
  private final CouponIssuing issuing;
  private final CouponTemplates templates;
  private final Clock clock;

  public PointsRedemption(Database database, Points points, CouponIssuing issuing, CouponTemplates templates,
                          Clock clock) {
    this.database = database;
    this.redemptions = new Redemptions();
    this.points = points;
    this.issuing = issuing;
    this.templates = templates;
    this.clock = clock;
  }

  /** A coupon on offer for points, and how many are left of it (null: unlimited). */
  public record Offer(CouponTemplate template, Integer left) {
    static Offer of(CouponTemplate template) {
      return new Offer(template, template.totalStock() == null ? null
          : Math.max(0, template.totalStock() - template.issuedCount()));
    }
  }

  /** What the signed-in member may buy with points here, cheapest first; refused when they are not a member. */
  Future<List<Offer>> offers(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> redemptions.member(sql, tenantId, access.user().userId())
        .compose(member -> member.isEmpty() ? refuse(MembershipRefusal.NOT_A_MEMBER)
            : templates.forPoints(sql, tenantId, clock.instant())
                .map(offered -> offered.stream().map(Offer::of).toList())));
  }

  /**
   * The signed-in member buys one coupon of the template with its points price, under their idempotency key. When
   * {@code agreedPrice} is given (the price the member saw), a template whose price changed since is refused. Refused
   * with nothing changed when the diner is not a member, the template is unknown here or not for points, the issue is
   * refused (inactive, ended, out of stock, limit reached), or the points are short.
   */
  Future<Coupon> redeem(Access access, UUID templateId, String key, Optional<Integer> agreedPrice) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> redemptions.lockTemplate(sql, tenantId, templateId)
        .compose(template -> redemptions.lockMember(sql, tenantId, access.user().userId())
            .compose(member -> {
              if (member.isEmpty()) {
                return refuse(MembershipRefusal.NOT_A_MEMBER);
              }
              if (template.isEmpty()) {
                return refuse(CouponRefusal.TEMPLATE_NOT_FOUND);
              }
              return redemptions.byKey(sql, tenantId, member.get(), key).compose(earlier -> earlier.isPresent()
                  ? again(sql, tenantId, templateId, earlier.get())
                  : buy(sql, tenantId, member.get(), templateId, template.get(), key, agreedPrice));
            })));
  }

  /** The key redeemed before: the same coupon again, as it is now; another template's redemption is refused. */
  private Future<Coupon> again(SqlClient sql, UUID tenantId, UUID templateId, Redemptions.Earlier earlier) {
    return earlier.templateId().equals(templateId) ? issuing.issued(sql, tenantId, earlier.couponId())
        : refuse(RedemptionRefusal.KEY_REUSED);
  }

  private Future<Coupon> buy(SqlClient sql, UUID tenantId, UUID memberId, UUID templateId,
                             Redemptions.Priced template, String key, Optional<Integer> agreedPrice) {
    Integer price = template.pointsPrice();
    if (price == null) {
      return refuse(RedemptionRefusal.NOT_FOR_POINTS);
    }
    if (agreedPrice.isPresent() && !agreedPrice.get().equals(price)) {
      return refuse(RedemptionRefusal.PRICE_CHANGED);
    }
    Instant now = clock.instant();
    // Issued first: a refusal of the issue (out of stock, limit) then never reaches the points. Either refusal fails
    // the transaction, which undoes the other.
    return issuing.issue(sql, tenantId, memberId, templateId, CouponSource.POINTS)
        .compose(coupon -> points.spend(sql, tenantId, memberId, price, "兑换优惠券：" + template.name())
            .compose(spent -> redemptions.record(sql, tenantId, memberId, key, templateId, coupon.id(),
                spent.entryId(), now))
            .map(recorded -> coupon));
  }
}
