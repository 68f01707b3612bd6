package app.tableloop.loyalty.coupon;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.ordering.CouponChoice;
import app.tableloop.ordering.DinerCarts;
import app.tableloop.ordering.OrderingRefusal;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.refusal.Refusal;
import app.tableloop.platform.refusal.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Coupons as people use them: the owner defines templates, changes what may change of them and grants coupons to
 * members; a member claims one with a code, looks into their wallet, and sees at checkout what their cart costs with
 * the coupon of their choice. Each call is one transaction bound to the store's tenant.
 */
public final class CouponService {
  /** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final CouponTemplates templates;
  private final Coupons coupons;
  private final CouponIssuing issuing;
  private final Checkout checkout;
  private final DinerCarts carts;
  private final Clock clock;

  CouponService(Database database, CouponTemplates templates, Coupons coupons, CouponIssuing issuing,
                Checkout checkout, DinerCarts carts, Clock clock) {
    this.database = database;
    this.templates = templates;
    this.coupons = coupons;
    this.issuing = issuing;
    this.checkout = checkout;
    this.carts = carts;
    this.clock = clock;
  }

  /** What an owner may change of a template: the rest is fixed once coupons may have been issued with it. */
  record TemplateChange(String name, Boolean active, boolean setsStock, Integer totalStock, Boolean claimable,
                        boolean setsPointsPrice, Integer pointsPrice) {
  }

  /** What a grant to many members came to: how many got one, and why the others did not. */
  record Granted(int issued, List<Refusing> refused) {
  }

  record Refusing(UUID memberId, Refusal refusal) {
  }

  Future<List<CouponTemplate>> templates(Access access) {
    return database.inTenant(access.tenantId(), sql -> templates.list(sql, access.tenantId()));
  }

  Future<CouponTemplate> template(Access access, UUID templateId) {
    return database.inTenant(access.tenantId(), sql -> found(templates.find(sql, access.tenantId(), templateId)));
  }

  /** A new template, given out with a fresh claim code when it is claimable. */
  Future<CouponTemplate> create(Access access, CouponTemplate draft, boolean claimable) {
    CouponTemplate template = new CouponTemplate(UUID.randomUUID(), draft.name(), draft.terms(), draft.validity(),
        draft.totalStock(), 0, 0, draft.perMemberLimit(), claimable ? claimCode() : null, draft.pointsPrice(),
        draft.active(), null);
    Optional<Refusal> wrong = TemplateRules.check(template, clock.instant());
    if (wrong.isPresent()) {
      return refuse(wrong.get());
    }
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> templates.unknownDishes(sql, tenantId, template.terms())
        .compose(unknown -> unknown.isPresent() ? refuse(unknown.get())
            : templates.insert(sql, tenantId, template, access.user().userId())));
  }

  Future<CouponTemplate> change(Access access, UUID templateId, TemplateChange change) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> found(templates.lock(sql, tenantId, templateId))
        .compose(template -> {
          Optional<Refusal> wrong = change.setsStock()
              ? TemplateRules.restock(template.totalStock(), change.totalStock()) : Optional.empty();
          if (wrong.isPresent()) {
            return refuse(wrong.get());
          }
          String name = Optional.ofNullable(change.name()).orElse(template.name());
          if (!TemplateRules.nameFits(name)) {
            return refuse(CouponRefusal.NAME_INVALID);
          }
          boolean claimable = Optional.ofNullable(change.claimable()).orElse(template.claimable());
          return templates.update(sql, tenantId, new CouponTemplate(template.id(), name, template.terms(),
              template.validity(), change.setsStock() ? change.totalStock() : template.totalStock(),
              template.issuedCount(), template.redeemedCount(), template.perMemberLimit(),
              !claimable ? null : template.claimable() ? template.claimCode() : claimCode(),
              change.setsPointsPrice() ? change.pointsPrice() : template.pointsPrice(),
              Optional.ofNullable(change.active()).orElse(template.active()), template.createdAt()));
        }));
  }

  /**
   * The owner gives one coupon of the template to each member listed, as far as stock and limits allow; a member
   * refused (unknown, at the limit, out of stock by then) is listed with the reason, and the others keep theirs.
   */
  Future<Granted> grant(Access access, UUID templateId, List<UUID> memberIds) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> found(templates.find(sql, tenantId, templateId))
        .compose(template -> {
          List<Refusing> refused = new ArrayList<>();
          Future<Integer> chain = Future.succeededFuture(0);
          for (UUID memberId : memberIds.stream().distinct().toList()) {
            chain = chain.compose(issued -> issuing.issue(sql, tenantId, memberId, templateId, CouponSource.OWNER)
                .map(coupon -> issued + 1)
                .recover(failure -> {
                  if (failure instanceof Refused refusal) {
                    refused.add(new Refusing(memberId, refusal.refusal()));
                    return Future.succeededFuture(issued);
                  }
                  return Future.failedFuture(failure);
                }));
          }
          return chain.map(issued -> new Granted(issued, List.copyOf(refused)));
        }));
  }

  /** The signed-in member claims the coupon of a claim code. */
  Future<Coupon> claim(Access access, String code) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> templates.byClaimCode(sql, tenantId, code)
            .compose(template -> template.isEmpty() ? refuse(CouponRefusal.CLAIM_CODE_UNKNOWN)
                : issuing.issue(sql, tenantId, memberId, template.get().id(), CouponSource.CLAIM))));
  }

  Future<List<Coupon>> wallet(Access access, Coupon.State state) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> coupons.wallet(sql, tenantId, memberId, state, clock.instant())));
  }

  /** What the diner's tab's cart would cost them now, with the coupon chosen; nothing is redeemed. */
  Future<CheckoutRules.Quote> quote(Access access, UUID tabId, CouponChoice choice) {
    UUID tenantId = access.tenantId();
    UUID userId = access.user().userId();
    return database.inTenant(tenantId, sql -> carts.priced(sql, tenantId, access.storeId(), tabId, userId)
        .compose(cart -> cart.isEmpty() ? refuse(OrderingRefusal.TAB_NOT_FOUND)
            : !cart.get().priced() ? refuse(cart.get().refusal())
            : checkout.quote(sql, tenantId, userId, cart.get().lines(), choice, clock.instant()))
        .compose(priced -> priced.outcome().priced() ? Future.succeededFuture(priced.outcome().quote())
            : refuse(priced.outcome().refusal())));
  }

  /** The caller's member id here; refused, saying to join first, when they are none. */
  private Future<UUID> member(SqlClient sql, Access access) {
    return coupons.memberOf(sql, access.tenantId(), access.user().userId())
        .compose(member -> member.isPresent() ? Future.succeededFuture(member.get())
            : refuse(CouponRefusal.JOIN_FIRST));
  }

  private static <T> Future<T> found(Future<Optional<T>> read) {
    return read.compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : refuse(CouponRefusal.TEMPLATE_NOT_FOUND));
  }

  private static String claimCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return code.toString();
  }
}
