package app.tableloop.identity;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which of a user's roles lets them call an operation that allows {@code allowed}, in a given tenant and store.
 * Plain rules, no I/O: an operator acts anywhere in their tenant; an owner or staff member only at their store.
 */
public final class AccessPolicy {
  private AccessPolicy() {
  }

  /** The verdict for one request. */
  public sealed interface Decision permits Granted, Forbidden, Hidden {
  }

  /** Allowed, acting as {@code role}. */
  public record Granted(Role role) implements Decision {
  }

  /** The user works here, but not in a role this operation allows: 403. */
  public record Forbidden() implements Decision {
  }

  /** The user has nothing to do with this tenant or store: answered 404, so that ids cannot be probed. */
  public record Hidden() implements Decision {
  }

  /**
   * @param storeId null for tenant-wide operations
   */
  public static Decision decide(Set<Role> allowed, Collection<RoleGrant> grants, UUID tenantId, UUID storeId) {
    Optional<Role> granted = grants.stream()
        .filter(grant -> covers(grant, tenantId, storeId))
        .map(RoleGrant::role)
        .filter(allowed::contains)
        .min(Enum::compareTo);
    if (granted.isPresent()) {
      return new Granted(granted.get());
    }
    if (allowed.contains(Role.DINER) && storeId != null) {
      return new Granted(Role.DINER);
    }
    boolean worksHere = grants.stream().anyMatch(grant -> covers(grant, tenantId, storeId));
    return worksHere ? new Forbidden() : new Hidden();
  }

  /**
   * Whether {@link #decide} needs the caller's roles to decide at a store ({@code storeId} given) or in a tenant:
   * not for what only diners do at a store, which anyone signed in may, whatever roles they hold (no role is a diner's).
   */
  public static boolean needsRoles(Set<Role> allowed, UUID storeId) {
    return storeId == null || allowed.stream().anyMatch(role -> role != Role.DINER);
  }

  private static boolean covers(RoleGrant grant, UUID tenantId, UUID storeId) {
    if (!grant.tenantId().equals(tenantId)) {
      return false;
    }
    return grant.role() == Role.OPERATOR || (storeId != null && storeId.equals(grant.storeId()));
  }
}
