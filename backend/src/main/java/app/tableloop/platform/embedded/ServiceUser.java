package app.tableloop.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system user the embedded servers run as. PostgreSQL refuses to run as root, so when TableLoop is
 * started by root the embedded servers run as the unprivileged {@code nobody} user instead (through
 * {@code setpriv}, which execs in place so that the child process is the server itself and signals reach it).
 */
final class ServiceUser {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceUser.class);
  private static final String UNPRIVILEGED = "nobody";

  private final boolean dropRoot;

  private ServiceUser(boolean dropRoot) {
    this.dropRoot = dropRoot;
  }

  static ServiceUser current() {
    try {
      int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return new ServiceUser(uid == 0);
    } catch (IOException | UnsupportedOperationException e) {
      return new ServiceUser(false);
    }
  }

  /** The command line that runs {@code command} as this user. */
  List<String> command(List<String> command) {
    if (!dropRoot) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + primaryGroup(),
        "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Creates a directory that only this user may enter, reachable by this user from the root. */
  void own(Path directory) {
    try {
      Files.createDirectories(directory);
      if (!dropRoot) {
        return;
      }
      UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName(UNPRIVILEGED));
      view.setGroup(users.lookupPrincipalByGroupName(primaryGroup()));
      Files.setPosixFilePermissions(directory, Set.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
      reach(directory.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + directory + " for user " + UNPRIVILEGED, e);
    }
  }

  /**
   * Makes sure this user can pass through {@code directory} and its ancestors. When dropping root they must be
   * searchable by others, which a {@code mktemp -d} folder or {@code /root} is not.
   */
  void reach(Path directory) {
    if (!dropRoot) {
      return;
    }
    try {
      for (Path folder = directory; folder != null; folder = folder.getParent()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          permissions.add(PosixFilePermission.OTHERS_EXECUTE);
          Files.setPosixFilePermissions(folder, permissions);
          LOG.warn("Allowed others to pass through {} (search only, no listing) so that the embedded PostgreSQL, "
              + "running as '{}', can reach its files", folder, UNPRIVILEGED);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot let user " + UNPRIVILEGED + " reach " + directory, e);
    }
  }

  /** Makes a file this process wrote readable by this user (and nobody else). */
  void hand(Path file) {
    if (!dropRoot) {
      return;
    }
    try {
      Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hand " + file + " to user " + UNPRIVILEGED, e);
    }
  }

  private static String primaryGroup() {
    // Debian calls nobody's group "nogroup", Red Hat calls it "nobody": ask the passwd database for the number.
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] fields = line.split(":");
        if (fields.length > 3 && fields[0].equals(UNPRIVILEGED)) {
          return fields[3];
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /etc/passwd", e);
    }
    throw new IllegalStateException("this machine has no '" + UNPRIVILEGED + "' user to run PostgreSQL as");
  }
}
