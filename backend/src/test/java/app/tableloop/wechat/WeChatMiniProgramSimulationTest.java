package app.tableloop.wechat;

import static app.tableloop.wechat.WeChatGateway.TextScene.COMMENT;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.redis.Redis;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.MutableClock;
import app.tableloop.testing.QrScanner;
import app.tableloop.testing.TestEnvironment;
import app.tableloop.wechat.simulator.MiniProgramSimulation;
import app.tableloop.wechat.simulator.SimulatorSettings;
import app.tableloop.wechat.simulator.WeChatSimulator;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.bean.WxMaPhoneNumberInfo;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import me.chanjar.weixin.common.error.WxErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The unmodified WxJava mini-program client, through our gateway, against the simulator: every endpoint we use,
 * with WeChat's error codes, token expiry and refresh, and one token shared by every backend instance.
 */
class WeChatMiniProgramSimulationTest {
  private static final WeChatSettings SETTINGS =
      new WeChatSettings(WeChatSettings.Mode.SIMULATOR, Optional.empty(), Duration.ofSeconds(10), 4);

  static TestEnvironment env;
  static Vertx vertx;
  static Redis redis;
  static MutableClock clock;
  static WeChatSimulator simulator;
  static WeChatGateway gateway;
  static WebClient simulatorClient;

