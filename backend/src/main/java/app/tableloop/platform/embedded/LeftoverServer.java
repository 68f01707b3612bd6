package app.tableloop.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers an embedded server that an earlier TableLoop left behind when it was killed without a chance to stop it:
 * a stale pid file is removed, and a server still running with no TableLoop above it is stopped. A server whose
 * TableLoop is still alive is left alone, and the start refuses with a clear message instead.
 */
final class LeftoverServer {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverServer.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private LeftoverServer() {
  }

  static void recover(Path pidFile, String serverName) {
    Optional<ProcessHandle> leftover = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (leftover.isEmpty()) {
      deleteQuietly(pidFile);
      return;
    }
    ProcessHandle server = leftover.get();
    Optional<ProcessHandle> owner = server.parent().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false));
    if (owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()) {
      throw new IllegalStateException("the embedded " + serverName + " in " + pidFile.getParent()
          + " belongs to another running TableLoop (pid " + owner.get().pid()
          + "); stop it first, or give this one its own TABLELOOP_DATA_DIR");
    }
    LOG.warn("Stopping the embedded {} (pid {}) left running by an earlier TableLoop that was killed",
        serverName, server.pid());
    server.destroy();
    try {
      server.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping a leftover " + serverName, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot stop a leftover " + serverName, e);
    }
    deleteQuietly(pidFile);
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      return firstLine.matches("\\d+") ? Optional.of(Long.parseLong(firstLine)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot remove stale {}: {}", file, e.getMessage());
    }
  }
}
