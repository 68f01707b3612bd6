package app.tableloop.platform.crypto;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;

/**
 * A key the service signs its own tokens with, by name: made once per deployment by whichever instance needs it
 * first, kept in PostgreSQL so that all instances share it, and read once per instance.
 */
public final class ServiceKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final String name;
  private Future<byte[]> key;

  public ServiceKey(Database database, String name) {
    this.database = database;
    this.name = name;
  }

  /** The key; a failed read is tried again on the next call. */
  public synchronized Future<byte[]> get() {
    if (key == null || key.failed()) {
      key = load();
    }
    return key;
  }

  private Future<byte[]> load() {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    return database.pool().preparedQuery("""
            INSERT INTO service_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING
            """)
        .execute(Tuple.of(name, Buffer.buffer(fresh)))
        .compose(inserted -> database.pool().preparedQuery("SELECT key FROM service_keys WHERE name = $1")
            .execute(Tuple.of(name)))
        .map(rows -> rows.iterator().next().getBuffer("key").getBytes());
  }
}
