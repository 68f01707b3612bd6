package app.tableloop.tenancy;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores and tables: the diner's scan, the operator's stores, the owner's store settings and tables. */
public final class TenancyApi implements ApiModule {
  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final ScanProofKey scanProofKey;
  private final Clock clock;

  public TenancyApi(Database database, Stores stores, DiningTables tables, ScanProofKey scanProofKey, Clock clock) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.scanProofKey = scanProofKey;
    this.clock = clock;
  }

  @Override
  public void mount(RouterBuilder api) {
    api.getRoute("scanTable").addHandler(this::scan);
    api.getRoute("listStores").addHandler(this::listStores);
    api.getRoute("createStore").addHandler(this::createStore);
    api.getRoute("getStore").addHandler(this::getStore);
    api.getRoute("updateStore").addHandler(this::updateStore);
    api.getRoute("listTables").addHandler(this::listTables);
    api.getRoute("addTables").addHandler(this::addTables);
    api.getRoute("updateTable").addHandler(this::updateTable);
  }

  /**
   * The first screen after a scan: which store and table, whether the store takes orders now, and the proof of
   * this scan that opening or joining the table's tab asks for.
   */
  private void scan(RoutingContext rc) {
    ValidatedRequest request = validated(rc);
    Optional<TableScene> scene = query(request, "scene").flatMap(TableScene::fromScene)
        .or(() -> query(request, "q").flatMap(TableScene::fromLink));
    if (scene.isEmpty()) {
      rc.fail(new ProblemException(TenancyProblems.INVALID_SCENE));
      return;
    }
    stores.byCode(database.pool(), scene.get().storeCode())
        .compose(ref -> ref.isEmpty() ? notFound()
            : database.inTenant(ref.get().tenantId(), sql -> stores.find(sql, ref.get().tenantId(), ref.get().storeId())
                .compose(store -> tables.findByCode(sql, ref.get().tenantId(), ref.get().storeId(),
                        scene.get().tableCode())
                    .compose(table -> store.isPresent() && table.isPresent() && table.get().active()
                        ? scanProofKey.get().map(key -> Optional.of(new JsonObject()
                            .put("store", TenancyJson.store(store.get(), clock))
                            .put("table", TenancyJson.table(table.get()))
                            .put("scan_token", ScanProof.issue(key, ref.get().tenantId(), store.get().id(),
                                table.get().id(), clock.instant()))
                            .put("scan_token_expires_in", ScanProof.VALIDITY.toSeconds())))
                        : Future.succeededFuture(Optional.<JsonObject>empty())))))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(TenancyApi::notFound))
        .onSuccess(rc::json)
        .onFailure(rc::fail);
  }

  private void listStores(RoutingContext rc) {
    Access access = Access.of(rc);
    database.inTenant(access.tenantId(), sql -> stores.list(sql, access.tenantId()))
        .onSuccess(list -> rc.json(new JsonObject().put("stores",
            new JsonArray(list.stream().map(store -> TenancyJson.store(store, clock)).toList()))))
        .onFailure(rc::fail);
  }

  private void createStore(RoutingContext rc) {
    Access access = Access.of(rc);
    JsonObject body = validated(rc).getBody().getJsonObject();
    Optional<ZoneId> zone = zone(body.getString("time_zone", "Asia/Shanghai"));
    if (zone.isEmpty()) {
      rc.fail(new ProblemException(TenancyProblems.INVALID_TIME_ZONE));
      return;
    }
    Stores.NewStore store = new Stores.NewStore(body.getString("name"), zone.get(),
        OrderingMode.fromWireName(body.getString("ordering_mode", "pay_first")).orElseThrow(),
        TenancyJson.businessHours(body.getJsonArray("business_hours", new JsonArray())));
    database.inTenant(access.tenantId(), sql -> stores.create(sql, access.tenantId(), store))
        .onSuccess(created -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(TenancyJson.store(created, clock).encode()))
        .onFailure(rc::fail);
  }

  private void getStore(RoutingContext rc) {
    Access access = Access.of(rc);
    database.inTenant(access.tenantId(), sql -> stores.find(sql, access.tenantId(), access.storeId()))
        .compose(store -> store.map(Future::succeededFuture).orElseGet(TenancyApi::storeNotFound))
        .onSuccess(store -> rc.json(TenancyJson.store(store, clock)))
        .onFailure(rc::fail);
  }

  private void updateStore(RoutingContext rc) {
    Access access = Access.of(rc);
    JsonObject body = validated(rc).getBody().getJsonObject();
    Optional<ZoneId> zone = Optional.empty();
    if (body.getString("time_zone") != null) {
      zone = zone(body.getString("time_zone"));
      if (zone.isEmpty()) {
        rc.fail(new ProblemException(TenancyProblems.INVALID_TIME_ZONE));
        return;
      }
    }
    Stores.StoreChanges changes = new Stores.StoreChanges(Optional.ofNullable(body.getString("name")), zone,
        Optional.ofNullable(body.getString("ordering_mode")).flatMap(OrderingMode::fromWireName),
        Optional.ofNullable(body.getJsonArray("business_hours")).map(TenancyJson::businessHours),
        Optional.ofNullable(body.getBoolean("staff_may_refund")));
    database.inTenant(access.tenantId(), sql -> stores.update(sql, access.tenantId(), access.storeId(), changes))
        .compose(store -> store.map(Future::succeededFuture).orElseGet(TenancyApi::storeNotFound))
        .onSuccess(store -> rc.json(TenancyJson.store(store, clock)))
        .onFailure(rc::fail);
  }

  private void listTables(RoutingContext rc) {
    Access access = Access.of(rc);
    database.inTenant(access.tenantId(), sql -> tables.list(sql, access.tenantId(), access.storeId()))
        .onSuccess(list -> rc.json(tablesJson(list)))
        .onFailure(rc::fail);
  }

  /** Adds tables by range ({@code "codes": "A1-A20"}), all with the same area and seats. */
  private void addTables(RoutingContext rc) {
    Access access = Access.of(rc);
    JsonObject body = validated(rc).getBody().getJsonObject();
    Optional<List<String>> codes = TableCodeRange.parse(body.getString("codes"));
    if (codes.isEmpty()) {
      rc.fail(new ProblemException(TenancyProblems.INVALID_TABLE_CODES));
      return;
    }
    String area = body.getString("area");
    int seats = body.getInteger("seats", 4);
    List<DiningTables.NewTable> added = codes.get().stream()
        .map(code -> new DiningTables.NewTable(code, code, area, seats)).toList();
    database.inTenant(access.tenantId(), sql -> tables.add(sql, access.tenantId(), access.storeId(), added))
        .onSuccess(list -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(tablesJson(list).encode()))
        .onFailure(rc::fail);
  }

  private void updateTable(RoutingContext rc) {
    Access access = Access.of(rc);
    UUID tableId = UUID.fromString(rc.pathParam("table"));
    JsonObject body = validated(rc).getBody().getJsonObject();
    DiningTables.TableChanges changes = new DiningTables.TableChanges(Optional.ofNullable(body.getString("name")),
        Optional.ofNullable(body.getString("area")), Optional.ofNullable(body.getInteger("seats")),
        Optional.ofNullable(body.getBoolean("active")));
    database.inTenant(access.tenantId(), sql -> tables.update(sql, access.tenantId(), access.storeId(), tableId,
            changes))
        .compose(table -> table.map(Future::succeededFuture).orElseGet(TenancyApi::notFound))
        .onSuccess(table -> rc.json(TenancyJson.table(table)))
        .onFailure(rc::fail);
  }

  private static JsonObject tablesJson(List<DiningTable> list) {
    return new JsonObject().put("tables", new JsonArray(list.stream().map(TenancyJson::table).toList()));
  }

  static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  private static Optional<String> query(ValidatedRequest request, String name) {
    RequestParameter parameter = request.getQuery().get(name);
    return parameter == null || parameter.isNull() ? Optional.empty() : Optional.of(parameter.getString());
  }

  private static Optional<ZoneId> zone(String id) {
    try {
      return Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(new ProblemException(TenancyProblems.TABLE_NOT_FOUND));
  }

  private static <T> Future<T> storeNotFound() {
    return Future.failedFuture(new ProblemException(TenancyProblems.STORE_NOT_FOUND));
  }
}
