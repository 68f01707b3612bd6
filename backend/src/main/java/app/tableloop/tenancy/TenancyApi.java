package app.tableloop.tenancy;

import app.tableloop.identity.Callers;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Stores and tables: the diner's scan, the operator's stores, the owner's store settings and tables. */
public final class TenancyApi implements ApiModule {
  private final TableScans scans;
  private final StoreSetup setup;
  private final Clock clock;

  public TenancyApi(TableScans scans, StoreSetup setup, Clock clock) {
    this.scans = scans;
    this.setup = setup;
    this.clock = clock;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("scanTable").addHandler(this::scan);
    api.getRoute("listStores").addHandler(rc -> setup.stores(Callers.of(rc))
        .onSuccess(list -> rc.json(new JsonObject().put("stores",
            new JsonArray(list.stream().map(store -> TenancyJson.store(store, clock)).toList()))))
        .onFailure(rc::fail));
    api.getRoute("createStore").addHandler(rc -> setup.createStore(Callers.of(rc), storeForm(rc))
        .onSuccess(created -> created(rc, TenancyJson.store(created, clock)))
        .onFailure(rc::fail));
    api.getRoute("getStore").addHandler(rc -> setup.store(Callers.of(rc))
        .onSuccess(store -> rc.json(TenancyJson.store(store, clock)))
        .onFailure(rc::fail));
    api.getRoute("updateStore").addHandler(rc -> setup.updateStore(Callers.of(rc), storeForm(rc))
        .onSuccess(store -> rc.json(TenancyJson.store(store, clock)))
        .onFailure(rc::fail));
    api.getRoute("listTables").addHandler(rc -> setup.tables(Callers.of(rc))
        .onSuccess(list -> rc.json(tablesJson(list)))
        .onFailure(rc::fail));
    api.getRoute("addTables").addHandler(this::addTables);
    api.getRoute("updateTable").addHandler(this::updateTable);
  }

  /**
   * The first screen after a scan: which store and table, whether the store takes orders now, and the proof of
   * this scan that opening or joining the table's tab asks for.
   */
  private void scan(RoutingContext rc) {
    scans.scan(Requests.query(rc, "scene").map(RequestParameter::getString),
            Requests.query(rc, "q").map(RequestParameter::getString))
        .onSuccess(scanned -> rc.json(new JsonObject()
            .put("store", TenancyJson.store(scanned.store(), clock))
            .put("table", TenancyJson.table(scanned.table()))
            .put("scan_token", scanned.scanToken())
            .put("scan_token_expires_in", ScanProof.VALIDITY.toSeconds())))
        .onFailure(rc::fail);
  }

  private void addTables(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    setup.addTables(Callers.of(rc), body.getString("codes"), body.getString("area"), body.getInteger("seats", 4))
        .onSuccess(list -> created(rc, tablesJson(list)))
        .onFailure(rc::fail);
  }

  private void updateTable(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    DiningTables.TableChanges changes = new DiningTables.TableChanges(Optional.ofNullable(body.getString("name")),
        Optional.ofNullable(body.getString("area")), Optional.ofNullable(body.getInteger("seats")),
        Optional.ofNullable(body.getBoolean("active")));
    setup.updateTable(Callers.of(rc), Requests.id(rc, "table"), changes)
        .onSuccess(table -> rc.json(TenancyJson.table(table)))
        .onFailure(rc::fail);
  }

  private static StoreSetup.StoreForm storeForm(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    return new StoreSetup.StoreForm(Optional.ofNullable(body.getString("name")),
        Optional.ofNullable(body.getString("time_zone")),
        Optional.ofNullable(body.getString("ordering_mode")).flatMap(OrderingMode::fromWireName),
        Optional.ofNullable(body.getJsonArray("business_hours")).map(TenancyJson::businessHours),
        Optional.ofNullable(body.getBoolean("staff_may_refund")));
  }

  private static void created(RoutingContext rc, JsonObject json) {
    rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
  }

  private static JsonObject tablesJson(List<DiningTable> list) {
    return new JsonObject().put("tables", new JsonArray(list.stream().map(TenancyJson::table).toList()));
  }
}
