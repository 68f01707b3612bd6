package app.tableloop.wechat.simulator;

import app.tableloop.wechat.WeChatConnection;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the WeChat endpoints TableLoop uses, served over HTTP on loopback so that the unmodified
 * WxJava clients talk to it: mini-program APIs at its base URL, and WeChat Pay API v3 as an HTTP proxy answering for
 * {@code api.mch.weixin.qq.com}. Dev mode and tests use it; it is product code, not a mock: keys are generated
 * here, signatures are real, and its state lives on its own event loop.
 */
public final class WeChatSimulator extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WeChatSimulator.class);
  /** The host WxJava must see to sign requests and verify responses; the simulator answers for it as a proxy. */
  static final String PAY_HOST = "api.mch.weixin.qq.com";

  private final SimulatedAccount account;
  private final SimulatorSettings settings;
  private final Clock clock;
  private final int port;
  private MiniProgramSimulation miniProgram;
  private PaySimulation pay;
  private HttpServer server;

  private WeChatSimulator(SimulatedAccount account, SimulatorSettings settings, Clock clock, int port) {
    this.account = account;
    this.settings = settings;
    this.clock = clock;
    this.port = port;
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
    WeChatSimulator simulator = new WeChatSimulator(
        SimulatedAccount.generate(appId, settings.payVerification(), clock.instant()), settings, clock, port);
    return vertx.deployVerticle(simulator).map(id -> simulator);
  }

  @Override
  public Future<?> start() {
    miniProgram = new MiniProgramSimulation(account, settings, clock);
    pay = new PaySimulation(vertx, account, settings, clock);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(4 * 1024 * 1024));
    miniProgram.mount(router);
    pay.mount(router);
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
        .onSuccess(listening -> {
          server = listening;
          LOG.info("WeChat simulator listening on http://127.0.0.1:{} (AppID {}, merchant {})",
              listening.actualPort(), account.appId, account.mchId);
        });
  }

  /** How the WxJava clients reach this simulator, with the generated account's credentials. */
  public WeChatConnection connection() {
    return new WeChatConnection(account.appId(), account.appSecret(), account.merchantCredentials(),
        Optional.of(baseUrl()), "http://" + PAY_HOST,
        Optional.of(new WeChatConnection.HostPort("127.0.0.1", server.actualPort())));
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
