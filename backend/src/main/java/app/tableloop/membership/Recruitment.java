package app.tableloop.membership;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;

/**
 * Staff recruiting members: each has a personal join code (as a mini-program code, or a path to share), sees whom
 * they recruited today, and the owner sees every recruiter's members and what they spent since joining.
 */
public final class Recruitment {
  /** The mini-program page a join code opens, with the code as {@code j} (scene {@code j=<code>}). */
  public static final String JOIN_PAGE = "pages/member/join/index";

  private final Database database;
  private final StaffJoinCodes codes;
  private final WeChatGateway wechat;
  private final Clock clock;

  public Recruitment(Database database, StaffJoinCodes codes, WeChatGateway wechat, Clock clock) {
    this.database = database;
    this.codes = codes;
    this.wechat = wechat;
    this.clock = clock;
  }

  /** The caller's join code at the store. */
  public Future<String> myCode(Access access) {
    return database.inTenant(access.tenantId(), sql -> codes.codeOf(sql, access.tenantId(), access.storeId(),
        access.user().userId()));
  }

  /** The caller's join code as a mini-program code (PNG) that opens the join page. */
  public Future<byte[]> myCodeImage(Access access) {
    return myCode(access).compose(code -> wechat.unlimitedCode(scene(code), JOIN_PAGE, 430));
  }

  static String scene(String code) {
    return "j=" + code;
  }

  /** The members the caller recruited today, oldest first. */
  public Future<List<JsonObject>> recruitedToday(Access access) {
    return database.inTenant(access.tenantId(), sql -> codes.recruitedToday(sql, access.tenantId(),
        access.storeId(), access.user().userId(), clock.instant()));
  }

  /** Every recruiter of the tenant, with their members' spending since joining. */
  public Future<List<JsonObject>> recruiters(Access access) {
    return database.inTenant(access.tenantId(), sql -> codes.recruiters(sql, access.tenantId()));
  }

  /** The store a scanned join code belongs to, for the join page: public, since the diner belongs to no tenant yet. */
  public Future<JsonObject> resolve(String code) {
    return database.pool().withConnection(sql -> codes.storeOf(sql, code))
        .compose(found -> found.isEmpty() ? Refusals.<JsonObject>refuse(MembershipRefusal.JOIN_CODE_UNKNOWN)
            : Future.succeededFuture(new JsonObject().put("store_id", found.get().storeId().toString())
                .put("store_name", found.get().storeName()).put("staff_code", code)));
  }
}
