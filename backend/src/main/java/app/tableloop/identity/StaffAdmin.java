package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.platform.refusal.CommonRefusal;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Who works where: inviting people to a store or a tenant, accepting invites, listing and removing staff. */
public final class StaffAdmin {
  public static final String INVITE_PAGE = "staff/pages/invite/accept/index";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Database database;
  private final StaffInvites invites;
  private final StaffRoles staff;
  private final Sessions sessions;
  private final WeChatGateway wechat;

  public StaffAdmin(Database database, StaffInvites invites, StaffRoles staff, Sessions sessions,
                    WeChatGateway wechat) {
    this.database = database;
    this.invites = invites;
    this.staff = staff;
    this.sessions = sessions;
    this.wechat = wechat;
  }

  /**
   * Invites someone to {@code role}: owners and staff at a store, operators at no store, and only as
   * {@link InvitePolicy} lets the caller.
   *
   * @param validHours null: {@link StaffInvites#DEFAULT_VALIDITY}
   */
  public Future<StaffInvites.Invite> invite(Access access, UUID storeId, Role role, Integer validHours) {
    if ((role == Role.OPERATOR) != (storeId == null)) {
      return Refusals.refuse(IdentityRefusal.STORE_REQUIRED_FOR_ROLE);
    }
    if (!InvitePolicy.mayInvite(access.role(), role)) {
      return Refusals.refuse(IdentityRefusal.ROLE_NOT_ALLOWED);
    }
    Duration validFor = validHours == null ? StaffInvites.DEFAULT_VALIDITY : Duration.ofHours(validHours);
    return database.inTenant(access.tenantId(), sql -> invites.create(sql, access.tenantId(), storeId, role,
            access.user().userId(), validFor))
        .recover(failure -> failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? Refusals.refuse(CommonRefusal.NOT_FOUND.at("store_id")) : Future.failedFuture(failure));
  }

  /** The mini-program code (PNG) that opens an invite of the caller's store. */
  public Future<byte[]> inviteCode(Access access, String token) {
    return database.inTenant(access.tenantId(), sql -> invites.belongsTo(sql, access.tenantId(), access.storeId(),
            token))
        .compose(found -> found ? wechat.unlimitedCode("i=" + token, INVITE_PAGE, 430)
            : Refusals.refuse(IdentityRefusal.INVITE_NOT_FOUND));
  }

  public Future<RoleGrant> accept(String token, SignedInUser user) {
    return invites.accept(token, user).compose(outcome -> {
      if (outcome instanceof StaffInvites.Accepted accepted) {
        return Future.succeededFuture(accepted.grant());
      }
      return Refusals.refuse(outcome instanceof StaffInvites.AlreadyUsed ? IdentityRefusal.INVITE_USED
          : outcome instanceof StaffInvites.Expired ? IdentityRefusal.INVITE_EXPIRED
          : IdentityRefusal.INVITE_NOT_FOUND);
    });
  }

  public Future<List<StaffRoles.Member>> staffOf(Access access) {
    return database.inTenant(access.tenantId(), sql -> staff.ofStore(sql, access.tenantId(), access.storeId()));
  }

  /** Removing someone also signs them out everywhere, at once. */
  public Future<Void> remove(Access access, UUID userId) {
    List<Role> removable = Arrays.stream(Role.values())
        .filter(role -> role != Role.OPERATOR && InvitePolicy.mayRemove(access.role(), role)).toList();
    return database.inTenant(access.tenantId(), sql -> staff.remove(sql, access.tenantId(), access.storeId(),
            userId, removable))
        .compose(removed -> removed == 0 ? Refusals.refuse(CommonRefusal.NOT_FOUND.at("user"))
            : sessions.closeAll(userId));
  }
}
