package app.tableloop.tenancy;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The HTTP side of {@link TableCodes}: a table's code as a PNG, the store's sheet of codes as a PDF. */
public final class TableCodesApi implements ApiModule {
  private final TableCodes codes;

  public TableCodesApi(TableCodes codes) {
    this.codes = codes;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("getTableWeChatCode").addHandler(rc -> tableCode(rc, TableCodes.Kind.WECHAT));
    api.getRoute("getTableLinkCode").addHandler(rc -> tableCode(rc, TableCodes.Kind.LINK));
    api.getRoute("getTableCodeSheet").addHandler(this::sheet);
  }

  private void tableCode(RoutingContext rc, TableCodes.Kind kind) {
    codes.tableCode(Callers.of(rc), Requests.id(rc, "table"), kind)
        .onSuccess(png -> rc.response().putHeader("Content-Type", "image/png")
            .putHeader("Cache-Control", "private, max-age=3600").end(Buffer.buffer(png)))
        .onFailure(rc::fail);
  }

  private void sheet(RoutingContext rc) {
    TableCodes.Kind kind = Requests.query(rc, "kind")
        .map(parameter -> TableCodes.Kind.valueOf(parameter.getString().toUpperCase()))
        .orElse(TableCodes.Kind.WECHAT);
    codes.sheet(Callers.of(rc), kind)
        .onSuccess(pdf -> rc.response().putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "inline; filename=\"table-codes.pdf\"").end(Buffer.buffer(pdf)))
        .onFailure(rc::fail);
  }
}
