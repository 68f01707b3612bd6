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
  void aCompleteLiveConfigurationIsReadAndKeepsItsSecretsOutOfToString() {
    WeChatSettings settings = WeChatSettings.from(live());

    WeChatConnection connection = settings.live().orElseThrow();
    assertThat(settings.mode()).isEqualTo(WeChatSettings.Mode.LIVE);
    assertThat(connection.payBaseUrl()).isEqualTo("https://api.mch.weixin.qq.com");
    assertThat(connection.miniProgramApiHost()).isEmpty();
    assertThat(connection.merchant().certificateSerial()).isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    assertThat(connection.toString())
        .doesNotContain("app-secret-value", "PRIVATE KEY", "0123456789abcdef0123456789abcdef");
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

    assertThatThrownBy(() -> WeChatSettings.from(shortKey)).hasMessageStartingWith("WECHAT_PAY_API_V3_KEY");
    assertThatThrownBy(() -> WeChatSettings.from(notAKey)).hasMessageStartingWith("WECHAT_PAY_PRIVATE_KEY_FILE");
    assertThatThrownBy(() -> WeChatSettings.from(missingFile)).hasMessageStartingWith("WECHAT_PAY_PUBLIC_KEY_FILE");
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
