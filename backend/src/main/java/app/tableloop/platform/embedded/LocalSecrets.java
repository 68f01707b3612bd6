package app.tableloop.platform.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Passwords of the embedded servers and the keys sealing members' personal data, generated on first start and kept
 * (owner-only) in the data directory, so that the embedded PostgreSQL and Redis never run without authentication and
 * keep their passwords, and sealed data stays readable, across restarts.
 */
final class LocalSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Properties values = new Properties();

  private LocalSecrets(Path file) {
    this.file = file;
  }

  static synchronized LocalSecrets in(Path dataDir) {
    LocalSecrets secrets = new LocalSecrets(dataDir.resolve("secrets.properties"));
    if (Files.isRegularFile(secrets.file)) {
      try (Reader reader = Files.newBufferedReader(secrets.file)) {
        secrets.values.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + secrets.file, e);
      }
    }
    return secrets;
  }

  synchronized String get(String name) {
    return get(name, () -> {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    });
  }

  /** The secret kept under {@code name}; on first use made by {@code generate} and kept. */
  synchronized String get(String name, Supplier<String> generate) {
    String value = values.getProperty(name);
    if (value == null) {
      value = generate.get();
      values.setProperty(name, value);
      save();
    }
    return value;
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path next = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(next);
      Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer = Files.newBufferedWriter(next)) {
        values.store(writer, "Generated passwords and keys of the embedded default. Keep this file private.");
      }
      Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
