package app.tableloop.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Restarts the embedded PostgreSQL of a data directory the way an operator would, behind TableLoop's back: its
 * {@code pg_ctl restart}, as the user the server runs as. The new postmaster is no child of TableLoop.
 */
public final class RestartFromOutside {
  private RestartFromOutside() {
  }

  /** Restarts the server (it comes back on the same port, with the same options) and answers its new pid. */
  public static long restartPostgres(Path dataDir) throws IOException, InterruptedException {
    Path cluster = dataDir.resolve("postgres");
    Path pgCtl = PostgresBinaries.unpack(dataDir.resolve("runtime")).resolve("bin/pg_ctl");
    Process restart = new ProcessBuilder(ServiceUser.current().command(List.of(pgCtl.toString(), "restart",
        "-D", cluster.toString(), "-m", "fast", "-w", "-l", cluster.resolve("restarted.log").toString())))
        .redirectErrorStream(true).start();
    String output = new String(restart.getInputStream().readAllBytes());
    if (restart.waitFor() != 0) {
      throw new IllegalStateException("pg_ctl restart failed: " + output);
    }
    return postmasterPid(dataDir);
  }

  /** The pid the running postmaster wrote in its data directory. */
  public static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
  }
}
