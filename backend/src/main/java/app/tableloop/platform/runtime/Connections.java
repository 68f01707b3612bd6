package app.tableloop.platform.runtime;

import app.tableloop.platform.config.DatabaseUrl;
import app.tableloop.platform.config.RedisUrl;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the running service finds its database (as the application role) and Redis, once the embedded servers,
 * if any, are up.
 */
public record Connections(
    DatabaseUrl appDatabase,
    int databasePoolSize,
    Optional<RedisUrl> redisUrl,
    Optional<Path> redissonYaml,
    String redisKeyPrefix) {
}
