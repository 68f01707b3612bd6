package app.tableloop.wechat.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The folder a simulator keeps its records in, readable by the service's own user only: its keys are in it. Whole
 * files are replaced atomically (written beside, then renamed), so a crash leaves the old file or the new one.
 */
final class SimulatorDirectory {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path path;

  private SimulatorDirectory(Path path) {
    this.path = path;
  }

  static SimulatorDirectory open(Path path) {
    try {
      Files.createDirectories(path);
      ownerOnly(path, "rwx------");
      return new SimulatorDirectory(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + path + " for the WeChat simulator's records", e);
    }
  }

  Path file(String name) {
    return path.resolve(name);
  }

  Optional<String> read(String name) {
    Path file = file(name);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  void replace(String name, String content) {
    Path target = file(name);
    Path temporary = file(name + ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      ownerOnly(temporary, "rw-------");
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  static void ownerOnly(Path path, String permissions) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }
}
