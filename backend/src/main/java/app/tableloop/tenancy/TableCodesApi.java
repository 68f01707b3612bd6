package app.tableloop.tenancy;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.ProblemException;
import app.tableloop.tenancy.qr.PlainQrCode;
import app.tableloop.tenancy.qr.TableCodeSheet;
import app.tableloop.tenancy.qr.TableTile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The codes diners scan: per table, WeChat's mini-program code or an ordinary QR code of the table's link (no WeChat
 * quota, for stores that set up WeChat's link rule), and a printable A4 sheet of all of a store's active tables.
 */
public final class TableCodesApi implements ApiModule {
  private static final int LINK_CODE_PIXELS = 600;

  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final TableCodeImages wechatCodes;
  private final String publicBaseUrl;

  public TableCodesApi(Database database, Stores stores, DiningTables tables, TableCodeImages wechatCodes,
                       String publicBaseUrl) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.wechatCodes = wechatCodes;
    this.publicBaseUrl = publicBaseUrl;
  }

  private enum Kind { WECHAT, LINK }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getTableWeChatCode").addHandler(rc -> tableCode(rc, Kind.WECHAT));
    api.getRoute("getTableLinkCode").addHandler(rc -> tableCode(rc, Kind.LINK));
    api.getRoute("getTableCodeSheet").addHandler(this::sheet);
  }

  private void tableCode(RoutingContext rc, Kind kind) {
    Access access = Access.of(rc);
    UUID tableId = UUID.fromString(rc.pathParam("table"));
    database.inTenant(access.tenantId(), sql -> stores.find(sql, access.tenantId(), access.storeId())
            .compose(store -> tables.find(sql, access.tenantId(), access.storeId(), tableId)
                .map(table -> store.isPresent() && table.isPresent()
                    ? new StoreTable(store.get(), table.get()) : null)))
        .compose(found -> found == null
            ? Future.failedFuture(new ProblemException(TenancyProblems.TABLE_NOT_FOUND))
            : image(rc.vertx(), access.tenantId(), found.store(), found.table(), kind))
        .onSuccess(png -> rc.response().putHeader("Content-Type", "image/png")
            .putHeader("Cache-Control", "private, max-age=3600").end(Buffer.buffer(png)))
        .onFailure(rc::fail);
  }

  private void sheet(RoutingContext rc) {
    Access access = Access.of(rc);
    RequestParameter kindParameter = TenancyApi.validated(rc).getQuery().get("kind");
    Kind kind = kindParameter == null || kindParameter.isNull() ? Kind.WECHAT
        : Kind.valueOf(kindParameter.getString().toUpperCase());
    database.inTenant(access.tenantId(), sql -> stores.find(sql, access.tenantId(), access.storeId())
            .compose(store -> tables.list(sql, access.tenantId(), access.storeId())
                .map(list -> store.map(found -> new StoreTables(found, list.stream()
                    .filter(DiningTable::active).toList())).orElse(null))))
        .compose(found -> found == null || found.tables().isEmpty()
            ? Future.failedFuture(new ProblemException(TenancyProblems.TABLE_NOT_FOUND))
            : tiles(rc.vertx(), access.tenantId(), found, kind).compose(tiles -> rc.vertx().executeBlocking(
                () -> new TableCodeSheet(found.store().name(), tiles).pdf())))
        .onSuccess(pdf -> rc.response().putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "inline; filename=\"table-codes.pdf\"").end(Buffer.buffer(pdf)))
        .onFailure(rc::fail);
  }

  /** One tile per table, in table order; WeChat codes one after the other, to stay within WeChat's rate. */
  private Future<List<TableTile>> tiles(Vertx vertx, UUID tenantId, StoreTables found, Kind kind) {
    List<TableTile> tiles = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (DiningTable table : found.tables()) {
      chain = chain.compose(previous -> image(vertx, tenantId, found.store(), table, kind)
          .map(png -> {
            tiles.add(new TableTile(label(table), png));
            return null;
          }));
    }
    return chain.map(done -> tiles);
  }

  private Future<byte[]> image(Vertx vertx, UUID tenantId, Store store, DiningTable table, Kind kind) {
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
