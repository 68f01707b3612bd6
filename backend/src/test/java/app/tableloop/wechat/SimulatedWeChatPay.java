package app.tableloop.wechat;

import static app.tableloop.wechat.WeChatPaySimulationTest.newOutTradeNo;
import static app.tableloop.wechat.WeChatPaySimulationTest.order;

import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.MutableClock;
import app.tableloop.testing.TestEnvironment;
import app.tableloop.wechat.MerchantNotifyUrl.Inbox;
import app.tableloop.wechat.MerchantNotifyUrl.Received;
import app.tableloop.wechat.simulator.SimulatorSettings;
import app.tableloop.wechat.simulator.WeChatSimulator;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One test class's WeChat Pay: its own Redis prefix, Vert.x, a simulator (with short notification retries) and the
 * gateway wired to it, as the service wires them. Close it in {@code @AfterAll}.
 */
final class SimulatedWeChatPay implements AutoCloseable {
  /** Short waits between notification attempts, so retries happen within a test. */
  static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMillis(50), Duration.ofMillis(80),
      Duration.ofMillis(120));
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  final TestEnvironment env;
  final Vertx vertx;
  final Redis redis;
  final WeChatSimulator simulator;
  final WeChatGateway gateway;
  /** The simulator's clock: now, unless a test moves it (and back). */
  final MutableClock clock;

  private SimulatedWeChatPay(TestEnvironment env, Vertx vertx, Redis redis, WeChatSimulator simulator,
                             WeChatGateway gateway, MutableClock clock) {
    this.env = env;
    this.vertx = vertx;
    this.redis = redis;
    this.simulator = simulator;
    this.gateway = gateway;
    this.clock = clock;
  }

  static SimulatedWeChatPay start(Class<?> testClass) {
    return start(testClass, SimulatorSettings.PayVerification.PUBLIC_KEY);
  }

  static SimulatedWeChatPay start(Class<?> testClass, SimulatorSettings.PayVerification verification) {
    TestEnvironment env = TestEnvironment.forClass(testClass);
    Vertx vertx = VertxFactory.create().vertx();
    Redis redis = env.redis(vertx);
    SimulatorSettings defaults = SimulatorSettings.defaults();
    SimulatorSettings settings = new SimulatorSettings(defaults.tokenLifetime(), defaults.loginCodeLifetime(),
        defaults.subscribeQuotaPerMinute(), defaults.sensitiveWords(), defaults.miniProgramPages(), RETRY_DELAYS,
        verification);
    MutableClock clock = MutableClock.startingNow();
    WeChatSimulator simulator = Await.result(WeChatSimulator.start(vertx, settings, clock));
    WeChatGateway gateway = WeChatGateway.create(vertx, redis.client(), simulator.connection(),
        new WeChatSettings(WeChatSettings.Mode.SIMULATOR, Optional.empty(), Duration.ofSeconds(10), 4));
    return new SimulatedWeChatPay(env, vertx, redis, simulator, gateway, clock);
  }

  MerchantCredentials merchant() {
    return simulator.connection().merchant();
  }

  /** WeChat Pay's public key, which the simulator verifies with unless it plays platform-certificate mode. */
  MerchantCredentials.PayPublicKey payPublicKey() {
    return merchant().payPublicKey().orElseThrow();
  }

  /** A JSAPI order of {@code totalFen} placed through the gateway, notifying {@code inbox}; answers its out_trade_no. */
  String placedOrder(Inbox inbox, long totalFen) {
    String outTradeNo = newOutTradeNo();
    Await.result(gateway.createJsapiPayment(order(outTradeNo, totalFen).setNotifyUrl(inbox.url())));
    return outTradeNo;
  }

  /** A 15-yuan order paid by the diner, and its TRANSACTION.SUCCESS notification as the merchant received it. */
  Received paidAndNotified(Inbox inbox) {
    simulator.pay().pay(placedOrder(inbox, 1500));
    return Await.result(inbox.received(0));
  }

  /**
   * Checks {@code probe} on the test thread (it may block) every few milliseconds, waiting on a Vert.x timer in
   * between, until it satisfies {@code done}; fails after ten seconds.
   */
  <T> T eventually(Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    T value = probe.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not there after " + PATIENCE + ": " + value);
      }
      Await.result(vertx.timer(10));
      value = probe.get();
    }
    return value;
  }

  /** Lets {@code time} pass on a Vert.x timer, to show that something does not happen. */
  void quietFor(Duration time) {
    Await.result(vertx.timer(time.toMillis()));
  }

  @Override
  public void close() {
    redis.client().getKeys().deleteByPattern("*");
    Await.result(gateway.close());
    Await.result(redis.close());
    Await.result(vertx.close());
    env.close();
  }
}
