package app.tableloop.tenancy;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.Refusals;
import app.tableloop.tenancy.qr.PlainQrCode;
import app.tableloop.tenancy.qr.TableCodeSheet;
import app.tableloop.tenancy.qr.TableTile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The codes diners scan: per table, WeChat's mini-program code or an ordinary QR code of the table's link (no WeChat
 * quota, for stores that set up WeChat's link rule), and a printable A4 sheet of all of a store's active tables.
 */
public final class TableCodes {
  private static final int LINK_CODE_PIXELS = 600;

  private final Vertx vertx;
  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final TableCodeImages wechatCodes;
  private final String publicBaseUrl;

  public TableCodes(Vertx vertx, Database database, Stores stores, DiningTables tables, TableCodeImages wechatCodes,
                    String publicBaseUrl) {
    this.vertx = vertx;
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.wechatCodes = wechatCodes;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Which code: WeChat's mini-program code, or an ordinary QR code of the table's link. */
  public enum Kind { WECHAT, LINK }

  /** One table's code as a PNG. */
  public Future<byte[]> tableCode(Access access, UUID tableId, Kind kind) {
    return database.inTenant(access.tenantId(), sql -> stores.find(sql, access.tenantId(), access.storeId())
            .compose(store -> tables.find(sql, access.tenantId(), access.storeId(), tableId)
                .map(table -> store.isPresent() && table.isPresent()
                    ? new StoreTable(store.get(), table.get()) : null)))
        .compose(found -> found == null ? Refusals.refuse(TenancyRefusal.TABLE_NOT_FOUND)
            : image(access.tenantId(), found.store(), found.table(), kind));
  }

  /** The codes of the store's active tables on A4 pages, as a PDF. */
  public Future<byte[]> sheet(Access access, Kind kind) {
    return database.inTenant(access.tenantId(), sql -> stores.find(sql, access.tenantId(), access.storeId())
            .compose(store -> tables.list(sql, access.tenantId(), access.storeId())
                .map(list -> store.map(found -> new StoreTables(found, list.stream()
                    .filter(DiningTable::active).toList())).orElse(null))))
        .compose(found -> found == null || found.tables().isEmpty()
            ? Refusals.refuse(TenancyRefusal.TABLE_NOT_FOUND)
            : tiles(access.tenantId(), found, kind).compose(tiles -> vertx.executeBlocking(
                () -> new TableCodeSheet(found.store().name(), tiles).pdf())));
  }

  /** One tile per table, in table order; WeChat codes one after the other, to stay within WeChat's rate. */
  private Future<List<TableTile>> tiles(UUID tenantId, StoreTables found, Kind kind) {
    List<TableTile> tiles = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (DiningTable table : found.tables()) {
      chain = chain.compose(previous -> image(tenantId, found.store(), table, kind)
          .map(png -> {
            tiles.add(new TableTile(label(table), png));
            return null;
          }));
    }
    return chain.map(done -> tiles);
  }

  private Future<byte[]> image(UUID tenantId, Store store, DiningTable table, Kind kind) {
    if (kind == Kind.WECHAT) {
      return wechatCodes.of(tenantId, store, table);
    }
    String link = new TableScene(store.code(), table.code()).link(publicBaseUrl);
    return vertx.executeBlocking(() -> PlainQrCode.png(link, LINK_CODE_PIXELS));
  }

  private static String label(DiningTable table) {
    return table.name().equals(table.code()) ? table.code() : table.code() + " " + table.name();
  }

  private record StoreTable(Store store, DiningTable table) {
  }

  private record StoreTables(Store store, List<DiningTable> tables) {
  }
}
