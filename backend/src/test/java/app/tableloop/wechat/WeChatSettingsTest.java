package app.tableloop.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tableloop.platform.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatSettingsTest {
  @TempDir
  static Path keys;
  static Path privateKey;
  static Path publicKey;

  @BeforeAll
  static void writeKeyFiles() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    privateKey = Files.writeString(keys.resolve("apiclient_key.pem"),
        Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
    publicKey = Files.writeString(keys.resolve("pub_key.pem"), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  @Test
  void withoutAnAppIdTheSimulatorIsUsed() {
    WeChatSettings settings = WeChatSettings.from(Map.of());

    assertThat(settings.mode()).isEqualTo(WeChatSettings.Mode.SIMULATOR);
    assertThat(settings.live()).isEmpty();
  }

  @Test
  void aDeploymentOnItsOwnDatabaseRefusesTheSimulatorUnlessAskedForByName() {
    Map<String, String> deployment = Map.of("DATABASE_URL", "postgresql://tableloop@db:5432/tableloop");

    assertThatThrownBy(() -> WeChatSettings.from(deployment)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("WECHAT_MODE=simulator").hasMessageContaining("WECHAT_APP_ID");

    Map<String, String> asked = new HashMap<>(deployment);
    asked.put("WECHAT_MODE", "simulator");
    assertThat(WeChatSettings.from(asked).mode()).isEqualTo(WeChatSettings.Mode.SIMULATOR);
    Map<String, String> liveDeployment = new HashMap<>(live());
    liveDeployment.putAll(deployment);
    assertThat(WeChatSettings.from(liveDeployment).mode()).isEqualTo(WeChatSettings.Mode.LIVE);
  }

  @Test
  void anotherInstancesSimulatorIsNamedByItsAddressInSimulatorModeOnly() {
    assertThat(WeChatSettings.from(Map.of()).simulatorUrl()).isEmpty();
    assertThat(WeChatSettings.from(Map.of("WECHAT_SIMULATOR_URL", "http://127.0.0.1:8090/")).simulatorUrl())
        .contains("http://127.0.0.1:8090");

    assertThatThrownBy(() -> WeChatSettings.from(Map.of("WECHAT_SIMULATOR_URL", "127.0.0.1:8090")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("WECHAT_SIMULATOR_URL");
    assertThatThrownBy(() -> WeChatSettings.from(Map.of("WECHAT_SIMULATOR_URL", "http://127.0.0.1:8090/sim")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("WECHAT_SIMULATOR_URL");
    assertThatThrownBy(() -> WeChatSettings.from(Map.of("WECHAT_SIMULATOR_URL", "http://127.0.0.1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("with its port");
    Map<String, String> liveWithSimulator = new HashMap<>(live());
    liveWithSimulator.put("WECHAT_SIMULATOR_URL", "http://127.0.0.1:8090");
    assertThatThrownBy(() -> WeChatSettings.from(liveWithSimulator)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("simulator mode only");
  }

  @Test
  void aCompleteLiveConfigurationIsReadAndKeepsItsSecretsOutOfToString() {
    WeChatSettings settings = WeChatSettings.from(live());

    WeChatConnection connection = settings.live().orElseThrow();
    assertThat(settings.mode()).isEqualTo(WeChatSettings.Mode.LIVE);
    assertThat(connection.payBaseUrl()).isEqualTo("https://api.mch.weixin.qq.com");
    assertThat(connection.miniProgramApiHost()).isEmpty();
    assertThat(connection.merchant().certificateSerial()).isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    assertThat(connection.merchant().payPublicKey()).hasValueSatisfying(key -> {
      assertThat(key.id()).isEqualTo("PUB_KEY_ID_0114232134912410000000000000");
      assertThat(key.pem()).startsWith("-----BEGIN PUBLIC KEY-----");
    });
    assertThat(connection.toString())
        .doesNotContain("app-secret-value", "PRIVATE KEY", "0123456789abcdef0123456789abcdef");
  }

  @Test
  void withoutWeChatPaysPublicKeyItsPlatformCertificatesVerify() {
    Map<String, String> certificates = new HashMap<>(live());
    certificates.remove("WECHAT_PAY_PUBLIC_KEY_ID");
    certificates.remove("WECHAT_PAY_PUBLIC_KEY_FILE");

    MerchantCredentials merchant = WeChatSettings.from(certificates).live().orElseThrow().merchant();

    assertThat(merchant.payPublicKey()).isEmpty();
    assertThat(merchant.apiV3Key()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(merchant.toString()).contains("platform certificates")
        .doesNotContain("PRIVATE KEY", "0123456789abcdef0123456789abcdef");
  }

  @Test
  void halfAPublicKeyNamesTheMissingHalf() {
    Map<String, String> idOnly = new HashMap<>(live());
    idOnly.remove("WECHAT_PAY_PUBLIC_KEY_FILE");
    Map<String, String> fileOnly = new HashMap<>(live());
    fileOnly.remove("WECHAT_PAY_PUBLIC_KEY_ID");

    assertThatThrownBy(() -> WeChatSettings.from(idOnly)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("WECHAT_PAY_PUBLIC_KEY_FILE is required with WECHAT_PAY_PUBLIC_KEY_ID")
        .hasMessageContaining("platform certificates");
    assertThatThrownBy(() -> WeChatSettings.from(fileOnly)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("WECHAT_PAY_PUBLIC_KEY_ID is required with WECHAT_PAY_PUBLIC_KEY_FILE");
  }

  @Test
  void eachMissingLiveVariableIsNamed() {
    for (String variable : live().keySet()) {
      if (variable.equals("WECHAT_APP_ID")) {
        continue;
      }
      Map<String, String> incomplete = new HashMap<>(live());
      incomplete.remove(variable);
      assertThatThrownBy(() -> WeChatSettings.from(incomplete))
          .as(variable).isInstanceOf(ConfigException.class).hasMessageStartingWith(variable);
    }
  }

  @Test
  void malformedLiveValuesAreNamed() {
    Map<String, String> shortKey = new HashMap<>(live());
    shortKey.put("WECHAT_PAY_API_V3_KEY", "too-short");
    Map<String, String> notAKey = new HashMap<>(live());
    notAKey.put("WECHAT_PAY_PRIVATE_KEY_FILE", publicKey.toString());
    Map<String, String> missingFile = new HashMap<>(live());
    missingFile.put("WECHAT_PAY_PUBLIC_KEY_FILE", keys.resolve("nowhere.pem").toString());
    Map<String, String> notAPublicKey = new HashMap<>(live());
    notAPublicKey.put("WECHAT_PAY_PUBLIC_KEY_FILE", privateKey.toString());
    Map<String, String> notAPublicKeyId = new HashMap<>(live());
    notAPublicKeyId.put("WECHAT_PAY_PUBLIC_KEY_ID", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");

    assertThatThrownBy(() -> WeChatSettings.from(shortKey)).hasMessageStartingWith("WECHAT_PAY_API_V3_KEY");
    assertThatThrownBy(() -> WeChatSettings.from(notAKey)).hasMessageStartingWith("WECHAT_PAY_PRIVATE_KEY_FILE");
    assertThatThrownBy(() -> WeChatSettings.from(missingFile)).hasMessageStartingWith("WECHAT_PAY_PUBLIC_KEY_FILE");
    assertThatThrownBy(() -> WeChatSettings.from(notAPublicKey))
        .hasMessageStartingWith("WECHAT_PAY_PUBLIC_KEY_FILE").hasMessageContaining("is not a PEM public key");
    assertThatThrownBy(() -> WeChatSettings.from(notAPublicKeyId)).hasMessageStartingWith("WECHAT_PAY_PUBLIC_KEY_ID")
        .hasMessageContaining("PUB_KEY_ID_");
    assertThatThrownBy(() -> WeChatSettings.from(Map.of("WECHAT_MODE", "sandbox")))
        .hasMessageStartingWith("WECHAT_MODE");
  }

  private static Map<String, String> live() {
    return Map.of(
        "WECHAT_APP_ID", "wx1234567890abcdef",
        "WECHAT_APP_SECRET", "app-secret-value",
        "WECHAT_PAY_MCH_ID", "1900000109",
        "WECHAT_PAY_PRIVATE_KEY_FILE", privateKey.toString(),
        "WECHAT_PAY_CERT_SERIAL", "5157f09efdc096de15ebe81a47057a7232f1b8e1",
        "WECHAT_PAY_API_V3_KEY", "0123456789abcdef0123456789abcdef",
        "WECHAT_PAY_PUBLIC_KEY_ID", "PUB_KEY_ID_0114232134912410000000000000",
        "WECHAT_PAY_PUBLIC_KEY_FILE", publicKey.toString());
  }
}
