package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
  private final SecretMask mask = SecretMask.forTemplates(List.of("/i/{token}", "/t/{storeCode}/{tableCode}",
      "/api/v1/stores/{store}/invites/{token}/wechat-code.png", "/api/v1/stores/{store}/menu"));

  @Test
  void aTokenInThePathIsMaskedWhereverItsTemplateHasOne() {
    assertThat(mask.mask("/i/Zx9-secret_TOKEN")).isEqualTo("/i/***");
    assertThat(mask.mask("/api/v1/stores/7f1c/invites/Zx9-secret/wechat-code.png"))
        .isEqualTo("/api/v1/stores/7f1c/invites/***/wechat-code.png");
  }

  @Test
  void pathsWithoutSecretsAreLoggedAsTheyAre() {
    assertThat(mask.mask("/t/noodle-1/A12")).isEqualTo("/t/noodle-1/A12");
    assertThat(mask.mask("/api/v1/stores/7f1c/menu")).isEqualTo("/api/v1/stores/7f1c/menu");
    assertThat(mask.mask("/i/abc/extra")).as("not the invite link").isEqualTo("/i/abc/extra");
    assertThat(mask.mask("/api/v1/stores/7f1c/tables/A12/wechat-code.png")).as("its start and end, not its middle")
        .isEqualTo("/api/v1/stores/7f1c/tables/A12/wechat-code.png");
  }

  @Test
  void secretQueryValuesAreMaskedAndTheRestKept() {
    assertThat(mask.mask("/api/v1/scan?scene=i%3Dabc&paper=80")).isEqualTo("/api/v1/scan?scene=***&paper=80");
    assertThat(mask.mask("/x?access_token=a&code=b&q=https%3A%2F%2Fx%2Fi%2Fabc&signature=c&refreshToken=d&kind=pdf"))
        .isEqualTo("/x?access_token=***&code=***&q=***&signature=***&refreshToken=***&kind=pdf");
    assertThat(mask.mask("/i/abc?token=def")).isEqualTo("/i/***?token=***");
    assertThat(mask.mask("/x?flag&&token")).as("odd queries survive").isEqualTo("/x?flag&&token");
  }
}
