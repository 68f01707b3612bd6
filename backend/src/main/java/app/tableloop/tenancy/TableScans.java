package app.tableloop.tenancy;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;

/**
 * A diner's scan of a table's code: which store and table it names, and the proof of this scan that opening or
 * joining the table's tab asks for. A table out of service is answered like one that does not exist.
 */
public final class TableScans {
  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final ScanProofKey scanProofKey;
  private final Clock clock;

  public TableScans(Database database, Stores stores, DiningTables tables, ScanProofKey scanProofKey, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.scanProofKey = scanProofKey;
    this.clock = clock;
  }

  /** The store and table scanned, and the proof of the scan. */
  public record Scanned(Store store, DiningTable table, String scanToken) {
  }

  /**
   * @param scene the scene of a WeChat mini-program code, if the diner scanned one
   * @param link  the link of an ordinary QR code, if the diner scanned one of those
   */
  public Future<Scanned> scan(Optional<String> scene, Optional<String> link) {
    Optional<TableScene> scanned = scene.flatMap(TableScene::fromScene).or(() -> link.flatMap(TableScene::fromLink));
    if (scanned.isEmpty()) {
      return Refusals.refuse(TenancyRefusal.INVALID_SCENE);
    }
    // The key is had before the transaction: loading it takes a connection of its own, which a transaction holding
    // one must not wait for.
    return scanProofKey.get().compose(key -> stores.byCode(database.pool(), scanned.get().storeCode())
        .compose(ref -> ref.isEmpty() ? Future.succeededFuture(Optional.<Scanned>empty())
            : database.inTenant(ref.get().tenantId(), sql -> stores.find(sql, ref.get().tenantId(),
                    ref.get().storeId())
                .compose(store -> tables.findByCode(sql, ref.get().tenantId(), ref.get().storeId(),
                        scanned.get().tableCode())
                    .map(table -> store.isPresent() && table.isPresent() && table.get().active()
                        ? Optional.of(new Scanned(store.get(), table.get(), ScanProof.issue(key,
                            ref.get().tenantId(), store.get().id(), table.get().id(), clock.instant())))
                        : Optional.<Scanned>empty())))))
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Refusals.refuse(TenancyRefusal.TABLE_NOT_FOUND)));
  }
}
