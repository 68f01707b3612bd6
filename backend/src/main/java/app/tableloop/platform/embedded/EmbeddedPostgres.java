package app.tableloop.platform.embedded;

import app.tableloop.platform.config.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries inside the jar, for the first run on a machine with nothing
 * installed. Its cluster lives in {@code <data dir>/postgres} and survives restarts; it listens on loopback only,
 * on a free port, with a generated password.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String SUPERUSER = "postgres";
  private static final String DATABASE = "tableloop";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final ServiceUser user;
  private final Path binaries;
  private final Path cluster;
  private final DatabaseUrl ownerUrl;
  private final String applicationPassword;

  private EmbeddedPostgres(Process process, ServiceUser user, Path binaries, Path cluster, DatabaseUrl ownerUrl,
                           String applicationPassword) {
    this.process = process;
    this.user = user;
    this.binaries = binaries;
    this.cluster = cluster;
    this.ownerUrl = ownerUrl;
    this.applicationPassword = applicationPassword;
  }

  /** Starts the server in {@code dataDir} (creating its cluster on first use) and waits until it takes connections. */
  public static EmbeddedPostgres start(Path dataDir) {
    try {
      return start(dataDir, freePort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the embedded PostgreSQL", e);
    }
  }

  /** Starts the server in {@code dataDir} on {@code port}: started again there, its clients find it where it was. */
  public static EmbeddedPostgres start(Path dataDir, int port) {
    ServiceUser user = ServiceUser.current();
    Path binaries = PostgresBinaries.unpack(dataDir.resolve("runtime"));
    user.reach(binaries);
    Path cluster = dataDir.resolve("postgres");
    LocalSecrets secrets = LocalSecrets.in(dataDir);
    String password = secrets.get("postgres.password");
    try {
      if (!Files.isRegularFile(cluster.resolve("PG_VERSION"))) {
        initialise(user, binaries, cluster, password, dataDir);
      }
      LeftoverServer.recover(cluster.resolve("postmaster.pid"), "PostgreSQL");
      Path log = dataDir.resolve("logs").resolve("postgres.log");
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(user.command(List.of(
          binaries.resolve("bin/postgres").toString(),
          "-D", cluster.toString(),
          "-p", Integer.toString(port),
          "-c", "listen_addresses=127.0.0.1",
          "-c", "unix_socket_directories=",
          "-c", "max_connections=200",
          "-c", "fsync=on")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      DatabaseUrl admin = new DatabaseUrl("127.0.0.1", port, "postgres", SUPERUSER, password, null);
      awaitConnections(process, admin, log);
      createDatabaseIfMissing(admin);
      LOG.info("Embedded PostgreSQL is up on 127.0.0.1:{} (cluster in {}, log in {})", port, cluster, log);
      return new EmbeddedPostgres(process, user, binaries, cluster, admin.withDatabase(DATABASE),
          secrets.get("application.password"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cluster, e);
    }
  }

  /** The superuser connection to the application's database; migrations run with it. */
  public DatabaseUrl ownerUrl() {
    return ownerUrl;
  }

  /** The generated password of the application's own (non-owner) role in this cluster. */
  public String applicationPassword() {
    return applicationPassword;
  }

  /**
   * Fast shutdown (disconnects clients, writes a checkpoint, exits) of whatever postmaster runs on our cluster, as its
   * {@code postmaster.pid} names it: the process we started, or the one that replaced it when PostgreSQL was restarted
   * underneath us ({@code pg_ctl restart}), which our remembered process knows nothing of.
   */
  @Override
  public void close() {
    boolean running = Files.exists(cluster.resolve("postmaster.pid"));
    if (!running && !process.isAlive()) {
      return;
    }
    try {
      if (running) {
        Process stop = new ProcessBuilder(user.command(List.of(binaries.resolve("bin/pg_ctl").toString(), "stop",
            "-D", cluster.toString(), "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()))))
            .redirectErrorStream(true)
            .start();
        String output = new String(stop.getInputStream().readAllBytes()).trim();
        if (stop.waitFor() != 0) {
          LOG.warn("Stopping the embedded PostgreSQL failed: {}", output);
        }
      }
      if (process.isAlive() && !process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("Embedded PostgreSQL did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
        process.destroyForcibly().waitFor();
      }
      LOG.info("Embedded PostgreSQL stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (IOException e) {
      LOG.warn("Cannot run pg_ctl to stop the embedded PostgreSQL: {}", e.getMessage());
      process.destroyForcibly();
    }
  }

  private static void initialise(ServiceUser user, Path binaries, Path cluster, String password, Path dataDir)
      throws IOException {
    LOG.info("Creating the embedded PostgreSQL cluster in {}", cluster);
    Path staging = cluster.resolveSibling(cluster.getFileName() + ".initdb");
    deleteRecursively(staging);
    Path passwordFile = dataDir.resolve("runtime").resolve("initdb-password");
    Files.deleteIfExists(passwordFile);
    Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, password);
    user.hand(passwordFile);
    try {
      user.own(staging);
      List<String> initdb = new ArrayList<>(List.of(
          binaries.resolve("bin/initdb").toString(),
          "-D", staging.toString(),
          "-U", SUPERUSER,
          "--pwfile=" + passwordFile,
          "--auth=scram-sha-256",
          "--encoding=UTF8",
          "--locale=C",
          "--no-instructions"));
      Process process = new ProcessBuilder(user.command(initdb)).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IOException("initdb failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating the cluster", e);
    } finally {
      Files.deleteIfExists(passwordFile);
    }
    // A cluster appears under its final name only once initdb finished, so a killed first start is simply redone.
    Files.move(staging, cluster);
  }

  private static void awaitConnections(Process process, DatabaseUrl admin, Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    SQLException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the embedded PostgreSQL exited with code " + process.exitValue()
            + "; see " + log);
      }
      try (Connection ignored = DriverManager.getConnection(admin.jdbcUrl(), admin.jdbcProperties())) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the embedded PostgreSQL did not take connections within "
        + START_TIMEOUT.toSeconds() + " s; see " + log, last);
  }

  private static void createDatabaseIfMissing(DatabaseUrl admin) {
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.jdbcProperties());
         Statement statement = connection.createStatement()) {
      var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rows.next()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the database '" + DATABASE + "' in the embedded PostgreSQL", e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
