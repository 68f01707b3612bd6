package app.tableloop.ordering;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tableloop.payment.PaymentFollowUp;
import app.tableloop.platform.database.Database;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tab read again fetches only the orders changed since the last read ({@link TabOrders}): what a reader is shown
 * is still every change committed before its read, whichever way the order changed and however the transactions
 * that changed it overlapped the reads.
 */
class TabOrdersTest {
  static RunningService service;
  static ARestaurant restaurant;
  static Database database;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(TabOrdersTest.class);
    restaurant = ARestaurant.eatFirst(service, "改单面馆", "B1-B5", 1800);
    database = service.database();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aChangeStillRunningWhenTheTabIsReadShowsOnTheNextRead() throws Exception {
    ARestaurant.Seated seated = restaurant.seat("slow-writer", "B1");
    String order = restaurant.order(seated, 1).getString("id");
    restaurant.order(seated, 2);
    assertThat(notes(lookAt(seated), order)).isNull();

    try (Connection owner = ownerConnection(); Statement sql = owner.createStatement()) {
      owner.setAutoCommit(false);
      sql.executeUpdate("UPDATE orders SET notes = '少放辣' WHERE id = '" + order + "'");
      assertThat(notes(lookAt(seated), order)).as("not yet committed").isNull();
      owner.commit();
    }

    assertThat(notes(lookAt(seated), order)).isEqualTo("少放辣");
  }

  @Test
  void everyWayAnOrderChangesShowsOnTheNextRead() {
    ARestaurant.Seated seated = restaurant.seat("watcher", "B2");
    String order = restaurant.order(seated, 1).getString("id");
    lookAt(seated);

    restaurant.post(restaurant.staff(), "/orders/" + order + "/accept", null);
    assertThat(orderIn(lookAt(seated), order).getString("status")).isEqualTo("accepted");

    String item = orderIn(lookAt(seated), order).getJsonArray("items").getJsonObject(0).getString("id");
    restaurant.post(restaurant.staff(), "/orders/" + order + "/items/" + item + "/served", null);
    assertThat(orderIn(lookAt(seated), order).getJsonArray("items").getJsonObject(0).getBoolean("served"))
        .as("an item served").isTrue();
  }

  @Test
  void aPaymentAskedForShowsOnTheNextRead() {
    ARestaurant payFirst = ARestaurant.payFirst(service, "先付面馆", "C1", 1800);
    ARestaurant.Ordered ordered = payFirst.anOrderAwaitingPayment("payer", "C1", 1);
    JsonObject before = ok(service.get(payFirst.path("/tabs/" + ordered.tab()), ordered.diner()));
    assertThat(orderIn(before, ordered.order()).getJsonObject("payment").getString("state")).isEqualTo("unpaid");

    payFirst.requestWeChatPayment(ordered);

    JsonObject after = ok(service.get(payFirst.path("/tabs/" + ordered.tab()), ordered.diner()));
    assertThat(orderIn(after, ordered.order()).getJsonObject("payment").getString("state")).isEqualTo("pending");
  }

  @Test
  void aTabPaymentThatExpiresShowsOnTheNextRead() {
    ARestaurant.Seated seated = restaurant.seat("paying-late", "B5");
    String first = restaurant.order(seated, 1).getString("id");
    String second = restaurant.order(seated, 2).getString("id");
    String outTradeNo = restaurant.post(seated.diner(), "/tabs/" + seated.tab() + "/wechat-payment", null)
        .getJsonObject("payment").getString("out_trade_no");
    assertThat(List.of(paymentState(lookAt(seated), first), paymentState(lookAt(seated), second)))
        .containsOnly("pending");

    // Only the payment changes: the orders it covered stay as they were, now to be paid anew.
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE payments SET expires_at = now() - interval '1 minute'"
        + " WHERE out_trade_no = '" + outTradeNo + "'"));
    service.<Integer>runJob(PaymentFollowUp.FOLLOW_UP_NOW);
    assertThat(service.env().count("SELECT count(*) FROM payments WHERE out_trade_no = '" + outTradeNo + "'"
        + " AND status = 'closed'")).isEqualTo(1);

    JsonObject after = lookAt(seated);
    assertThat(List.of(paymentState(after, first), paymentState(after, second))).containsOnly("unpaid");
  }

  @Test
  void whatATransactionReadOfItsOwnUncommittedChangeIsNotRememberedWhenItRollsBack() {
    ARestaurant.Seated seated = restaurant.seat("undecided", "B3");
    String order = restaurant.order(seated, 1).getString("id");
    UUID tenant = restaurant.bootstrapped().tenantId();
    UUID store = restaurant.store().id();
    UUID tab = UUID.fromString(seated.tab());
    Tabs tabs = new Tabs(new TabOrders());
    assertThat(notesRead(tabs, tenant, store, tab, order)).isNull();

    assertThatThrownBy(() -> Await.result(database.inTenant(tenant, sql -> sql
        .preparedQuery("UPDATE orders SET notes = '多加香菜' WHERE id = $1").execute(Tuple.of(UUID.fromString(order)))
        .compose(updated -> tabs.view(sql, tenant, store, tab, Optional.empty()))
        .compose(seen -> {
          assertThat(seen.orElseThrow().orders().get(0).notes()).as("its own change").isEqualTo("多加香菜");
          return Future.failedFuture(new IllegalStateException("changed its mind"));
        })))).hasMessageContaining("changed its mind");

    assertThat(notesRead(tabs, tenant, store, tab, order)).isNull();
  }

  @Test
  void notesOlderThanADayAreForgotten() {
    ARestaurant.Seated seated = restaurant.seat("regular", "B4");
    restaurant.order(seated, 1);
    service.env().asOwner(sql -> sql.executeUpdate("UPDATE order_changes SET changed_at = now() - interval '25 hours'"
        + " WHERE tab_id = '" + seated.tab() + "'"));
    long old = service.env().count("SELECT count(*) FROM order_changes WHERE changed_at < now() - interval '1 day'");
    long recent = service.env().count("SELECT count(*) FROM order_changes WHERE changed_at >= now() - interval '1 day'");

    Long forgotten = service.runJob(OrderChangesForgetting.FORGET_NOW);

    assertThat(forgotten).isEqualTo(old).isPositive();
    assertThat(service.env().count("SELECT count(*) FROM order_changes")).isEqualTo(recent);
  }

  private static String notesRead(Tabs tabs, UUID tenant, UUID store, UUID tab, String order) {
    List<Order> orders = Await.result(database.inTenant(tenant, sql -> tabs.view(sql, tenant, store, tab,
        Optional.empty()))).orElseThrow().orders();
    return orders.stream().filter(o -> o.id().toString().equals(order)).findFirst().orElseThrow().notes();
  }

  private static JsonObject lookAt(ARestaurant.Seated seated) {
    return ok(service.get(restaurant.path("/tabs/" + seated.tab()), seated.diner()));
  }

  private static JsonObject orderIn(JsonObject tab, String order) {
    return tab.getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(o -> o.getString("id").equals(order)).findFirst().orElseThrow();
  }

  private static String paymentState(JsonObject tab, String order) {
    return orderIn(tab, order).getJsonObject("payment").getString("state");
  }

  private static String notes(JsonObject tab, String order) {
    return orderIn(tab, order).getString("notes");
  }

  private static Connection ownerConnection() throws Exception {
    return DriverManager.getConnection(service.env().ownerUrl().jdbcUrl(), service.env().ownerUrl().jdbcProperties());
  }
}
