package app.tableloop.ordering;

import static app.tableloop.testing.Responses.ok;
import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.tenancy.DiningTable;
import app.tableloop.tenancy.ScanProof;
import app.tableloop.tenancy.TableScene;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may sit at a table's tab: only someone who scanned that very table in the last ten minutes, or who is already
 * at its open tab; and what they see there: that tab only, never the table's earlier ones.
 */
class JoiningATabTest {
  static RunningService service;
  static ARestaurant shop;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(JoiningATabTest.class);
    shop = ARestaurant.payFirst(service, "扫码面馆", "A1-A6", 1200);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void openingATabWithoutAFreshScanOfThatTableIsRefused() {
    String diner = service.signIn("far-away");
    DiningTable a1 = table("A1");

    assertThat(problem(openTab(diner, a1, null), 403)).isEqualTo("scan_required");
    assertThat(problem(openTab(diner, a1, new JsonObject()), 403)).isEqualTo("scan_required");
    assertThat(problem(openTab(diner, a1, proof(service.scan(shop.store(), table("A2")))), 403))
        .as("a scan of another table").isEqualTo("scan_invalid");
    TenantBootstrap.Bootstrapped elsewhere = service.aRestaurant("别家面馆", "A1");
    assertThat(problem(openTab(diner, a1, proof(service.scan(elsewhere.store(), elsewhere.tables().get(0)))), 403))
        .as("a scan of table A1 of another tenant's store").isEqualTo("scan_invalid");
    String operator = service.anOperatorOf(shop.bootstrapped().tenantId(), "operator");
    JsonObject sister = ok(service.call(HttpMethod.POST,
        "/api/v1/tenants/" + shop.bootstrapped().tenantId() + "/stores", operator, new JsonObject().put("name", "扫码面馆 二店")));
    ok(service.call(HttpMethod.POST, "/api/v1/stores/" + sister.getString("id") + "/tables", operator,
        new JsonObject().put("codes", "A1")));
    assertThat(problem(openTab(diner, a1, proof(scanOf(sister.getString("code"), "A1"))), 403))
        .as("a scan of table A1 of the same tenant's other store").isEqualTo("scan_invalid");

    String fresh = service.scan(shop.store(), a1);
    int signature = fresh.indexOf('.') + 1;
    String alteredSignature = fresh.substring(0, signature) + (fresh.charAt(signature) == 'A' ? 'B' : 'A')
        + fresh.substring(signature + 1);
    assertThat(problem(openTab(diner, a1, proof(alteredSignature)), 403)).isEqualTo("scan_invalid");
    String laterExpiry = (Long.parseLong(fresh.substring(0, fresh.indexOf('.'))) + 3600)
        + fresh.substring(fresh.indexOf('.'));
    assertThat(problem(openTab(diner, a1, proof(laterExpiry)), 403)).as("the expiry pushed back")
        .isEqualTo("scan_invalid");
    assertThat(problem(openTab(diner, a1, proof("not-a-scan-token")), 400)).isEqualTo("invalid_field");
    String elevenMinutesOld = ScanProof.issue(scanProofKey(), shop.bootstrapped().tenantId(), shop.store().id(),
        a1.id(), Instant.now().minus(Duration.ofMinutes(11)));
    HttpResponse<Buffer> expired = openTab(diner, a1, proof(elevenMinutesOld));
    assertThat(problem(expired, 403)).isEqualTo("scan_expired");
    assertThat(expired.bodyAsJsonObject().getString("message")).contains("重新扫描");
    assertThat(service.env().count("SELECT count(*) FROM tabs WHERE table_id = '" + a1.id() + "'"))
        .as("no refused attempt opened a tab").isZero();

    assertThat(ok(openTab(diner, a1, proof(fresh))).getString("status")).isEqualTo("open");
  }

  @Test
  void aDinerAtTheOpenTabComesBackWithoutScanningAgainAndOthersStillNeedTheirScan() {
    String alice = service.signIn("alice");
    String bob = service.signIn("bob");
    DiningTable a3 = table("A3");
    String tab = ok(service.openTab(shop.store(), a3, alice)).getString("id");

    assertThat(ok(openTab(alice, a3, null)).getString("id")).isEqualTo(tab);
    assertThat(problem(openTab(bob, a3, null), 403)).isEqualTo("scan_required");
    assertThat(ok(service.openTab(shop.store(), a3, bob)).getString("id")).isEqualTo(tab);
    assertThat(ok(openTab(bob, a3, null)).getString("id")).as("bob is at the tab now").isEqualTo(tab);
  }

  @Test
  void theNextDinersOfATableNeverSeeTheOrdersOfItsEarlierTab() {
    String first = service.signIn("lunch");
    DiningTable a4 = table("A4");
    String lunchTab = ok(service.openTab(shop.store(), a4, first)).getString("id");
    ok(call(first, HttpMethod.POST, "/tabs/" + lunchTab + "/cart", new JsonObject().put("dish_id", shop.dish())
        .put("quantity", 1)));
    String lunchOrder = ok(call(first, HttpMethod.POST, "/tabs/" + lunchTab + "/orders", new JsonObject()
        .put("idempotency_key", "lunch-0001").put("head_count", 1))).getString("id");
    assertThat(call(shop.owner(), HttpMethod.POST, "/tabs/" + lunchTab + "/close", null).statusCode()).isEqualTo(204);

    String next = service.signIn("dinner");
    JsonObject dinnerTab = ok(service.openTab(shop.store(), a4, next));

    assertThat(dinnerTab.getString("id")).isNotEqualTo(lunchTab);
    assertThat(dinnerTab.getJsonArray("orders")).isEmpty();
    assertThat(problem(call(next, HttpMethod.GET, "/tabs/" + lunchTab, null), 404)).isEqualTo("tab_not_found");
    assertThat(problem(call(next, HttpMethod.POST, "/tabs/" + lunchTab + "/orders/" + lunchOrder + "/hurry", null),
        404)).isEqualTo("order_not_found");
    assertThat(ok(call(first, HttpMethod.GET, "/tabs/" + lunchTab, null)).getJsonArray("orders"))
        .as("the lunch diner still sees their own tab").hasSize(1);
    assertThat(problem(openTab(first, a4, null), 403)).as("the lunch diner is not at the dinner tab")
        .isEqualTo("scan_required");
  }

  private static JsonObject proof(String scanToken) {
    return new JsonObject().put("scan_token", scanToken);
  }

  private static String scanOf(String storeCode, String tableCode) {
    return ok(service.get("/api/v1/scan?scene=" + URLEncoder.encode(new TableScene(storeCode, tableCode).scene(),
        StandardCharsets.UTF_8), null)).getString("scan_token");
  }

  /** The deployment's key for scan proofs, as stored: to make a proof the service would have made earlier. */
  private static byte[] scanProofKey() {
    byte[][] key = new byte[1][];
    service.env().asOwner(sql -> {
      try (var rows = sql.executeQuery("SELECT key FROM service_keys WHERE name = 'scan_proof'")) {
        rows.next();
        key[0] = rows.getBytes(1);
      }
    });
    return key[0];
  }

  private static HttpResponse<Buffer> openTab(String token, DiningTable table, JsonObject body) {
    return call(token, HttpMethod.POST, "/tables/" + table.id() + "/tab", body);
  }

  private static DiningTable table(String code) {
    return shop.bootstrapped().tables().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
  }

  private static HttpResponse<Buffer> call(String token, HttpMethod method, String rest, JsonObject body) {
    return service.call(method, "/api/v1/stores/" + shop.store().id() + rest, token, body);
  }
}
