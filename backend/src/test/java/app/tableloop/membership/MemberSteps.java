package app.tableloop.membership;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import app.tableloop.tenancy.DiningTable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What diners and staff do around membership, and what the tests look at in the database, for the member tests. */
public final class MemberSteps {
  private final RunningService service;

  public MemberSteps(RunningService service) {
    this.service = service;
  }

  public HttpResponse<Buffer> join(ARestaurant shop, String diner, JsonObject body) {
    return service.call(HttpMethod.POST, shop.path("/membership"), diner, body);
  }

  public static JsonObject consent(int version) {
    return new JsonObject().put("consent", true).put("notice_version", version);
  }

  public int noticeVersion(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/membership"), diner)).getJsonObject("notice").getInteger("version");
  }

  /** The signed-in diner sits at the table, orders and the cashier takes cash for it: paid, its event written. */
  public ARestaurant.Ordered paidOrder(ARestaurant shop, String diner, String tableCode, int quantity) {
    ARestaurant.Ordered ordered = order(shop, diner, tableCode, quantity);
    ok(payAtCounter(ordered));
    return ordered;
  }

  /** The signed-in diner sits at the table and orders; in a pay-first store the order awaits payment. */
  public ARestaurant.Ordered order(ARestaurant shop, String diner, String tableCode, int quantity) {
    DiningTable table = shop.table(tableCode);
    String tab = ok(service.openTab(shop.store(), table, diner)).getString("id");
    JsonObject order = shop.order(new ARestaurant.Seated(shop, diner, table, tab), quantity);
    return new ARestaurant.Ordered(shop, diner, tab, order.getString("id"), order.getLong("total_fen"));
  }

  /** The cashier takes cash for the order. */
  public HttpResponse<Buffer> payAtCounter(ARestaurant.Ordered ordered) {
    ARestaurant shop = ordered.restaurant();
    return service.call(HttpMethod.POST, shop.path("/orders/" + ordered.order() + "/counter-payment"), shop.staff(),
        new JsonObject().put("method", "cash"));
  }

  public JsonObject stats(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getJsonObject("stats");
  }

  JsonObject statsOnceThere(ARestaurant shop, String diner, int visits) {
    return service.eventually(() -> stats(shop, diner), stats -> stats.getInteger("visits") == visits);
  }

  long membersOf(ARestaurant shop) {
    return service.env().count("SELECT count(*) FROM members m JOIN stores s ON s.tenant_id = m.tenant_id"
        + " WHERE s.id = '" + shop.store().id() + "'");
  }

  /** Every row of every table of the database, as text: what a dump of it would hold. */
  String databaseDump() {
    StringBuilder dump = new StringBuilder();
    service.env().asOwner(sql -> {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      assertThat(tables).contains("members", "users", "payments", "orders", "diner_visits", "outbox");
      for (String table : tables) {
        try (ResultSet rows = sql.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (rows.next()) {
            dump.append(rows.getString(1)).append('\n');
          }
        }
      }
    });
    return dump.toString();
  }
}
