package app.tableloop.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataKeysTest {
  private static final String[] OLD = DataKeys.generate("k2025");
  private static final String[] NEW = DataKeys.generate("k2026");

  @Test
  void sealedDataOpensUnderItsKeyAndNothingOfItReadsAsTheValue() {
    DataKeys keys = DataKeys.parse(OLD[0], OLD[1]);
    DataKeys.Sealed sealed = keys.seal("13800001234");

    assertThat(sealed.keyId()).isEqualTo("k2025");
    assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("13800001234");
    assertThat(keys.seal("13800001234").bytes()).as("a fresh nonce each time").isNotEqualTo(sealed.bytes());
    assertThat(keys.open(sealed)).isEqualTo("13800001234");
  }

  @Test
  void afterRotationTheNewKeySealsAndTheOldOneStillOpens() {
    DataKeys before = DataKeys.parse(OLD[0], OLD[1]);
    DataKeys.Sealed sealedBefore = before.seal("13900002222");
    DataKeys rotated = DataKeys.parse(NEW[0] + "," + OLD[0], OLD[1]);

    assertThat(rotated.currentId()).isEqualTo("k2026");
    assertThat(rotated.open(sealedBefore)).isEqualTo("13900002222");
    assertThat(rotated.seal("x").keyId()).isEqualTo("k2026");
    assertThat(rotated.lookupHash("13900002222")).as("look-ups survive rotation")
        .isEqualTo(before.lookupHash("13900002222"));
  }

  @Test
  void alteredOrUnknownSealedDataIsRefused() {
    DataKeys keys = DataKeys.parse(OLD[0], OLD[1]);
    DataKeys.Sealed sealed = keys.seal("13800001234");
    sealed.bytes()[sealed.bytes().length - 1] ^= 1;

    assertThatThrownBy(() -> keys.open(sealed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> keys.open(new DataKeys.Sealed("gone", sealed.bytes())))
        .hasMessageContaining("no data key with id gone");
  }

  @Test
  void badKeysAreRefusedWithoutQuotingThem() {
    assertThatThrownBy(() -> DataKeys.parse("k1:c2hvcnQ=", OLD[1])).hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> DataKeys.parse("no-id-here", OLD[1])).hasMessageContaining("id:base64key");
    assertThatThrownBy(() -> DataKeys.parse(OLD[0] + "," + OLD[0], OLD[1])).hasMessageContaining("twice");
    assertThatThrownBy(() -> DataKeys.parse(OLD[0], "%%%")).hasMessageContaining("base64");
  }
}
