package app.tableloop.identity;

import static app.tableloop.testing.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.live.LiveHub;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.LiveFeed;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A live feed lasts no longer than the access it was opened with: removing a staff member, signing out, or a session
 * or role that simply vanished closes the feed, and only that feed.
 */
class LiveFeedsEndWithTheirSessionsTest {
  private static final Duration AT_ONCE = Duration.ofSeconds(2);
  private static final Duration LIVE = Duration.ofSeconds(5);

  static RunningService service;
  static ARestaurant shop;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(LiveFeedsEndWithTheirSessionsTest.class);
    // Eat first: a placed order goes to the kitchen's feed at once.
    shop = ARestaurant.eatFirst(service, "直播面馆", "A1-A6", 1500);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aRemovedStaffMembersKitchenFeedClosesAtOnceAndGetsNothingMore() {
    String cook = aStaffMember("cook");
    String chef = aStaffMember("chef");
    try (LiveFeed cooksFeed = service.live(storePath("/kitchen/live"), cook);
         LiveFeed chefsFeed = service.live(storePath("/kitchen/live"), chef)) {
      cooksFeed.next(message -> message.getString("type").equals("orders"), LIVE);
      chefsFeed.next(message -> message.getString("type").equals("orders"), LIVE);

      assertThat(call(shop.owner(), HttpMethod.DELETE, "/staff/" + userId(cook), null).statusCode()).isEqualTo(204);

      assertThat(cooksFeed.closed(AT_ONCE)).isEqualTo(new LiveFeed.Closed(LiveHub.SESSION_ENDED, "session_ended"));
      String order = anOrderAt("A1");
      assertThat(chefsFeed.next(message -> message.getString("type").equals("order_placed"), LIVE)
          .getJsonObject("order").getString("id")).isEqualTo(order);
      assertThat(cooksFeed.unread()).as("nothing reached the removed cook").isEmpty();
      assertThat(chefsFeed.isOpen()).isTrue();
    }
  }

  @Test
  void signingOutClosesThatSessionsTabFeedAndNotTheOtherPhones() {
    String phone = service.signIn("diner-two-phones");
    String tablet = service.signIn("diner-two-phones");
    String tab = ok(service.openTab(shop.store(), shop.bootstrapped().tables().get(1), phone)).getString("id");
    try (LiveFeed onPhone = service.live(storePath("/tabs/" + tab + "/live"), phone);
         LiveFeed onTablet = service.live(storePath("/tabs/" + tab + "/live"), tablet)) {
      onPhone.next(message -> message.getString("type").equals("tab"), LIVE);
      onTablet.next(message -> message.getString("type").equals("tab"), LIVE);

      assertThat(service.call(HttpMethod.POST, "/api/v1/auth/sign-out", phone, null).statusCode()).isEqualTo(204);

      assertThat(onPhone.closed(AT_ONCE)).isEqualTo(new LiveFeed.Closed(LiveHub.SESSION_ENDED, "session_ended"));
      ok(call(tablet, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.dish())
          .put("quantity", 1)));
      onTablet.next(message -> message.getJsonObject("tab").getJsonObject("cart").getJsonArray("lines").size() == 1,
          LIVE);
      assertThat(onPhone.unread()).isEmpty();
    }
  }

  @Test
  void theRecheckClosesFeedsWhoseSessionOrRoleVanishedWithoutAWord() {
    String phone = service.signIn("diner-vanishing");
    String tablet = service.signIn("diner-vanishing");
    String tab = ok(service.openTab(shop.store(), shop.bootstrapped().tables().get(2), phone)).getString("id");
    String sous = aStaffMember("sous");
    String waiter = aStaffMember("waiter");
    try (LiveFeed onPhone = service.live(storePath("/tabs/" + tab + "/live"), phone);
         LiveFeed onTablet = service.live(storePath("/tabs/" + tab + "/live"), tablet);
         LiveFeed soussFeed = service.live(storePath("/kitchen/live"), sous);
         LiveFeed waitersFeed = service.live(storePath("/kitchen/live"), waiter)) {
      onPhone.next(message -> message.getString("type").equals("tab"), LIVE);
      onTablet.next(message -> message.getString("type").equals("tab"), LIVE);
      soussFeed.next(message -> message.getString("type").equals("orders"), LIVE);
      waitersFeed.next(message -> message.getString("type").equals("orders"), LIVE);

      // As after a lost announcement or a Redis flush: the session is gone, and a role is gone, and nobody said so.
      String sousId = userId(sous);
      service.deleteFromRedis("session:" + Sessions.hash(phone));
      service.env().asOwner(sql -> sql.execute("DELETE FROM staff_roles WHERE user_id = '" + sousId + "'"));
      assertThat(onPhone.isOpen()).isTrue();

      assertThat(service.<Integer>runJob(LiveHub.RECHECK_NOW)).isEqualTo(2);

      assertThat(onPhone.closed(AT_ONCE)).isEqualTo(new LiveFeed.Closed(LiveHub.ACCESS_ENDED, "access_ended"));
      assertThat(soussFeed.closed(AT_ONCE)).isEqualTo(new LiveFeed.Closed(LiveHub.ACCESS_ENDED, "access_ended"));
      String order = anOrderAt("A4");
      assertThat(waitersFeed.next(message -> message.getString("type").equals("order_placed"), LIVE)
          .getJsonObject("order").getString("id")).isEqualTo(order);
      ok(call(tablet, HttpMethod.POST, "/tabs/" + tab + "/cart", new JsonObject().put("dish_id", shop.dish())
          .put("quantity", 1)));
      onTablet.next(message -> message.getJsonObject("tab").getJsonObject("cart").getJsonArray("lines").size() == 1,
          LIVE);
      assertThat(onTablet.isOpen()).isTrue();
      assertThat(waitersFeed.isOpen()).isTrue();
      assertThat(service.<Integer>runJob(LiveHub.RECHECK_NOW)).as("the rest still hold").isZero();
    }
  }

  private static String aStaffMember(String user) {
    return service.signInAndAccept(user, ok(call(shop.owner(), HttpMethod.POST, "/invites",
        new JsonObject().put("role", "staff"))).getString("token"));
  }

  /** A diner scans the table, orders a dish, and answers the order's id. */
  private static String anOrderAt(String tableCode) {
    return shop.order(shop.seat("hungry-" + UUID.randomUUID(), tableCode), 1).getString("id");
  }


  private static String userId(String token) {
    return ok(service.get("/api/v1/me", token)).getJsonObject("user").getString("id");
  }

  private static String storePath(String rest) {
    return "/api/v1/stores/" + shop.store().id() + rest;
  }

  private static HttpResponse<Buffer> call(String token, HttpMethod method, String rest, JsonObject body) {
    return service.call(method, storePath(rest), token, body);
  }
}
