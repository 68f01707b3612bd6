package app.tableloop.identity;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.wechat.WeChatGateway;
import java.util.List;

/** Signing in with WeChat, sessions, roles and staff invites; the guard every operation passes first. */
public final class IdentityModule implements FeatureModule {
  private final AccessGuard guard;
  private final LiveViewers liveViewers;
  private final Sessions sessions;
  private final StoreTenants storeTenants;
  private final List<ApiModule> apis;

  public IdentityModule(Platform platform, WeChatGateway wechat) {
    Database database = platform.database();
    this.sessions = new Sessions(platform.redis(), platform.live());
    Users users = new Users(database);
    this.storeTenants = new StoreTenants(database);
    this.guard = new AccessGuard(sessions, users, storeTenants);
    this.liveViewers = new LiveViewers(sessions, users);
    this.apis = List.of(
        new SignInApi(new WeChatSignIn(wechat, users, sessions, new SignInLimits(platform.redis()))),
        new StaffApi(new StaffAdmin(database, new StaffInvites(database, platform.clock()), new StaffRoles(), sessions,
            wechat), platform.publicBaseUrl()));
  }

  public AccessGuard guard() {
    return guard;
  }

  /** Whether a live feed's session and role still hold: for the features that serve feeds. */
  public LiveViewers liveViewers() {
    return liveViewers;
  }

  /** The sessions, for the features that end a person's sessions (their leaving a membership). */
  public Sessions sessions() {
    return sessions;
  }

  /** Which tenant a store belongs to, for the features that serve a store before knowing its tenant. */
  public StoreTenants storeTenants() {
    return storeTenants;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }
}