  @BeforeAll
  static void start() {
    env = TestEnvironment.forClass(WeChatMiniProgramSimulationTest.class);
    vertx = VertxFactory.create().vertx();
    redis = env.redis(vertx);
    clock = MutableClock.startingNow();
    simulator = Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(), clock));
    gateway = WeChatGateway.create(vertx, redis.client(), simulator.connection(), SETTINGS);
    simulatorClient = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    simulatorClient.close();
    redis.client().getKeys().deleteByPattern("*");
    Await.result(gateway.close());
    Await.result(redis.close());
    Await.result(vertx.close());
    env.close();
  }

  @Test
  void aFreshLoginCodeGivesTheUsersStableOpenId() {
    JsonObject minted = sim("/sim/login-code", new JsonObject().put("user", "alice"));

    WxMaJscode2SessionResult session = Await.result(gateway.codeToSession(minted.getString("code")));

    assertThat(session.getOpenid()).isEqualTo(minted.getString("openid"))
        .isEqualTo(simulator.miniProgram().openIdOf("alice"));
    assertThat(session.getSessionKey()).isNotBlank();
    assertThat(session.getUnionid()).isNull();
    String again = Await.result(gateway.codeToSession(simulator.miniProgram().loginCode("alice", false))).getOpenid();
    String bob = Await.result(gateway.codeToSession(simulator.miniProgram().loginCode("bob", false))).getOpenid();
    assertThat(again).isEqualTo(session.getOpenid());
    assertThat(bob).isNotEqualTo(session.getOpenid());
  }

  @Test
  void aUnionIdComesWhenTheAppHasOne() {
    WxMaJscode2SessionResult session =
        Await.result(gateway.codeToSession(simulator.miniProgram().loginCode("carol", true)));

    assertThat(session.getUnionid()).startsWith("u").hasSize(28);
  }

  @Test
  void aCodeWorksOnceAndFiveMinutesOnly() {
    String code = simulator.miniProgram().loginCode("dave", false);
    Await.result(gateway.codeToSession(code));

    assertThat(errorCode(gateway.codeToSession(code))).isEqualTo(40163);
    assertThat(errorCode(gateway.codeToSession("never-issued"))).isEqualTo(40029);
    String stale = simulator.miniProgram().loginCode("dave", false);
    clock.advance(Duration.ofMinutes(6));
    assertThat(errorCode(gateway.codeToSession(stale))).isEqualTo(40029);
  }

  @Test
  void aMalformedCodeIsRefusedAsWeChatWouldWithoutAskingIt() {
    int exchanged = simulator.miniProgram().codeExchanges().size();

    for (String code : List.of("x&appid=wxEVIL&secret=s", "a b", "abcdefghijklmnop%00", "", "short")) {
      assertThat(errorCode(gateway.codeToSession(code))).as("code %s", code).isEqualTo(40029);
    }
    assertThat(simulator.miniProgram().codeExchanges()).hasSize(exchanged);
    assertThat(errorCode(gateway.codeToSession("wellFormed-but_unknown0"))).isEqualTo(40029);
    assertThat(simulator.miniProgram().codeExchanges()).hasSize(exchanged + 1);
  }

  @Test
  void theSimulatorHoldsCodesOnlyForTheirLifetimeAndOnlyTheLatestExchanges() {
    // A simulator and a clock of their own: this one is flooded, and its clock moved on.
    MutableClock ownClock = MutableClock.startingNow();
    WeChatSimulator own = Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(), ownClock));
    WeChatGateway exchanging = WeChatGateway.create(vertx, redis.client(), own.connection(), SETTINGS);
    int codes = MiniProgramSimulation.RECENT_CODE_EXCHANGES + 10;
    try {
      List<String> minted = IntStream.range(0, codes).mapToObj(i -> own.miniProgram().loginCode("flood-" + i, false))
          .toList();
      Await.result(Future.all(minted.stream().map(exchanging::codeToSession).toList()));
      String unused = own.miniProgram().loginCode("idle", false);

      List<Map<String, List<String>>> kept = own.miniProgram().codeExchanges();
      assertThat(kept).hasSize(MiniProgramSimulation.RECENT_CODE_EXCHANGES);
      assertThat(own.miniProgram().codesHeld()).isEqualTo(codes + 1);
      assertThat(errorCode(exchanging.codeToSession(minted.get(0)))).isEqualTo(40163);

      ownClock.advance(SimulatorSettings.defaults().loginCodeLifetime().plusSeconds(1));

      assertThat(own.miniProgram().codesHeld()).isZero();
      assertThat(errorCode(exchanging.codeToSession(unused))).isEqualTo(40029);
    } finally {
      Await.result(exchanging.close());
    }
  }

  @Test
  void twoBackendInstancesSharingRedisUseOneAccessToken() {
    // A simulator of its own, so that no other test's token requests count.
    WeChatSimulator own = Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(), clock));
    WeChatGateway first = WeChatGateway.create(vertx, redis.client(), own.connection(), SETTINGS);
    WeChatGateway second = WeChatGateway.create(vertx, redis.client(), own.connection(), SETTINGS);
    try {
      Await.result(first.codeToSession(own.miniProgram().loginCode("erin", false)));
      Await.result(second.codeToSession(own.miniProgram().loginCode("frank", false)));
      Await.result(second.textPasses(own.miniProgram().openIdOf("frank"), "好吃", COMMENT));

      assertThat(own.miniProgram().tokenRequests()).isEqualTo(1);
    } finally {
      Await.result(first.close());
      Await.result(second.close());
    }
  }

  @Test
  void anExpiredTokenIsRefreshedAndTheCallRetried() {
    String openId = simulator.miniProgram().openIdOf("gina");
    Await.result(gateway.textPasses(openId, "你好", COMMENT));
    int before = simulator.miniProgram().tokenRequests();

    simulator.miniProgram().expireTokens();

    assertThat(Await.result(gateway.textPasses(openId, "你好", COMMENT))).isTrue();
    assertThat(simulator.miniProgram().tokenRequests()).isEqualTo(before + 1);
  }

  @Test
  void anInvalidTokenIsReplacedToo() {
    String openId = simulator.miniProgram().openIdOf("hank");
    Await.result(gateway.textPasses(openId, "你好", COMMENT));
    // What another deployment fetching its own token for the same AppID, long ago, leaves behind.
    String tokenKey = "wechat:wechat_ma_access_token_key:" + simulator.connection().appId();
    redis.client().getBucket(tokenKey).set("not-a-token-we-issued", Duration.ofHours(1));
    int before = simulator.miniProgram().tokenRequests();

    assertThat(Await.result(gateway.textPasses(openId, "你好", COMMENT))).isTrue();
    assertThat(simulator.miniProgram().tokenRequests()).isEqualTo(before + 1);
  }

  @Test
  void theStableTokenStaysTheSameUntilARefreshIsForced() throws Exception {
    WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
    config.setAppid(simulator.connection().appId());
    config.setSecret(simulator.connection().appSecret());
    config.setApiHostUrl(simulator.baseUrl());
    config.useStableAccessToken(true);
    WxMaServiceImpl stable = new WxMaServiceImpl();
    stable.setWxMaConfig(config);

    String first = stable.getAccessToken(true);
    config.expireAccessToken();
    String again = stable.getAccessToken(false);
    String forced = stable.getAccessToken(true);

    assertThat(again).isEqualTo(first);
    assertThat(forced).isNotEqualTo(first);
  }

  @Test
  void aWrongAppSecretIsRefusedWithWeChatsCodeAndNoSecretReachesTheLog() {
    WeChatSimulator own = Await.result(WeChatSimulator.start(vertx, SimulatorSettings.defaults(), clock));
    WeChatConnection real = own.connection();
    WeChatGateway refused = WeChatGateway.create(vertx, redis.client(), new WeChatConnection(real.appId(),
        "wrong-secret-4f2a", real.merchant(), real.miniProgramApiHost(), real.payBaseUrl(), real.payProxy()),
        SETTINGS);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    try {
      String code = own.miniProgram().loginCode("ivy", false);
      assertThat(errorCode(refused.codeToSession(code))).isEqualTo(40125);

      assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(line -> line.contains("40125"))
          .noneMatch(line -> line.contains("wrong-secret-4f2a") || line.contains(code));
    } finally {
      root.detachAppender(log);
      Await.result(refused.close());
    }
  }

  @Test
  void aTableCodeIsAPngThatDecodesToItsScene() {
    byte[] png = Await.result(gateway.unlimitedCode("s=12&t=A12", "pages/table/menu/index", 430));

    assertThat(QrScanner.decode(png)).isEqualTo("s=12&t=A12");
  }

  @Test
  void aTooLongSceneOrAnUnknownPageIsRefused() {
    assertThat(errorCode(gateway.unlimitedCode("x".repeat(33), "pages/table/menu/index", 430))).isEqualTo(40169);
    assertThat(errorCode(gateway.unlimitedCode("s=1", "pages/no-such/index", 430))).isEqualTo(41030);
  }

  @Test
  void aSubscribeMessageNeedsTheUsersAcceptanceForEachSend() {
    String openId = simulator.miniProgram().openIdOf("jack");
    WxMaSubscribeMessage message = orderReady(openId);

    assertThat(errorCode(gateway.sendSubscribeMessage(message))).isEqualTo(43101);

    sim("/sim/subscribe-accept", new JsonObject().put("user", "jack").put("template_id", "TPL_ORDER_READY"));
    Await.result(gateway.sendSubscribeMessage(message));
    assertThat(errorCode(gateway.sendSubscribeMessage(message))).as("one acceptance, one message").isEqualTo(43101);

    JsonArray sent = Await.result(simulatorClient.getAbs(simulator.baseUrl() + "/sim/subscribe-messages").send())
        .bodyAsJsonArray();
    assertThat(sent.stream().map(JsonObject.class::cast).filter(m -> m.getString("touser").equals(openId)))
        .singleElement()
        .satisfies(m -> assertThat(m.getJsonObject("data").getJsonObject("thing1").getString("value"))
            .isEqualTo("A023 牛肉面"));
  }

  @Test
  void subscribeMessagesOverTheQuotaGet45009() {
    SimulatorSettings tight = new SimulatorSettings(Duration.ofHours(2), Duration.ofMinutes(5), 2,
        Set.of(), Set.of("pages/table/menu/index"), List.of(Duration.ofMillis(10)),
        SimulatorSettings.PayVerification.PUBLIC_KEY);
    WeChatSimulator own = Await.result(WeChatSimulator.start(vertx, tight, clock));
    WeChatGateway limited = WeChatGateway.create(vertx, redis.client(), own.connection(), SETTINGS);
    try {
      String openId = own.miniProgram().openIdOf("kate");
      Await.result(simulatorClient.postAbs(own.baseUrl() + "/sim/subscribe-accept").sendJsonObject(
          new JsonObject().put("user", "kate").put("template_id", "TPL_ORDER_READY").put("times", 5)));

      Await.result(limited.sendSubscribeMessage(orderReady(openId)));
      Await.result(limited.sendSubscribeMessage(orderReady(openId)));
      assertThat(errorCode(limited.sendSubscribeMessage(orderReady(openId)))).isEqualTo(45009);
      clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      Await.result(limited.sendSubscribeMessage(orderReady(openId)));
    } finally {
      Await.result(limited.close());
    }
  }

  @Test
  void aSharedPhoneNumberIsReadOnce() {
    String code = sim("/sim/phone-code", new JsonObject().put("phone", "13800138000")).getString("code");

    WxMaPhoneNumberInfo phone = Await.result(gateway.phoneNumber(code));

    assertThat(phone.getPurePhoneNumber()).isEqualTo("13800138000");
    assertThat(phone.getCountryCode()).isEqualTo("86");
    assertThat(errorCode(gateway.phoneNumber(code))).isEqualTo(40029);
  }

  @Test
  void theContentCheckFlagsRiskyText() {
    String openId = simulator.miniProgram().openIdOf("leo");

    assertThat(Await.result(gateway.textPasses(openId, "不要香菜，谢谢", COMMENT))).isTrue();
    assertThat(Await.result(gateway.textPasses(openId, "可以代开发票吗", COMMENT))).isFalse();
  }

  private static WxMaSubscribeMessage orderReady(String openId) {
    return WxMaSubscribeMessage.builder()
        .toUser(openId)
        .templateId("TPL_ORDER_READY")
        .page("pages/table/menu/index")
        .data(List.of(new WxMaSubscribeMessage.MsgData("thing1", "A023 牛肉面")))
        .build();
  }

  private static JsonObject sim(String path, JsonObject body) {
    return Await.result(simulatorClient.postAbs(simulator.baseUrl() + path).sendJsonObject(body)).bodyAsJsonObject();
  }

  private static int errorCode(io.vertx.core.Future<?> call) {
    Throwable failure = Await.failure(call);
    assertThat(failure).isInstanceOf(WxErrorException.class);
    return ((WxErrorException) failure).getError().getErrorCode();
  }
}
