package app.tableloop.platform.config;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.http.ConnectionLimits;
import app.tableloop.platform.http.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything TableLoop reads from its environment, validated once at start. The README's configuration table
 * lists the same variables; keep the two together.
 *
 * @param databaseUrl     owner connection used for migrations; empty means "start the embedded PostgreSQL"
 * @param appDatabaseUser the role the application connects as; row-level security applies to it
 * @param redisUrl        empty (with no config file) means "start the embedded Redis"
 * @param redisConfigFile a Redisson YAML file, for Sentinel or Cluster deployments
 * @param redisKeyPrefix  prepended to every Redis key, so that deployments (and tests) can share one Redis
 * @param publicBaseUrl   how diners and staff reach this service (links in table QR codes and staff invites)
 * @param connectionLimits timeouts and caps on the HTTP connections clients open
 * @param trustedProxies  the reverse proxies whose X-Forwarded-For names the client; none by default
 * @param wechatSimulatorPort loopback port of the built-in WeChat simulator (simulator mode); 0 picks a free one.
 *                            Unset, HTTP_PORT + 10 (8090 beside the default 8080), or 0 when HTTP_PORT is 0
 * @param memberDataKeys  the keys sealing members' personal data; empty means "the embedded default's generated
 *                        ones" (required with DATABASE_URL)
 * @param wechatSimulatorRecords where the built-in WeChat simulator keeps its records across restarts:
 *                        TABLELOOP_DATA_DIR/wechat-simulator when TABLELOOP_DATA_DIR is set or the embedded default
 *                        runs; empty (kept in memory) for a deployment on its own database without a data directory
 */
public record Config(
    String httpHost,
    int httpPort,
    long maxBodyBytes,
    Duration shutdownGrace,
    Optional<DatabaseUrl> databaseUrl,
    String appDatabaseUser,
    Optional<String> appDatabasePassword,
    int databasePoolSize,
    Optional<RedisUrl> redisUrl,
    Optional<Path> redisConfigFile,
    String redisKeyPrefix,
    Path dataDir,
    String publicBaseUrl,
    ConnectionLimits connectionLimits,
    TrustedProxies trustedProxies,
    int wechatSimulatorPort,
    Optional<DataKeys> memberDataKeys,
    Optional<Path> wechatSimulatorRecords) {

  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static String publicBaseUrl(String value) {
    if (!value.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw new ConfigException("PUBLIC_BASE_URL must be an http(s) address such as https://order.example.com, got '"
          + value + "'");
    }
    return value.replaceFirst("/+$", "");
  }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  public static Config from(Map<String, String> env) {
    Environment e = new Environment(env);
    Optional<DatabaseUrl> databaseUrl = e.optional("DATABASE_URL").map(v -> DatabaseUrl.parse("DATABASE_URL", v));
    String appUser = e.optional("DATABASE_APP_USER").orElse("tableloop_app");
    if (!ROLE_NAME.matcher(appUser).matches()) {
      throw new ConfigException("DATABASE_APP_USER must be a plain lower-case role name such as tableloop_app, got '"
          + appUser + "'");
    }
    if (databaseUrl.isPresent() && databaseUrl.get().user().equals(appUser)) {
      throw new ConfigException("DATABASE_APP_USER must differ from the user in DATABASE_URL: the application must "
          + "not connect as the owner of the tables, or row-level security would not apply to it");
    }
    Optional<RedisUrl> redisUrl = e.optional("REDIS_URL").map(v -> RedisUrl.parse("REDIS_URL", v));
    Optional<Path> redisConfigFile = e.optional("REDIS_CONFIG_FILE").map(Path::of);
    if (redisUrl.isPresent() && redisConfigFile.isPresent()) {
      throw new ConfigException("set either REDIS_URL or REDIS_CONFIG_FILE, not both");
    }
    if (redisConfigFile.isPresent() && !redisConfigFile.get().toFile().isFile()) {
      throw new ConfigException("REDIS_CONFIG_FILE names no readable file: " + redisConfigFile.get());
    }
    int httpPort = e.integer("HTTP_PORT", 8080, 0, 65535);
    Path dataDir = Path.of(e.optional("TABLELOOP_DATA_DIR").orElse("tableloop-data")).toAbsolutePath().normalize();
    boolean dataDirApplies = e.optional("TABLELOOP_DATA_DIR").isPresent() || databaseUrl.isEmpty();
    return new Config(
        e.optional("HTTP_HOST").orElse("0.0.0.0"),
        httpPort,
        e.integer("HTTP_MAX_BODY_BYTES", 256 * 1024, 1024, 64 * 1024 * 1024),
        Duration.ofSeconds(e.integer("SHUTDOWN_GRACE_SECONDS", 10, 0, 300)),
        databaseUrl,
        appUser,
        e.optional("DATABASE_APP_PASSWORD"),
        e.integer("DATABASE_POOL_SIZE", 16, 1, 500),
        redisUrl,
        redisConfigFile,
        e.optional("REDIS_KEY_PREFIX").orElse("tableloop:"),
        dataDir,
        // Unset, it follows HTTP_PORT, so that WeChat Pay's notifications (and the links) of a local run on another
        // port still reach it; a port picked at start (0) is not known yet, and keeps the usual 8080.
        publicBaseUrl(e.optional("PUBLIC_BASE_URL").orElse("http://localhost:" + (httpPort == 0 ? 8080 : httpPort))),
        new ConnectionLimits(
            Duration.ofSeconds(e.integer("HTTP_IDLE_TIMEOUT_SECONDS", 60, 1, 3600)),
            Duration.ofSeconds(e.integer("HTTP_REQUEST_TIMEOUT_SECONDS", 20, 1, 600)),
            e.integer("HTTP_MAX_CONNECTIONS", 4096, 1, 1_000_000),
            e.integer("HTTP_MAX_CONNECTIONS_PER_ADDRESS", 256, 1, 1_000_000)),
        trustedProxies(e),
        // A fixed port lets a mini-program in the developer tools (and its journey tests) reach the simulator too, and
        // keeps its address the same from one start to the next.
        e.integer("WECHAT_SIMULATOR_PORT", httpPort == 0 ? 0 : Math.min(httpPort + 10, 65535), 0, 65535),
        memberDataKeys(e),
        dataDirApplies ? Optional.of(dataDir.resolve("wechat-simulator")) : Optional.empty());
  }

  private static TrustedProxies trustedProxies(Environment e) {
    try {
      return TrustedProxies.parse(e.optional("HTTP_TRUSTED_PROXIES").orElse(""));
    } catch (IllegalArgumentException ex) {
      throw new ConfigException("HTTP_TRUSTED_PROXIES: " + ex.getMessage());
    }
  }

  private static Optional<DataKeys> memberDataKeys(Environment e) {
    Optional<String> sealing = e.optional("MEMBER_DATA_KEYS");
    Optional<String> lookup = e.optional("MEMBER_LOOKUP_KEY");
    if (sealing.isEmpty() && lookup.isEmpty()) {
      return Optional.empty();
    }
    if (sealing.isEmpty() || lookup.isEmpty()) {
      throw new ConfigException("set both MEMBER_DATA_KEYS and MEMBER_LOOKUP_KEY, or neither (embedded default only)");
    }
    try {
      return Optional.of(DataKeys.parse(sealing.get(), lookup.get()));
    } catch (IllegalArgumentException ex) {
      throw new ConfigException("MEMBER_DATA_KEYS / MEMBER_LOOKUP_KEY: " + ex.getMessage());
    }
  }
}
