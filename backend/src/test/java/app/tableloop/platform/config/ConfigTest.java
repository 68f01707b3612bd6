package app.tableloop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.http.ConnectionLimits;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void nothingConfiguredMeansEmbeddedServersOnPort8080() {
    Config config = Config.from(Map.of());

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.databaseUrl()).isEmpty();
    assertThat(config.redisUrl()).isEmpty();
    assertThat(config.appDatabaseUser()).isEqualTo("tableloop_app");
    assertThat(config.dataDir().isAbsolute()).isTrue();
    assertThat(config.dataDir().getFileName().toString()).isEqualTo("tableloop-data");
  }

  @Test
  void thePublicAddressFollowsTheHttpPortUntilItIsSet() {
    assertThat(Config.from(Map.of()).publicBaseUrl()).isEqualTo("http://localhost:8080");
    assertThat(Config.from(Map.of("HTTP_PORT", "9090")).publicBaseUrl()).isEqualTo("http://localhost:9090");
    assertThat(Config.from(Map.of("HTTP_PORT", "0")).publicBaseUrl()).isEqualTo("http://localhost:8080");
    assertThat(Config.from(Map.of("HTTP_PORT", "9090", "PUBLIC_BASE_URL", "https://order.example.com/"))
        .publicBaseUrl()).isEqualTo("https://order.example.com");
  }

  @Test
  void configuredServersAreParsedWithTheirCredentials() {
    Config config = Config.from(Map.of(
        "DATABASE_URL", "postgresql://owner:s%40cret@db.internal:6543/tableloop?sslmode=require",
        "REDIS_URL", "rediss://:pw@cache.internal:6380/2"));

    DatabaseUrl db = config.databaseUrl().orElseThrow();
    assertThat(db).isEqualTo(new DatabaseUrl("db.internal", 6543, "tableloop", "owner", "s@cret", "require"));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/tableloop?sslmode=require");
    assertThat(db.toString()).doesNotContain("s@cret");
    RedisUrl redis = config.redisUrl().orElseThrow();
    assertThat(redis).isEqualTo(new RedisUrl(true, "cache.internal", 6380, null, "pw", 2));
    assertThat(redis.toString()).doesNotContain("pw");
  }

  @Test
  void connectionLimitsHaveSaneDefaultsAndCanBeSet() {
    ConnectionLimits defaults = Config.from(Map.of()).connectionLimits();
    assertThat(defaults).isEqualTo(new ConnectionLimits(Duration.ofSeconds(60), Duration.ofSeconds(20), 4096, 256));
    assertThat(defaults.webSocketPingInterval()).isEqualTo(Duration.ofSeconds(30));

    ConnectionLimits set = Config.from(Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "120", "HTTP_REQUEST_TIMEOUT_SECONDS", "5",
        "HTTP_MAX_CONNECTIONS", "20000", "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "20000")).connectionLimits();
    assertThat(set).isEqualTo(new ConnectionLimits(Duration.ofSeconds(120), Duration.ofSeconds(5), 20000, 20000));
    assertThatThrownBy(() -> Config.from(Map.of("HTTP_REQUEST_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_REQUEST_TIMEOUT_SECONDS");
    assertThatThrownBy(() -> Config.from(Map.of("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_MAX_CONNECTIONS_PER_ADDRESS");
  }

  @Test
  void noProxyIsTrustedUntilSomeAreListed() throws Exception {
    assertThat(Config.from(Map.of()).trustedProxies().isEmpty()).isTrue();

    var listed = Config.from(Map.of("HTTP_TRUSTED_PROXIES", " 172.18.0.0/16 , 10.0.0.7,fd00::/8")).trustedProxies();

    assertThat(listed.trust(InetAddress.getByName("172.18.255.1"))).isTrue();
    assertThat(listed.trust(InetAddress.getByName("172.19.0.1"))).isFalse();
    assertThat(listed.trust(InetAddress.getByName("10.0.0.7"))).isTrue();
    assertThat(listed.trust(InetAddress.getByName("10.0.0.8"))).isFalse();
    assertThat(listed.trust(InetAddress.getByName("fd12:3456::1"))).isTrue();
    assertThat(listed.trust(InetAddress.getByName("fe80::1"))).isFalse();
  }

  @Test
  void aBadTrustedProxyStopsTheStartNamingTheVariableAndTheEntry() {
    for (String bad : new String[] {"nginx", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "1.2.3",
        "10.0.0.1,", "10.0.0.1:80", "fd00::/8/8"}) {
      assertThatThrownBy(() -> Config.from(Map.of("HTTP_TRUSTED_PROXIES", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("HTTP_TRUSTED_PROXIES").hasMessageContaining("'");
    }
    assertThatThrownBy(() -> Config.from(Map.of("HTTP_TRUSTED_PROXIES", "10.0.0.1, proxy.internal")))
        .hasMessageContaining("'proxy.internal'");
  }

  @Test
  void aBadPortNamesTheVariable() {
    assertThatThrownBy(() -> Config.from(Map.of("HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HTTP_PORT").hasMessageContaining("eighty");
    assertThatThrownBy(() -> Config.from(Map.of("HTTP_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HTTP_PORT").hasMessageContaining("65535");
  }

  @Test
  void theWeChatSimulatorListensTenPortsAboveTheServiceUnlessOneIsGiven() {
    assertThat(Config.from(Map.of()).wechatSimulatorPort()).isEqualTo(8090);
    assertThat(Config.from(Map.of("HTTP_PORT", "9000")).wechatSimulatorPort()).isEqualTo(9010);
    assertThat(Config.from(Map.of("HTTP_PORT", "0")).wechatSimulatorPort()).isZero();
    assertThat(Config.from(Map.of("HTTP_PORT", "9000", "WECHAT_SIMULATOR_PORT", "0")).wechatSimulatorPort()).isZero();
    assertThat(Config.from(Map.of("WECHAT_SIMULATOR_PORT", "8090")).wechatSimulatorPort()).isEqualTo(8090);
    assertThatThrownBy(() -> Config.from(Map.of("WECHAT_SIMULATOR_PORT", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WECHAT_SIMULATOR_PORT").hasMessageContaining("65535");
    assertThatThrownBy(() -> Config.from(Map.of("WECHAT_SIMULATOR_PORT", "sim")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WECHAT_SIMULATOR_PORT").hasMessageContaining("sim");
  }

  @Test
  void theWeChatSimulatorKeepsItsRecordsInTheDataDirectoryWhenThereIsOne() {
    assertThat(Config.from(Map.of("TABLELOOP_DATA_DIR", "/var/lib/tableloop")).wechatSimulatorRecords())
        .contains(Path.of("/var/lib/tableloop/wechat-simulator"));
    assertThat(Config.from(Map.of()).wechatSimulatorRecords())
        .contains(Path.of("tableloop-data/wechat-simulator").toAbsolutePath());
    String database = "postgresql://tableloop@db:5432/tableloop";
    assertThat(Config.from(Map.of("DATABASE_URL", database)).wechatSimulatorRecords()).isEmpty();
    assertThat(Config.from(Map.of("DATABASE_URL", database, "TABLELOOP_DATA_DIR", "/var/lib/tableloop"))
        .wechatSimulatorRecords()).contains(Path.of("/var/lib/tableloop/wechat-simulator"));
  }

  @Test
  void aMalformedDatabaseUrlNamesTheVariable() {
    assertThatThrownBy(() -> Config.from(Map.of("DATABASE_URL", "mysql://root@localhost/db")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("DATABASE_URL");
    assertThatThrownBy(() -> Config.from(Map.of("DATABASE_URL", "postgresql://127.0.0.1:5432/db")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL names no user");
    assertThatThrownBy(() -> Config.from(Map.of("DATABASE_URL", "postgresql://u@127.0.0.1:5432")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL names no database");
  }

  @Test
  void aMalformedRedisUrlNamesTheVariable() {
    assertThatThrownBy(() -> Config.from(Map.of("REDIS_URL", "redis://127.0.0.1:6379/zero")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("REDIS_URL");
    assertThatThrownBy(() -> Config.from(Map.of("REDIS_URL", "http://127.0.0.1")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("REDIS_URL");
  }

  @Test
  void theApplicationMayNotConnectAsTheOwnerOfTheTables() {
    assertThatThrownBy(() -> Config.from(Map.of(
        "DATABASE_URL", "postgresql://tableloop_app@127.0.0.1/db")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_APP_USER");
    assertThatThrownBy(() -> Config.from(Map.of("DATABASE_APP_USER", "app; DROP ROLE x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_APP_USER");
  }

  @Test
  void blankValuesCountAsUnset() {
    assertThat(Config.from(Map.of("DATABASE_URL", "  ", "HTTP_PORT", "")).databaseUrl()).isEmpty();
  }

  @Test
  void memberDataKeysComeTogetherAndWellFormedOrTheStartStops() {
    String[] keys = DataKeys.generate("k1");
    assertThat(Config.from(Map.of()).memberDataKeys()).isEmpty();
    assertThat(Config.from(Map.of("MEMBER_DATA_KEYS", keys[0], "MEMBER_LOOKUP_KEY", keys[1])).memberDataKeys()
        .orElseThrow().currentId()).isEqualTo("k1");

    assertThatThrownBy(() -> Config.from(Map.of("MEMBER_DATA_KEYS", keys[0]))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("MEMBER_LOOKUP_KEY");
    assertThatThrownBy(() -> Config.from(Map.of("MEMBER_DATA_KEYS", "k1:tooshort", "MEMBER_LOOKUP_KEY", keys[1])))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MEMBER_DATA_KEYS")
        .hasMessageNotContaining(keys[1]);
  }
}
