package app.tableloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.config.Config;
import org.redisson.config.SubscriptionMode;

/** A Redisson file for Sentinel or Cluster keeps the key prefix, and its subscriptions stay on the masters. */
class RedissonFileTest {
  @TempDir
  Path dir;

  @Test
  void sentinelSubscriptionsOnReplicasAreMovedToTheMaster() throws IOException {
    Config config = configure("""
        sentinelServersConfig:
          masterName: "tableloop"
          subscriptionMode: "SLAVE"
          sentinelAddresses:
            - "redis://127.0.0.1:26379"
        """);

    assertThat(config.useSentinelServers().getSubscriptionMode()).isEqualTo(SubscriptionMode.MASTER);
    assertThat(config.getNameMapper().map("session:x")).isEqualTo("deployment-a:session:x");
  }

  @Test
  void clusterSubscriptionsOnReplicasAreMovedToTheMasters() throws IOException {
    Config config = configure("""
        clusterServersConfig:
          subscriptionMode: "SLAVE"
          nodeAddresses:
            - "redis://127.0.0.1:7000"
        """);

    assertThat(config.useClusterServers().getSubscriptionMode()).isEqualTo(SubscriptionMode.MASTER);
  }

  private Config configure(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("redisson.yaml"), yaml);
    return Redis.configure(Optional.empty(), Optional.of(file), "deployment-a:");
  }
}
