package app.tableloop.membership;

import app.tableloop.platform.crypto.DataKeys;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Seals every stored phone number again under the current key, after a new one was put first in MEMBER_DATA_KEYS;
 * the old key can be removed once this has run. Works across tenants, so it runs with the owner's connection (the
 * {@code members reencrypt} command), a batch per transaction, safe to stop and run again.
 */
public final class PhoneReencryption {
  private static final int BATCH = 200;

  private final Database ownerDatabase;
  private final DataKeys keys;

  public PhoneReencryption(Database ownerDatabase, DataKeys keys) {
    this.ownerDatabase = ownerDatabase;
    this.keys = keys;
  }

  /** Re-seals until none is left under another key; answers how many were re-sealed. */
  public Future<Integer> run() {
    return batch().compose(done -> done == 0 ? Future.succeededFuture(0) : run().map(more -> done + more));
  }

  private Future<Integer> batch() {
    return ownerDatabase.inTransaction(sql -> sql.preparedQuery("""
            SELECT id, phone_sealed, phone_key_id FROM members
             WHERE phone_key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
            """)
        .execute(Tuple.of(keys.currentId(), BATCH))
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Row row : rows) {
            chain = chain.compose(done -> reseal(sql, row).map(done + 1));
          }
          return chain;
        }));
  }

  private Future<Void> reseal(SqlClient sql, Row row) {
    String phone = keys.open(new DataKeys.Sealed(row.getString("phone_key_id"),
        row.getBuffer("phone_sealed").getBytes()));
    DataKeys.Sealed sealed = keys.seal(phone);
    return sql.preparedQuery("UPDATE members SET phone_sealed = $2, phone_key_id = $3 WHERE id = $1")
        .execute(Tuple.of(row.getUUID("id"), Buffer.buffer(sealed.bytes()), sealed.keyId()))
        .mapEmpty();
  }
}
