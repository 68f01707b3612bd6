package app.tableloop.tenancy;

import static app.tableloop.testing.Responses.problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diner's first screen after a scan, and the owner's store and table settings. */
class ScanAndStoreTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(ScanAndStoreTest.class);
    restaurant = service.aRestaurant("扫码面馆", "A1-A12");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aMiniProgramCodeSceneOpensItsStoreAndTable() {
    HttpResponse<Buffer> response = scan("scene", "s=" + restaurant.store().code() + "&t=A7");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getJsonObject("store").getString("name")).isEqualTo("扫码面馆 总店");
    assertThat(body.getJsonObject("store").getBoolean("open_now")).isTrue();
    assertThat(body.getJsonObject("store").getString("ordering_mode")).isEqualTo("pay_first");
    assertThat(body.getJsonObject("table").getString("code")).isEqualTo("A7");
  }

  @Test
  void anOrdinaryQrCodeLinkOpensTheSameTable() {
    HttpResponse<Buffer> response = scan("q", "https://order.example.com/t/" + restaurant.store().code() + "/A3");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("table").getString("code")).isEqualTo("A3");
  }

  @Test
  void unknownStoresTablesAndInactiveTablesAre404AndGibberishIs400() {
    String inactive = restaurant.tables().stream().filter(t -> t.code().equals("A12")).findFirst().orElseThrow()
        .id().toString();
    service.call(HttpMethod.PATCH, storePath("/tables/" + inactive), owner, new JsonObject().put("active", false));

    assertThat(problem(scan("scene", "s=" + restaurant.store().code() + "&t=A12"), 404))
        .isEqualTo("table_not_found");
    assertThat(problem(scan("scene", "s=" + restaurant.store().code() + "&t=Z9"), 404)).isEqualTo("table_not_found");
    assertThat(problem(scan("scene", "s=zzzzzz&t=A1"), 404)).isEqualTo("table_not_found");
    assertThat(problem(scan("scene", "hello"), 400)).isEqualTo("invalid_scene");
    assertThat(problem(scan("scene", "x".repeat(33)), 400)).isEqualTo("invalid_field");
  }

  @Test
  void aClosedStoreSaysSo() {
    JsonArray nightOnly = new JsonArray().add(new JsonObject()
        .put("days", new JsonArray().add(1).add(2).add(3).add(4).add(5).add(6).add(7))
        .put("open", "03:00").put("close", "03:01"));
    HttpResponse<Buffer> changed = service.call(HttpMethod.PATCH, storePath(""), owner,
        new JsonObject().put("business_hours", nightOnly).put("time_zone", "Pacific/Kiritimati"));

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    boolean openNow = scan("scene", "s=" + restaurant.store().code() + "&t=A1").bodyAsJsonObject()
        .getJsonObject("store").getBoolean("open_now");
    assertThat(openNow).isEqualTo(changed.bodyAsJsonObject().getBoolean("open_now"));
    service.call(HttpMethod.PATCH, storePath(""), owner, new JsonObject().put("business_hours", new JsonArray()));
  }

  @Test
  void badStoreSettingsAreRefusedAndChangeNothing() {
    assertThat(problem(service.call(HttpMethod.PATCH, storePath(""), owner,
        new JsonObject().put("time_zone", "Mars/Olympus")), 400)).isEqualTo("invalid_field");
    assertThat(problem(service.call(HttpMethod.PATCH, storePath(""), owner,
        new JsonObject().put("ordering_mode", "pay_never")), 400)).isEqualTo("invalid_field");
    assertThat(problem(service.call(HttpMethod.PATCH, storePath(""), owner, new JsonObject().put("business_hours",
        new JsonArray().add(new JsonObject().put("days", new JsonArray().add(8)).put("open", "10:00")
            .put("close", "22:00")))), 400)).isEqualTo("invalid_field");
    // An empty object is no change at all: the validator reads it as a missing body.
    assertThat(problem(service.call(HttpMethod.PATCH, storePath(""), owner, new JsonObject()), 400))
        .isEqualTo("missing_field");

    assertThat(service.get(storePath(""), owner).bodyAsJsonObject().getString("time_zone"))
        .isNotEqualTo("Mars/Olympus");
  }

  @Test
  void tablesAreAddedByRangeOnceAndBadRangesRefused() {
    HttpResponse<Buffer> added = service.call(HttpMethod.POST, storePath("/tables"), owner,
        new JsonObject().put("codes", "B1-B3,VIP1").put("area", "包间").put("seats", 8));
    HttpResponse<Buffer> again = service.call(HttpMethod.POST, storePath("/tables"), owner,
        new JsonObject().put("codes", "B1-B3"));

    assertThat(added.statusCode()).isEqualTo(201);
    int count = added.bodyAsJsonObject().getJsonArray("tables").size();
    assertThat(again.bodyAsJsonObject().getJsonArray("tables").size()).isEqualTo(count);
    assertThat(problem(service.call(HttpMethod.POST, storePath("/tables"), owner,
        new JsonObject().put("codes", "A1-B9")), 400)).isEqualTo("invalid_field");
    assertThat(problem(service.call(HttpMethod.POST, storePath("/tables"), owner,
        new JsonObject().put("codes", "A1-A999")), 400)).isEqualTo("invalid_field");
    assertThat(problem(service.call(HttpMethod.POST, storePath("/tables"), owner,
        new JsonObject().put("codes", "A1").put("seats", 0)), 400)).isEqualTo("invalid_field");
  }

  private static HttpResponse<Buffer> scan(String parameter, String value) {
    return service.get("/api/v1/scan?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), null);
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + restaurant.store().id() + rest;
  }
}
