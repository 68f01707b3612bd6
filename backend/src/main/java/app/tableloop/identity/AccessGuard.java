package app.tableloop.identity;

import app.tableloop.platform.http.CommonProblems;
import app.tableloop.platform.http.Guard;
import app.tableloop.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every operation declares in the contract who may call it ({@code x-roles}); no declaration means public. This
 * guard signs the caller in from the bearer token, finds the tenant of the {@code store} or {@code tenant} in the
 * path, and applies {@link AccessPolicy}. Someone with no role in that tenant or store gets 404, as if it did not
 * exist.
 */
public final class AccessGuard implements Guard {
  static final String ROLES_EXTENSION = "x-roles";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,100}");

  private final Sessions sessions;
  private final Users users;
  private final StoreTenants storeTenants;
  /** Each operation's roles, read from the contract once rather than on every request. */
  private final Map<String, Optional<Set<Role>>> rolesByOperation = new ConcurrentHashMap<>();

  public AccessGuard(Sessions sessions, Users users, StoreTenants storeTenants) {
    this.sessions = sessions;
    this.users = users;
    this.storeTenants = storeTenants;
  }

  @Override
  public Future<Void> check(RoutingContext rc, Operation operation) {
    Optional<Set<Role>> allowed = rolesByOperation.computeIfAbsent(operation.getOperationId(),
        id -> allowedRoles(operation));
    if (allowed.isEmpty()) {
      return Future.succeededFuture();
    }
    Optional<String> token = bearerToken(rc);
    if (token.isEmpty()) {
      return Future.failedFuture(new ProblemException(CommonProblems.UNAUTHORIZED));
    }
    return sessions.find(token.get()).compose(session -> {
      if (session.isEmpty()) {
        return Future.failedFuture(new ProblemException(CommonProblems.UNAUTHORIZED));
      }
      SignedInUser user = session.get();
      String sessionId = Sessions.hash(token.get());
      String store = rc.pathParam("store");
      String tenant = rc.pathParam("tenant");
      if (store != null) {
        return parse(store).map(storeId -> atStore(storeId, user.userId(), allowed.get())
                .compose(at -> at.tenantId().isEmpty() ? hidden()
                    : decide(rc, user, sessionId, allowed.get(), at.grants(), at.tenantId().get(), storeId)))
            .orElseGet(AccessGuard::hidden);
      }
      if (tenant != null) {
        return parse(tenant).map(id -> users.rolesOf(user.userId())
                .compose(grants -> decide(rc, user, sessionId, allowed.get(), grants, id, null)))
            .orElseGet(AccessGuard::hidden);
      }
      // Operations outside any tenant (signing out, accepting an invite) only need a signed-in user.
      Callers.attach(rc, new Access(user, sessionId, Role.DINER, null, null));
      return Future.succeededFuture();
    });
  }

  /**
   * The store's tenant and the caller's roles, read afresh for every request (a role taken away counts at once),
   * in one round trip; only the tenant when the decision needs no roles.
   */
  private Future<Users.AtStore> atStore(UUID storeId, UUID userId, Set<Role> allowed) {
    return AccessPolicy.needsRoles(allowed, storeId) ? users.atStore(storeId, userId)
        : storeTenants.of(storeId).map(tenant -> new Users.AtStore(tenant, List.of()));
  }

  private static Future<Void> decide(RoutingContext rc, SignedInUser user, String sessionId, Set<Role> allowed,
                                     List<RoleGrant> grants, UUID tenantId, UUID storeId) {
    AccessPolicy.Decision decision = AccessPolicy.decide(allowed, grants, tenantId, storeId);
    if (decision instanceof AccessPolicy.Granted granted) {
      Callers.attach(rc, new Access(user, sessionId, granted.role(), tenantId, storeId));
      return Future.succeededFuture();
    }
    return decision instanceof AccessPolicy.Forbidden
        ? Future.failedFuture(new ProblemException(CommonProblems.FORBIDDEN))
        : hidden();
  }

  /** The roles an operation's {@code x-roles} names; empty when the operation is public. */
  private static Optional<Set<Role>> allowedRoles(Operation operation) {
    Object declared = operation.getExtensions().get(ROLES_EXTENSION);
    if (!(declared instanceof JsonArray names)) {
      return Optional.empty();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : names) {
      roles.add(Role.fromWireName(String.valueOf(name)).orElseThrow(() -> new IllegalStateException(
          "operation " + operation.getOperationId() + " names an unknown role in x-roles: " + name)));
    }
    return Optional.of(Collections.unmodifiableSet(roles));
  }

  static Optional<String> bearerToken(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Future<Void> hidden() {
    return Future.failedFuture(new ProblemException(CommonProblems.NOT_FOUND));
  }
}
