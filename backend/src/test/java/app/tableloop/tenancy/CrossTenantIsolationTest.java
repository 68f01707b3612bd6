package app.tableloop.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.Await;
import app.tableloop.testing.Responses;
import app.tableloop.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a valid session of tenant A, nothing of tenant B can be read, changed or deleted, whatever ids are guessed;
 * and the database itself shows no tenant's rows to a transaction that names no tenant.
 */
class CrossTenantIsolationTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped a;
  static TenantBootstrap.Bootstrapped b;
  static String ownerOfA;
  static String operatorOfA;
  static String ownerOfB;
  static String stateOfB;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(CrossTenantIsolationTest.class);
    a = service.aRestaurant("甲面馆", "A1-A4");
    b = service.aRestaurant("乙面馆", "B1-B4");
    ownerOfA = service.signInAndAccept("owner-a", a.ownerInvite().token());
    operatorOfA = service.anOperatorOf(a.tenantId(), "operator-a");
    ownerOfB = service.signInAndAccept("owner-b", b.ownerInvite().token());
    stateOfB = stateOf(b);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void tenantAsOwnerAndOperatorCannotReachAnythingOfTenantB() {
    String storeB = "/api/v1/stores/" + b.store().id();
    String tableB = storeB + "/tables/" + b.tables().get(0).id();
    List<Request> attempts = List.of(
        new Request(HttpMethod.GET, storeB, null),
        new Request(HttpMethod.PATCH, storeB, new JsonObject().put("name", "被篡改")),
        new Request(HttpMethod.GET, storeB + "/tables", null),
        new Request(HttpMethod.POST, storeB + "/tables", new JsonObject().put("codes", "X1-X3")),
        new Request(HttpMethod.PATCH, tableB, new JsonObject().put("active", false)),
        new Request(HttpMethod.GET, tableB + "/wechat-code.png", null),
        new Request(HttpMethod.GET, tableB + "/link-code.png", null),
        new Request(HttpMethod.GET, storeB + "/table-codes.pdf", null),
        new Request(HttpMethod.POST, storeB + "/invites", new JsonObject().put("role", "staff")),
        new Request(HttpMethod.GET, storeB + "/staff", null),
        new Request(HttpMethod.DELETE, storeB + "/staff/" + userIdOf(ownerOfB), null),
        new Request(HttpMethod.GET, "/api/v1/tenants/" + b.tenantId() + "/stores", null),
        new Request(HttpMethod.POST, "/api/v1/tenants/" + b.tenantId() + "/stores",
            new JsonObject().put("name", "冒名分店")),
        new Request(HttpMethod.POST, "/api/v1/tenants/" + b.tenantId() + "/invites",
            new JsonObject().put("role", "operator")));

    for (String token : List.of(ownerOfA, operatorOfA)) {
      for (Request attempt : attempts) {
        HttpResponse<Buffer> response = service.call(attempt.method(), attempt.path(), token, attempt.body());
        assertThat(response.statusCode()).as(attempt + " → " + response.bodyAsString()).isEqualTo(404);
      }
    }
    assertThat(stateOf(b)).isEqualTo(stateOfB);
    assertThat(service.get("/api/v1/me", ownerOfB).statusCode()).as("B's owner is still signed in").isEqualTo(200);
  }

  @Test
  void tenantAsOwnStoreWithTenantBsIdsInsideFindsNothing() {
    String storeA = "/api/v1/stores/" + a.store().id();
    String tableOfB = b.tables().get(1).id().toString();

    assertThat(refused(service.call(HttpMethod.PATCH, storeA + "/tables/" + tableOfB, ownerOfA,
        new JsonObject().put("seats", 12)))).isEqualTo("table_not_found@null");
    assertThat(refused(service.get(storeA + "/tables/" + tableOfB + "/wechat-code.png", ownerOfA)))
        .isEqualTo("table_not_found@null");
    assertThat(refused(service.call(HttpMethod.DELETE, storeA + "/staff/" + userIdOf(ownerOfB), ownerOfA, null)))
        .isEqualTo("not_found@user");
    assertThat(refused(service.call(HttpMethod.POST, "/api/v1/tenants/" + a.tenantId() + "/invites", operatorOfA,
        new JsonObject().put("role", "owner").put("store_id", b.store().id().toString()))))
        .as("an owner invite of tenant A for a store of B").isEqualTo("not_found@store_id");
    assertThat(stateOf(b)).isEqualTo(stateOfB);
  }

  @Test
  void aTransactionWithoutTheTenantSettingSeesNoTenantsRows() {
    Vertx vertx = VertxFactory.create().vertx();
    Database database = Database.connect(vertx, service.env().appUrl(), 1);
    try {
      Long visible = Await.result(database.inTransaction(sql -> sql.query("""
              SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM stores)
                   + (SELECT count(*) FROM dining_tables) + (SELECT count(*) FROM staff_roles)
                   + (SELECT count(*) FROM staff_invites) AS n
              """).execute().map(rows -> rows.iterator().next().getLong("n"))));
      Long ownOnly = Await.result(database.inTenant(a.tenantId(), sql -> sql
          .query("SELECT count(*) AS n FROM dining_tables").execute()
          .map(rows -> rows.iterator().next().getLong("n"))));

      assertThat(visible).isZero();
      assertThat(ownOnly).isEqualTo(4);
    } finally {
      Await.result(database.close());
      Await.result(vertx.close());
    }
  }

  record Request(HttpMethod method, String path, JsonObject body) {
  }

  private static String userIdOf(String token) {
    return service.get("/api/v1/me", token).bodyAsJsonObject().getJsonObject("user").getString("id");
  }

  /** Tenant B's rows, read as the database owner (no row-level security), to prove nothing changed. */
  private static String stateOf(TenantBootstrap.Bootstrapped tenant) {
    StringBuilder state = new StringBuilder();
    service.env().asOwner(sql -> {
      for (String query : List.of(
          "SELECT name, time_zone, ordering_mode FROM stores WHERE tenant_id = '%s' ORDER BY id",
          "SELECT code, name, seats, active FROM dining_tables WHERE tenant_id = '%s' ORDER BY code",
          "SELECT user_id, role FROM staff_roles WHERE tenant_id = '%s' ORDER BY user_id",
          "SELECT role, store_id FROM staff_invites WHERE tenant_id = '%s' ORDER BY id")) {
        var rows = sql.executeQuery(query.formatted(tenant.tenantId()));
        while (rows.next()) {
          for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
            state.append(rows.getString(column)).append('|');
          }
          state.append('\n');
        }
      }
    });
    return state.toString();
  }

  /** A 404's code and field: what is not found, without saying whose it is. */
  private static String refused(HttpResponse<Buffer> response) {
    return Responses.problem(response, 404) + "@" + response.bodyAsJsonObject().getString("field");
  }
}
