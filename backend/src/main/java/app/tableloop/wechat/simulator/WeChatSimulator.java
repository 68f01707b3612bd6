package app.tableloop.wechat.simulator;

import app.tableloop.wechat.WeChatConnection;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the WeChat endpoints TableLoop uses, served over HTTP on loopback so that the unmodified
 * WxJava clients talk to it: mini-program APIs at its base URL, and WeChat Pay API v3 as an HTTP proxy answering for
 * {@code api.mch.weixin.qq.com}. Dev mode and tests use it; it is product code, not a mock: keys are generated
 * here, signatures are real, and its state lives on its own event loop. Given a directory, it keeps there what WeChat
 * would still know after a restart: its account (AppSecret, keys) and WeChat Pay's orders and refunds.
 */
public final class WeChatSimulator extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WeChatSimulator.class);
  /** The host WxJava must see to sign requests and verify responses; the simulator answers for it as a proxy. */
  static final String PAY_HOST = "api.mch.weixin.qq.com";
  private static final String ACCOUNT_FILE = "account.json";

  private final SimulatedAccount account;
  private final SimulatorSettings settings;
  private final Clock clock;
  private final int port;
  private final PayJournal journal;
  private MiniProgramSimulation miniProgram;
  private PaySimulation pay;
  private HttpServer server;

  private WeChatSimulator(SimulatedAccount account, SimulatorSettings settings, Clock clock, int port,
                          PayJournal journal) {
    this.account = account;
    this.settings = settings;
    this.clock = clock;
    this.port = port;
    this.journal = journal;
  }

  /** Starts a simulator with a freshly generated account on a free loopback port. */
  public static Future<WeChatSimulator> start(Vertx vertx, SimulatorSettings settings, Clock clock) {
    return start(vertx, settings, clock, SimulatedAccount.randomAppId());
  }

  /**
   * As {@link #start(Vertx, SimulatorSettings, Clock)}, answering as {@code appId}: a simulated user's openid depends
   * only on the AppID and the user's name, so with the same AppID they stay the same person from one run to the next.
   */
  public static Future<WeChatSimulator> start(Vertx vertx, SimulatorSettings settings, Clock clock, String appId) {
    return start(vertx, settings, clock, appId, 0);
  }

  /** As {@link #start(Vertx, SimulatorSettings, Clock, String)}, on loopback port {@code port} (0: a free one). */
  public static Future<WeChatSimulator> start(Vertx vertx, SimulatorSettings settings, Clock clock, String appId,
                                              int port) {
    return start(vertx, settings, clock, appId, port, Optional.empty());
  }

  /**
   * As {@link #start(Vertx, SimulatorSettings, Clock, String, int)}, keeping its records in {@code records} (created,
   * owner-only) when given, and taking up those a previous run left there; empty: in memory only. Reads and writes
   * the files on the calling thread.
   */
  public static Future<WeChatSimulator> start(Vertx vertx, SimulatorSettings settings, Clock clock, String appId,
                                              int port, Optional<Path> records) {
    WeChatSimulator simulator;
    try {
      simulator = records.map(SimulatorDirectory::open)
          .map(directory -> new WeChatSimulator(account(directory, appId, settings, clock), settings, clock, port,
              PayJournal.in(directory)))
          .orElseGet(() -> new WeChatSimulator(
              SimulatedAccount.generate(appId, settings.payVerification(), clock.instant()), settings, clock, port,
              PayJournal.inMemory()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return vertx.deployVerticle(simulator).map(id -> simulator);
  }

  /** The account kept in the directory, or a new one (kept there) when there is none for this AppID. */
  private static SimulatedAccount account(SimulatorDirectory directory, String appId, SimulatorSettings settings,
                                          Clock clock) {
    Optional<SimulatedAccount> kept = directory.read(ACCOUNT_FILE)
        .map(content -> SimulatedAccount.fromJson(new JsonObject(content)))
        .filter(account -> account.plays(appId, settings.payVerification()));
    if (kept.isPresent()) {
      return kept.get();
    }
    SimulatedAccount fresh = SimulatedAccount.generate(appId, settings.payVerification(), clock.instant());
    // A new merchant has taken no payments: what is kept belonged to another one.
    directory.replace(PayJournal.FILE, "");
    directory.replace(ACCOUNT_FILE, fresh.toJson().encodePrettily());
    return fresh;
  }

  @Override
  public Future<?> start() {
    miniProgram = new MiniProgramSimulation(account, settings, clock);
    pay = new PaySimulation(vertx, account, settings, clock, journal);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(4 * 1024 * 1024));
    miniProgram.mount(router);
    pay.mount(router);
    // What another instance needs to use this simulator as its own (WECHAT_SIMULATOR_URL).
    router.get(SimulatedConnection.PATH).handler(rc -> rc.json(SimulatedConnection.describe(account)));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
        .onSuccess(listening -> {
          server = listening;
          LOG.info("WeChat simulator: http://127.0.0.1:{} (AppID {}, merchant {})",
              listening.actualPort(), account.appId, account.mchId);
        });
  }

  @Override
  public Future<?> stop() {
    journal.close();
    return Future.succeededFuture();
  }

  /** How the WxJava clients reach this simulator, with the generated account's credentials. */
  public WeChatConnection connection() {
    return SimulatedConnection.to(baseUrl(), account.appId(), account.appSecret(), account.merchantCredentials());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public SimulatedAccount account() {
    return account;
  }

  public MiniProgramSimulation miniProgram() {
    return miniProgram;
  }

  public PaySimulation pay() {
    return pay;
  }
}
