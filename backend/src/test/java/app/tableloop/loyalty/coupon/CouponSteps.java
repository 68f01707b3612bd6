package app.tableloop.loyalty.coupon;

import static app.tableloop.testing.Responses.ok;

import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** What owners and members do with coupons, and what the coupon tests look at in the database. */
public final class CouponSteps {
  private final RunningService service;

  public CouponSteps(RunningService service) {
    this.service = service;
  }

  /** A diner signed in and joined as a member of the restaurant; answers their session token. */
  public String aMember(ARestaurant shop, String user) {
    String diner = service.signIn(user);
    join(shop, diner);
    return diner;
  }

  /**
   * {@code count} members of the restaurant, signed in from as many loopback addresses as sign-in limits ask for
   * (20 from each).
   */
  public List<String> members(ARestaurant shop, int count) {
    return IntStream.range(0, count).mapToObj(i -> {
      String diner = service.signInFrom("127.0.1." + (1 + i / 20), "member-" + UUID.randomUUID());
      join(shop, diner);
      return diner;
    }).toList();
  }

  void join(ARestaurant shop, String diner) {
    int version = ok(service.get(shop.path("/membership"), diner)).getJsonObject("notice").getInteger("version");
    ok(service.call(HttpMethod.POST, shop.path("/membership"), diner,
        new JsonObject().put("consent", true).put("notice_version", version)));
  }

  public String memberId(ARestaurant shop, String diner) {
    return ok(service.get(shop.path("/membership"), diner)).getJsonObject("member").getString("id");
  }

  /** 满 {@code threshold} 减 {@code off}, valid 30 days from issue, unlimited unless a stock is given. */
  public static JsonObject amountOff(String name, long thresholdFen, long offFen) {
    return new JsonObject().put("name", name).put("kind", "amount_off").put("threshold_fen", thresholdFen)
        .put("amount_off_fen", offFen).put("validity", new JsonObject().put("kind", "days").put("days", 30));
  }

  static JsonObject fixedValidity(long daysFromNow) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new JsonObject().put("kind", "fixed").put("starts_at", now.minus(1, ChronoUnit.DAYS).toString())
        .put("ends_at", now.plus(daysFromNow, ChronoUnit.DAYS).toString());
  }

  HttpResponse<Buffer> createTemplate(ARestaurant shop, String token, JsonObject definition) {
    return service.call(HttpMethod.POST, shop.path("/coupon-templates"), token, definition);
  }

  public JsonObject template(ARestaurant shop, JsonObject definition) {
    return ok(createTemplate(shop, shop.owner(), definition));
  }

  HttpResponse<Buffer> claim(ARestaurant shop, String diner, String code) {
    return service.call(HttpMethod.POST, shop.path("/coupon-claims"), diner, new JsonObject().put("code", code));
  }

  /** The owner grants one coupon of the template to the member; answers the coupon's id. */
  public String grant(ARestaurant shop, String templateId, String diner) {
    JsonObject granted = ok(service.call(HttpMethod.POST, shop.path("/coupon-templates/" + templateId + "/grants"),
        shop.owner(), new JsonObject().put("member_ids", new JsonArray().add(memberId(shop, diner)))));
    if (granted.getInteger("issued") != 1) {
      throw new AssertionError("not granted: " + granted.encode());
    }
    return wallet(shop, diner, "available").stream().map(JsonObject.class::cast)
        .filter(coupon -> coupon.getString("template_id").equals(templateId))
        .reduce((first, second) -> second).orElseThrow().getString("id");
  }

  public JsonArray wallet(ARestaurant shop, String diner, String state) {
    return ok(service.get(shop.path("/wallet/coupons?state=" + state), diner)).getJsonArray("items");
  }

  public long count(String sql) {
    return service.env().count(sql);
  }

  /** The coupon's order, or null while it is unused. */
  public String orderOf(String couponId) {
    String[] order = new String[1];
    service.env().asOwner(sql -> {
      try (ResultSet rows = sql.executeQuery("SELECT order_id FROM coupons WHERE id = '" + couponId + "'")) {
        rows.next();
        order[0] = rows.getString(1);
      }
    });
    return order[0];
  }

  public void sql(String statement) {
    service.env().asOwner(sql -> sql.executeUpdate(statement));
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }
}
