package app.tableloop;

import app.tableloop.campaign.CampaignModule;
import app.tableloop.campaign.CampaignPersonalData;
import app.tableloop.demo.DemoSeed;
import app.tableloop.demo.TryItLog;
import app.tableloop.identity.IdentityModule;
import app.tableloop.identity.StaffInvites;
import app.tableloop.insight.InsightModule;
import app.tableloop.insight.customer.CustomerInsightModule;
import app.tableloop.insight.suggestion.SuggestionModule;
import app.tableloop.loyalty.LoyaltyModule;
import app.tableloop.loyalty.LoyaltyPersonalData;
import app.tableloop.loyalty.coupon.Checkout;
import app.tableloop.loyalty.storedvalue.TopUps;
import app.tableloop.membership.MembershipModule;
import app.tableloop.membership.PersonalData;
import app.tableloop.menu.MenuModule;
import app.tableloop.notice.NoticeModule;
import app.tableloop.notice.NoticePersonalData;
import app.tableloop.ordering.OrderingModule;
import app.tableloop.payment.PaymentFollowUp;
import app.tableloop.payment.PaymentModule;
import app.tableloop.platform.config.Config;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.OperationsApi;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.platform.runtime.Features;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.platform.runtime.Infrastructure;
import app.tableloop.platform.runtime.ServiceVerticle;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.referral.ReferralModule;
import app.tableloop.referral.ReferralPersonalData;
import app.tableloop.tenancy.TenancyModule;
import app.tableloop.wechat.WeChatConnection;
import app.tableloop.wechat.WeChatGateway;
import app.tableloop.wechat.WeChatSettings;
import app.tableloop.wechat.simulator.SimulatedConnection;
import app.tableloop.wechat.simulator.SimulatorSettings;
import app.tableloop.wechat.simulator.WeChatSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: which features the service mounts, and the running service's life from start to a graceful
 * stop (stop accepting, drain, close the pools, stop the embedded servers).
 */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  /**
   * The AppID the built-in simulator answers as. Always the same, so that a simulated user (the demo owner, a test
   * diner) keeps their openid, and with it their roles, when the service restarts.
   */
  private static final String SIMULATOR_APP_ID = "wx7ab1e10000000000";

  /** What the product mounts: the guard and every feature's API module, given the platform and WeChat. */
  @FunctionalInterface
  public interface Modules {
    Features.Api create(Platform platform, WeChatGateway wechat, Buffer contractDocument);
  }

  /**
   * Every feature of the product, in the order they build on each other: each module wires itself from the platform
   * and the modules it needs.
   */
  public static final Modules FEATURES = (platform, wechat, contractDocument) -> {
    IdentityModule identity = new IdentityModule(platform, wechat);
    TenancyModule tenancy = new TenancyModule(platform, wechat);
    MenuModule menu = new MenuModule(platform, identity, tenancy);
    // Placed orders are priced by loyalty (member prices, levels, coupons) through ordering's port.
    OrderingModule ordering = new OrderingModule(platform, wechat, tenancy, menu, identity,
        new Checkout(platform.clock()));
    PaymentModule payment = new PaymentModule(platform, wechat, tenancy, ordering, new TopUps());
    // Joins check referral tokens through membership's port; referral's handlers run after membership's.
    ReferralModule referral = new ReferralModule(platform, wechat);
    // Exports and erasure reach what the other features hold about a member through membership's port.
    List<PersonalData> personalData = Stream.of(LoyaltyPersonalData.sections(), ReferralPersonalData.sections(),
        CampaignPersonalData.sections(), NoticePersonalData.sections()).flatMap(List::stream).toList();
    MembershipModule membership = new MembershipModule(platform, wechat, identity, referral.tokens(), personalData);
    LoyaltyModule loyalty = new LoyaltyModule(platform, ordering, payment);
    CampaignModule campaigns = new CampaignModule(platform, loyalty.couponIssuing(), membership.marketingOptOut());
    return new Features.Api(identity.guard(), List.of(
        FeatureModule.serving(new OperationsApi(platform, contractDocument)),
        identity, tenancy, menu, ordering, payment, membership, loyalty, referral, campaigns,
        new InsightModule(platform, tenancy, campaigns),
        new CustomerInsightModule(platform, membership.maskedMembers()), new SuggestionModule(platform, campaigns),
        new NoticeModule(platform, wechat)));
  };

  private final Infrastructure infrastructure;
  private final Vertx vertx;
  private final ServiceVerticle service;
  private final Optional<WeChatSimulator> simulator;
  private final Duration shutdownGrace;

  private Application(Infrastructure infrastructure, Vertx vertx, ServiceVerticle service,
                      Optional<WeChatSimulator> simulator, Duration shutdownGrace) {
    this.infrastructure = infrastructure;
    this.vertx = vertx;
    this.service = service;
    this.simulator = simulator;
    this.shutdownGrace = shutdownGrace;
  }

  /** Starts everything and returns once the HTTP port is bound; on failure, stops what did start and throws. */
  public static Application start(Config config, WeChatSettings wechat, HttpSettings http, Modules modules) {
    return start(config, wechat, http, modules, Clock.systemUTC());
  }

  /**
   * As {@link #start(Config, WeChatSettings, HttpSettings, Modules)}, the simulator (if any) on its own clock: WeChat's
   * records can then be of another day than the service's.
   */
  public static Application start(Config config, WeChatSettings wechat, HttpSettings http, Modules modules,
                                  Clock simulatorClock) {
    long began = System.nanoTime();
    Infrastructure infrastructure = Infrastructure.startDatabase(config);
    Vertx vertx = null;
    try {
      infrastructure.startRedis();
      infrastructure.migrate();
      VertxFactory.Runtime runtime = VertxFactory.create();
      vertx = runtime.vertx();
      boolean ownSimulator = wechat.mode() == WeChatSettings.Mode.SIMULATOR && wechat.simulatorUrl().isEmpty();
      Optional<WeChatSimulator> simulator = ownSimulator
          ? Optional.of(await(startSimulator(vertx, config, simulatorClock).toCompletionStage(), Duration.ofMinutes(1)))
          : Optional.empty();
      WeChatConnection connection = connection(wechat, simulator);
      Features features = (platform, contract) -> modules.create(platform,
          WeChatGateway.create(platform.vertx(), platform.redis().client(), connection, wechat), contract);
      ServiceVerticle service = new ServiceVerticle(http, infrastructure.connections(), infrastructure.dataKeys(),
          runtime.metrics(), features);
      await(vertx.deployVerticle(service).toCompletionStage(), Duration.ofMinutes(2));
      // The simulator this instance runs, or the one another instance runs for it.
      Optional<String> simulatorUrl = simulator.map(WeChatSimulator::baseUrl).or(wechat::simulatorUrl);
      Optional<StaffInvites.Invite> seededInvite = config.databaseUrl().isEmpty()
          ? await(seedDemo(vertx, infrastructure, config, simulatorUrl, http, service.port()).toCompletionStage(),
              Duration.ofMinutes(1))
          : Optional.empty();
      if (simulatorUrl.isPresent() && config.databaseUrl().isEmpty()) {
        await(logTryIt(vertx, infrastructure, config, simulatorUrl.get(), http, service.port(), seededInvite)
            .toCompletionStage(), Duration.ofMinutes(1));
      } else if (simulatorUrl.isPresent()) {
        TryItLog.logWithoutDemo(localUrl(http, service.port()), simulatorUrl.get());
      }
      LOG.info("TableLoop started in {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
      return new Application(infrastructure, vertx, service, simulator, config.shutdownGrace());
    } catch (RuntimeException e) {
      if (vertx != null) {
        vertx.close();
      }
      infrastructure.close();
      throw e;
    }
  }

  /**
   * The embedded default's first run gets a demo restaurant, so that there is something to scan and to read. The start
   * waits for the restaurant (one transaction), not for its day of business, which is played against the running
   * service right after and logs its own line. Answers the owner invite it logged, if it seeded the restaurant now.
   */
  private static Future<Optional<StaffInvites.Invite>> seedDemo(Vertx vertx, Infrastructure infrastructure,
                                                               Config config, Optional<String> simulatorUrl,
                                                               HttpSettings http, int port) {
    Database database = Database.connect(vertx, infrastructure.connections().appDatabase(), 2, "tableloop-seed");
    DemoSeed demo = new DemoSeed(vertx, database, localUrl(http, port), simulatorUrl, config.publicBaseUrl(),
        Clock.systemUTC());
    return demo.seedIfEmpty()
        .onComplete(seeded -> {
          Future<?> done = seeded.succeeded() && seeded.result().isPresent() ? seeded.result().get().day()
              : Future.succeededFuture();
          done.eventually(database::close);
        })
        .map(seeded -> seeded.map(seeding -> seeding.restaurant().restaurant().ownerInvite()));
  }

  /** Every start of the embedded default with the simulator logs what a newcomer needs to try the demo restaurant. */
  private static Future<Void> logTryIt(Vertx vertx, Infrastructure infrastructure, Config config,
                                       String simulatorUrl, HttpSettings http, int port,
                                       Optional<StaffInvites.Invite> seededInvite) {
    Database database = Database.connect(vertx, infrastructure.connections().appDatabase(), 1, "tableloop-try-it");
    return new TryItLog(vertx, database, localUrl(http, port), simulatorUrl, config.publicBaseUrl(),
        Clock.systemUTC()).log(seededInvite).eventually(database::close);
  }

  /** Where this process's own service answers, from the same machine. */
  private static String localUrl(HttpSettings http, int port) {
    String host = http.host().equals("0.0.0.0") || http.host().equals("::") ? "127.0.0.1" : http.host();
    return "http://" + host + ":" + port;
  }

  /** Live WeChat, this instance's own simulator, or the simulator another instance runs (WECHAT_SIMULATOR_URL). */
  private static WeChatConnection connection(WeChatSettings wechat, Optional<WeChatSimulator> simulator) {
    if (simulator.isPresent()) {
      return simulator.get().connection();
    }
    if (wechat.simulatorUrl().isPresent()) {
      String url = wechat.simulatorUrl().get();
      WeChatConnection shared = SimulatedConnection.fetch(url, wechat.timeout());
      LOG.info("WeChat simulator: {} (another instance's, AppID {})", url, shared.appId());
      return shared;
    }
    LOG.info("WeChat: live, {}", wechat.live().orElseThrow());
    return wechat.live().orElseThrow();
  }

  /**
   * With no AppID configured, the built-in WeChat simulator answers for WeChat, on loopback; it keeps its records in
   * the data directory when there is one.
   */
  private static Future<WeChatSimulator> startSimulator(Vertx vertx, Config config, Clock clock) {
    return WeChatSimulator.start(vertx, SimulatorSettings.defaults(), clock, SIMULATOR_APP_ID,
            config.wechatSimulatorPort(), config.wechatSimulatorRecords())
        .onSuccess(simulator -> LOG.info("WeChat: no AppID configured, so the built-in simulator answers (see the "
            + "README); it keeps its records {}", config.wechatSimulatorRecords().map(dir -> "in " + dir)
            .orElse("in memory only (no TABLELOOP_DATA_DIR)")));
  }

  /** The WeChat simulator, when this service runs with one (dev mode and tests). */
  public Optional<WeChatSimulator> simulator() {
    return simulator;
  }

  public int port() {
    return service.port();
  }

  /** The service's Vert.x, whose event bus reaches its background jobs (e.g. {@code PaymentFollowUp.FOLLOW_UP_NOW}). */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    LOG.info("Shutting down: draining requests for up to {} s", shutdownGrace.toSeconds());
    try {
      await(vertx.close().toCompletionStage(), shutdownGrace.plusSeconds(15));
    } catch (RuntimeException e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
    } finally {
      infrastructure.close();
    }
    LOG.info("TableLoop stopped");
  }

  private static <T> T await(CompletionStage<T> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s", e);
    }
  }
}
