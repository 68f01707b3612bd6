package app.tableloop.platform.embedded;

import app.tableloop.platform.config.RedisUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * A real redis-server, from the binary shipped in the embedded-redis artifact, for the first run on a machine with
 * nothing installed. Loopback only, a generated password, snapshots in {@code <data dir>/redis} so that sessions
 * survive a restart (though nothing that matters lives only in Redis).
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final RedisUrl url;

  private EmbeddedRedis(Process process, RedisUrl url) {
    this.process = process;
    this.url = url;
  }

  public static EmbeddedRedis start(Path dataDir) {
    Path dir = dataDir.resolve("redis");
    try {
      Files.createDirectories(dir);
      LeftoverServer.recover(dir.resolve("redis.pid"), "Redis");
      Path runtime = Files.createDirectories(dataDir.resolve("runtime"));
      Path binary = unpackBinary(runtime);
      int port = EmbeddedPostgres.freePort();
      String password = LocalSecrets.in(dataDir).get("redis.password");
      // The password goes into an owner-only file rather than onto the command line, where ps would show it.
      Path conf = dir.resolve("redis.conf");
      Files.deleteIfExists(conf);
      Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(conf, String.join("\n",
          "bind 127.0.0.1",
          "port " + port,
          "protected-mode yes",
          "daemonize no",
          "dir " + dir,
          "pidfile " + dir.resolve("redis.pid"),
          "logfile " + dataDir.resolve("logs").resolve("redis.log"),
          "requirepass " + password,
          "save 60 1",
          "appendonly no",
          ""));
      Files.createDirectories(dataDir.resolve("logs"));
      Process process = new ProcessBuilder(List.of(binary.toString(), conf.toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      awaitPort(process, port, dataDir.resolve("logs").resolve("redis.log"));
      LOG.info("Embedded Redis is up on 127.0.0.1:{} (snapshots in {})", port, dir);
      return new EmbeddedRedis(process, new RedisUrl(false, "127.0.0.1", port, null, password, 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis in " + dir, e);
    }
  }

  /** Our choice of binary (see {@link EmbeddedPlatform}), unpacked by the artifact's own code. */
  private static Path unpackBinary(Path runtime) throws IOException {
    EmbeddedPlatform platform = EmbeddedPlatform.current();
    String resource = platform.redisBinary();
    Optional<Path> library = platform.redisLibrary();
    if (library.isPresent() && !Files.exists(library.get())) {
      throw new IllegalStateException(platform.missingRedisLibrary(library.get()));
    }
    return ExecutableProvider.newJarResourceProvider(runtime::toFile,
        Map.of(OsArchitecture.detectOSandArchitecture(), "/" + resource)).get().toPath();
  }

  public RedisUrl url() {
    return url;
  }

  /** SIGTERM makes redis-server write its snapshot and exit. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("Embedded Redis did not stop within 30 s; killing it");
        process.destroyForcibly().waitFor();
      }
      LOG.info("Embedded Redis stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void awaitPort(Process process, int port, Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the embedded Redis exited with code " + process.exitValue() + "; see " + log);
      }
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        try {
          process.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the embedded Redis did not listen within " + START_TIMEOUT.toSeconds()
        + " s; see " + log);
  }
}
