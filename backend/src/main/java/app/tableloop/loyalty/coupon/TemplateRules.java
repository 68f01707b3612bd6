package app.tableloop.loyalty.coupon;

import app.tableloop.platform.refusal.Refusal;
import java.time.Instant;
import java.util.Optional;

/**
 * What makes a coupon template well defined, beyond the contract's ranges: the terms of its kind and only those, a
 * scope that lists what it names, a validity that ends after it starts and not in the past, a stock that only grows.
 * Whether the dishes and categories named exist is the database's to answer. Plain rules, no I/O.
 */
public final class TemplateRules {
  public static final int MAX_SCOPE_IDS = 100;

  private TemplateRules() {
  }

  public static Optional<Refusal> check(CouponTemplate template, Instant now) {
    if (!nameFits(template.name())) {
      return Optional.of(CouponRefusal.NAME_INVALID);
    }
    CouponTerms terms = template.terms();
    boolean amount = terms.amountOffFen() != null;
    boolean percent = terms.percentOff() != null;
    boolean dish = terms.freeDishId() != null;
    boolean termsFit = switch (terms.kind()) {
      case AMOUNT_OFF -> amount && !percent && !dish && terms.capFen() == null;
      case PERCENT_OFF -> !amount && percent && !dish;
      case FREE_DISH -> !amount && !percent && dish && terms.capFen() == null;
    };
    if (!termsFit) {
      return Optional.of(CouponRefusal.TERMS_FOR_ANOTHER_KIND);
    }
    boolean listsIds = !terms.scopeIds().isEmpty() && terms.scopeIds().size() <= MAX_SCOPE_IDS
        && terms.scopeIds().stream().distinct().count() == terms.scopeIds().size();
    if ((terms.scope() == CouponTerms.Scope.MENU) != terms.scopeIds().isEmpty()
        || (terms.scope() != CouponTerms.Scope.MENU && !listsIds)) {
      return Optional.of(CouponRefusal.SCOPE_IDS_REQUIRED);
    }
    CouponTemplate.Validity validity = template.validity();
    if (validity.fixed() && (validity.startsAt() == null || validity.endsAt() == null
        || !validity.endsAt().isAfter(validity.startsAt()) || !validity.endsAt().isAfter(now))) {
      return Optional.of(CouponRefusal.VALIDITY_INVALID);
    }
    return Optional.empty();
  }

  /** A name of 1 to 30 characters once stripped of surrounding blanks. */
  public static boolean nameFits(String name) {
    return name != null && !name.isBlank() && name.strip().codePointCount(0, name.strip().length()) <= 30;
  }

  /** A new total stock must leave room for what was issued and never shrink: null (unlimited) always does. */
  public static Optional<Refusal> restock(Integer current, Integer wanted) {
    return wanted == null || (current != null && wanted >= current) ? Optional.empty()
        : Optional.of(CouponRefusal.STOCK_DECREASE);
  }
}
