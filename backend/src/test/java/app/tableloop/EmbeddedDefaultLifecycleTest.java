package app.tableloop;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.embedded.RestartFromOutside;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's first run, as a separate process: with nothing configured it comes up on its embedded servers;
 * killed outright, it leaves them behind and the next start recovers them; stopped with SIGTERM, it leaves nothing,
 * not even a PostgreSQL that was restarted behind its back.
 */
class EmbeddedDefaultLifecycleTest {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void killedRunIsRecoveredAndAGracefulStopLeavesNoServerBehind(@TempDir Path folder) throws Exception {
    // The data folder and the service's log beside it, both removed with the temporary folder.
    Path dataDir = folder.resolve("data");
    int port = freePort();

    Process killed = serve(dataDir, port);
    awaitReady(killed, port);
    List<ProcessHandle> orphans = killed.descendants().filter(ProcessHandle::isAlive).toList();
    assertThat(orphans).as("embedded PostgreSQL and Redis run as children").hasSizeGreaterThanOrEqualTo(2);
    killed.destroyForcibly().waitFor();
    assertThat(orphans.stream().filter(ProcessHandle::isAlive)).as("SIGKILL leaves the servers running").isNotEmpty();

    Process second = serve(dataDir, port);
    awaitReady(second, port);
    assertThat(orphans.stream().filter(ProcessHandle::isAlive)).as("the leftovers were stopped").isEmpty();
    // The port answers while the start still seeds the demo restaurant; the restart below comes after it.
    awaitStarted(second, dataDir);
    // An operator restarts PostgreSQL behind TableLoop's back: the service carries on, and its stop still stops it.
    ProcessHandle restarted = ProcessHandle.of(RestartFromOutside.restartPostgres(dataDir)).orElseThrow();
    awaitReady(second, port);
    List<ProcessHandle> servers = new ArrayList<>(second.descendants().toList());
    servers.add(restarted);

    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle server : servers) {
      server.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(servers.stream().filter(ProcessHandle::isAlive)).as("SIGTERM stops every server").isEmpty();
  }

  private static Process serve(Path dataDir, int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve")
        .redirectErrorStream(true)
        .redirectOutput(logOf(dataDir).toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("REDIS_")
        || name.startsWith("TEST_"));
    env.put("TABLELOOP_DATA_DIR", dataDir.toString());
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", Integer.toString(port));
    // The simulator's default port (HTTP_PORT + 10) may be taken: it takes a free one.
    env.put("WECHAT_SIMULATOR_PORT", "0");
    return builder.start();
  }

  private void awaitReady(Process process, int port) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("the service process is running").isTrue();
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("not ready within " + READY_WITHIN.toSeconds() + " s");
  }

  private static void awaitStarted(Process process, Path dataDir) throws Exception {
    Path log = logOf(dataDir);
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (!Files.readString(log).contains("TableLoop started in")) {
      assertThat(process.isAlive()).as("the service process is running").isTrue();
      assertThat(Instant.now()).as("started within " + READY_WITHIN.toSeconds() + " s").isBefore(deadline);
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
  }

  private static Path logOf(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + ".log");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
