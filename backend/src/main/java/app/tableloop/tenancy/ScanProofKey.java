package app.tableloop.tenancy;

import app.tableloop.platform.crypto.ServiceKey;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;

/** The key scan proofs are signed with, shared by all instances. */
public final class ScanProofKey {
  private final ServiceKey key;

  public ScanProofKey(Database database) {
    this.key = new ServiceKey(database, "scan_proof");
  }

  public Future<byte[]> get() {
    return key.get();
  }
}
