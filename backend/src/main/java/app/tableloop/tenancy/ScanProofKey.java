package app.tableloop.tenancy;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;

/**
 * The key scan proofs are signed with: made once per deployment by whichever instance needs it first, kept in
 * PostgreSQL so that all instances share it, and read once per instance.
 */
public final class ScanProofKey {
  private static final String NAME = "scan_proof";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private Future<byte[]> key;

  public ScanProofKey(Database database) {
    this.database = database;
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
        .execute(Tuple.of(NAME, Buffer.buffer(fresh)))
        .compose(inserted -> database.pool().preparedQuery("SELECT key FROM service_keys WHERE name = $1")
            .execute(Tuple.of(NAME)))
        .map(rows -> rows.iterator().next().getBuffer("key").getBytes());
  }
}
