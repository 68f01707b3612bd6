package app.tableloop.wechat;

import static app.tableloop.wechat.WeChatPaySimulationTest.newOutRefundNo;
import static app.tableloop.wechat.WeChatPaySimulationTest.newOutTradeNo;
import static app.tableloop.wechat.WeChatPaySimulationTest.order;
import static app.tableloop.wechat.WeChatPaySimulationTest.refund;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.MutableClock;
import app.tableloop.testing.TestEnvironment;
import app.tableloop.wechat.simulator.SimulatorSettings;
import app.tableloop.wechat.simulator.WeChatSimulator;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator given a directory is the same WeChat after a restart: the merchant's keys still sign, and the payments
 * and refunds it took are still there to query and to list in the day's trade bill, which the settlement reads.
 */
class WeChatSimulatorRecordsTest {
  private static final String APP_ID = "wx0123456789abcdef";

  static TestEnvironment env;
  static Vertx vertx;
  static Redis redis;
  static MerchantNotifyUrl merchant;

  @BeforeAll
  static void start() {
    env = TestEnvironment.forClass(WeChatSimulatorRecordsTest.class);
    vertx = VertxFactory.create().vertx();
    redis = env.redis(vertx);
    merchant = Await.result(MerchantNotifyUrl.start(vertx));
  }

  @AfterAll
  static void stop() {
    redis.client().getKeys().deleteByPattern("*");
    Await.result(merchant.close());
    Await.result(redis.close());
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void aRestartedSimulatorStillKnowsAPaidOrderItsRefundAndTheDaysBill(@TempDir Path dataDir) throws Exception {
    Path records = dataDir.resolve("wechat-simulator");
    // WeChat Pay issues a day's bill the next morning: the diner pays two days ago, so that day's bill exists now.
    MutableClock payClock = MutableClock.startingNow();
    WeChatSimulator before = simulatorIn(records, payClock);
    WeChatGateway gatewayBefore = gatewayTo(before);
    String outTradeNo = newOutTradeNo();
    String outRefundNo = newOutRefundNo();
    Await.result(gatewayBefore.createJsapiPayment(order(outTradeNo, 4280)
        .setNotifyUrl(merchant.inbox("records-pay").url())));
    payClock.advance(Duration.ofDays(-2));
    String transactionId = before.pay().pay(outTradeNo);
    payClock.advance(Duration.ofDays(2));
    Await.result(gatewayBefore.refund(refund(outTradeNo, outRefundNo, 1280, 4280)));
    eventually(() -> Await.result(gatewayBefore.queryRefund(outRefundNo)).getStatus().equals("SUCCESS"));
    WeChatConnection connectionBefore = before.connection();
    Await.result(gatewayBefore.close());
    Await.result(vertx.undeploy(before.deploymentID()));

    WeChatSimulator after = simulatorIn(records);
    WeChatGateway gatewayAfter = gatewayTo(after);
    try {
      assertThat(after.connection().appSecret()).isEqualTo(connectionBefore.appSecret());
      assertThat(after.connection().merchant()).isEqualTo(connectionBefore.merchant());
      WxPayOrderQueryV3Result paid = Await.result(gatewayAfter.queryOrder(outTradeNo));
      assertThat(paid.getTradeState()).isEqualTo("REFUND");
      assertThat(paid.getTransactionId()).isEqualTo(transactionId);
      assertThat(Await.result(gatewayAfter.queryRefund(outRefundNo)).getStatus()).isEqualTo("SUCCESS");
      assertThat(after.pay().refundedFen(outTradeNo)).isEqualTo(1280);
      LocalDate day = OffsetDateTime.parse(paid.getSuccessTime()).toLocalDate();
      List<String> bill = Await.result(gatewayAfter.downloadTradeBill(day)).text().lines().toList();
      assertThat(bill).anySatisfy(line -> assertThat(line).contains("`" + transactionId + ",", "`" + outTradeNo + ",",
          "`SUCCESS,", "`42.80,"));
      // Its keys are in there: only the service's own user may read them.
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(records))).isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(records)) {
        assertThat(files.toList()).isNotEmpty().allSatisfy(file ->
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
      }
    } finally {
      Await.result(gatewayAfter.close());
      Await.result(vertx.undeploy(after.deploymentID()));
    }
  }

  @Test
  void anotherAppIdInTheSameDirectoryIsAnotherMerchantWithNoPayments(@TempDir Path dataDir) {
    Path records = dataDir.resolve("wechat-simulator");
    WeChatSimulator first = simulatorIn(records);
    WeChatGateway gateway = gatewayTo(first);
    String outTradeNo = newOutTradeNo();
    Await.result(gateway.createJsapiPayment(order(outTradeNo, 990).setNotifyUrl(merchant.inbox("other-app").url())));
    first.pay().pay(outTradeNo);
    String firstMerchant = first.connection().merchant().mchId();
    Await.result(gateway.close());
    Await.result(vertx.undeploy(first.deploymentID()));

    WeChatSimulator other = Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(), Clock.systemUTC(),
        "wxfedcba9876543210", 0, Optional.of(records)));

    assertThat(other.connection().merchant().mchId()).isNotEqualTo(firstMerchant);
    assertThat(other.pay().transaction(outTradeNo)).isEmpty();
    Await.result(vertx.undeploy(other.deploymentID()));
  }

  @Test
  void aSimulatorWithoutADirectoryStartsAfresh(@TempDir Path dataDir) {
    WeChatSimulator kept = simulatorIn(dataDir.resolve("wechat-simulator"));
    WeChatSimulator inMemory = Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(),
        Clock.systemUTC(), APP_ID, 0, Optional.empty()));

    assertThat(inMemory.connection().merchant().mchId()).isNotEqualTo(kept.connection().merchant().mchId());
    assertThat(inMemory.connection().appSecret()).isNotEqualTo(kept.connection().appSecret());
    Await.result(vertx.undeploy(kept.deploymentID()));
    Await.result(vertx.undeploy(inMemory.deploymentID()));
  }

  private static WeChatSimulator simulatorIn(Path records) {
    return simulatorIn(records, Clock.systemUTC());
  }

  private static WeChatSimulator simulatorIn(Path records, Clock clock) {
    return Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(), clock, APP_ID, 0,
        Optional.of(records)));
  }

  private static WeChatGateway gatewayTo(WeChatSimulator simulator) {
    return WeChatGateway.create(vertx, redis.client(), simulator.connection(),
        new WeChatSettings(WeChatSettings.Mode.SIMULATOR, Optional.empty(), Duration.ofSeconds(10), 4));
  }

  private static void eventually(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("done within 10 s").isLessThan(deadline);
      Await.result(vertx.timer(20));
    }
  }
}
