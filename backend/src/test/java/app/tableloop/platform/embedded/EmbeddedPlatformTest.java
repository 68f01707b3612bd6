package app.tableloop.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which of the shipped PostgreSQL and Redis binaries each operating system and CPU gets, as Java names them. */
class EmbeddedPlatformTest {

  @ParameterizedTest
  @CsvSource({
      "Linux,    amd64,   postgres-linux-x86_64.txz,  redis-server-6.2.6-v5-linux-amd64",
      "Linux,    aarch64, postgres-linux-arm_64.txz,  redis-server-6.2.7-linux-arm64",
      "Mac OS X, x86_64,  postgres-darwin-x86_64.txz, redis-server-6.2.6-v5-darwin-amd64",
      "Mac OS X, aarch64, postgres-darwin-arm_64.txz, redis-server-6.2.6-v5-darwin-arm64",
  })
  void eachSupportedPlatformGetsBinariesTheJarCarries(String os, String arch, String postgres, String redis) {
    EmbeddedPlatform platform = new EmbeddedPlatform(os, arch);

    assertThat(platform.postgresArchive()).isEqualTo(postgres);
    assertThat(platform.redisBinary()).isEqualTo(redis);
    assertThat(getClass().getClassLoader().getResource(platform.postgresArchive())).isNotNull();
    assertThat(getClass().getClassLoader().getResource(platform.redisBinary())).isNotNull();
  }

  @Test
  void onlyAppleSiliconsRedisNeedsALibraryFromOutsideTheJar() {
    assertThat(new EmbeddedPlatform("Mac OS X", "aarch64").redisLibrary()).contains(EmbeddedPlatform.HOMEBREW_OPENSSL);
    assertThat(new EmbeddedPlatform("Mac OS X", "x86_64").redisLibrary()).isEmpty();
    assertThat(new EmbeddedPlatform("Linux", "aarch64").redisLibrary()).isEmpty();
    assertThat(new EmbeddedPlatform("Mac OS X", "aarch64").missingRedisLibrary(EmbeddedPlatform.HOMEBREW_OPENSSL))
        .contains("brew install openssl@3", "REDIS_URL", "Docker");
  }

  @Test
  void anotherOperatingSystemIsToldToNameItsOwnServers() {
    EmbeddedPlatform windows = new EmbeddedPlatform("Windows 11", "amd64");

    assertThatThrownBy(windows::postgresArchive).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Windows 11").hasMessageContaining("DATABASE_URL").hasMessageContaining("Docker");
    assertThatThrownBy(windows::redisBinary).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REDIS_URL").hasMessageContaining("Docker");
  }

  @Test
  void anotherCpuIsToldToNameItsOwnServers() {
    EmbeddedPlatform s390x = new EmbeddedPlatform("Linux", "s390x");

    assertThatThrownBy(s390x::postgresArchive).hasMessageContaining("s390x").hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(s390x::redisBinary).hasMessageContaining("REDIS_URL");
  }
}
