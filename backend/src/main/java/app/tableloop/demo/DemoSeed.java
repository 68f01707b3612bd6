package app.tableloop.demo;

import app.tableloop.identity.Role;
import app.tableloop.identity.StaffInvites;
import app.tableloop.menu.BusinessDay;
import app.tableloop.payment.PaymentLedger;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's first start: the demo restaurant, then (with the WeChat simulator only: with live WeChat its
 * payments would be real) one day of business played against the running service, and the log lines that tell the
 * newcomer how to become its owner and where to read the day's settlement; and the past year's regulars, so that
 * every campaign card has members to reach.
 */
public final class DemoSeed {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

  private final Vertx vertx;
  private final Database database;
  private final String serviceUrl;
  private final Optional<String> simulatorUrl;
  private final String publicBaseUrl;
  private final Clock clock;

  /** The restaurant, opened; its day of business completes later (empty without the simulator). */
  public record Seeding(DemoRestaurant.Opened restaurant, Future<Optional<SeededDay>> day) {
  }

  /** The day as played, and its money as the ledger books it, per method. */
  public record SeededDay(LocalDate day, List<PaymentLedger.Totals> totals, List<String> tablesDining,
                          List<String> refundsProcessing) {
  }

  /**
   * @param serviceUrl   where the service itself listens (the day's phones call it there)
   * @param simulatorUrl the WeChat simulator's address; empty with live WeChat
   */
  public DemoSeed(Vertx vertx, Database database, String serviceUrl, Optional<String> simulatorUrl,
                  String publicBaseUrl, Clock clock) {
    this.vertx = vertx;
    this.database = database;
    this.serviceUrl = serviceUrl;
    this.simulatorUrl = simulatorUrl;
    this.publicBaseUrl = publicBaseUrl.replaceFirst("/+$", "");
    this.clock = clock;
  }

  /** Opens the demo restaurant into an empty deployment and starts its day; empty when the deployment has tenants. */
  public Future<Optional<Seeding>> seedIfEmpty() {
    return new DemoRestaurant(database, clock).openIfEmpty().compose(opened -> {
      if (opened.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      DemoRestaurant.Opened restaurant = opened.get();
      LOG.info("Seeded the demo restaurant {} ({} tables). Become its owner with this one-time invite: {}",
          restaurant.store().name(), restaurant.restaurant().tables().size(), ownerInvite(restaurant));
      LOG.info("The demo brand also has {}. Run the whole brand as its franchise operator with this one-time invite:"
          + " {}", restaurant.sisters().stream().map(sister -> sister.store().name())
          .collect(Collectors.joining(" and ")), inviteLink(restaurant.operatorInvite()));
      return appointDemoOwner(restaurant).map(appointed -> Optional.of(new Seeding(restaurant, play(restaurant))));
    });
  }

  /**
   * With the simulator, the simulated WeChat user {@value Walkthrough#DEMO_OWNER} owns the demo store too, so that the
   * {@code try} command can play its owner with nothing to copy; the invite in the log stays the newcomer's. A failure
   * here costs only that, so it is logged and the start carries on.
   */
  private Future<Void> appointDemoOwner(DemoRestaurant.Opened restaurant) {
    if (simulatorUrl.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID tenantId = restaurant.restaurant().tenantId();
    DemoClient client = new DemoClient(vertx, serviceUrl, simulatorUrl.get());
    return database.inTenant(tenantId, sql -> new StaffInvites(database, clock).create(sql, tenantId,
            restaurant.store().id(), Role.OWNER, null, StaffInvites.DEFAULT_VALIDITY))
        .compose(invite -> client.signIn(Walkthrough.DEMO_OWNER).compose(owner -> client.post(
            "/api/v1/invites/accept", owner, new JsonObject().put("token", invite.token()))))
        .onFailure(failure -> LOG.warn("{} could not be made the demo store's owner: {}", Walkthrough.DEMO_OWNER,
            failure.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty()
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  private Future<Optional<SeededDay>> play(DemoRestaurant.Opened restaurant) {
    return DemoStoredValue.offer(database, restaurant.restaurant().tenantId())
        .compose(offered -> DemoReferral.offer(database, restaurant.restaurant().tenantId()))
        .compose(offered -> playDay(restaurant));
  }

  private Future<Optional<SeededDay>> playDay(DemoRestaurant.Opened restaurant) {
    if (simulatorUrl.isEmpty()) {
      LOG.info("WeChat is live, so the demo restaurant gets its menu but no day of business (it would pay for real)");
      return Future.succeededFuture(Optional.empty());
    }
    DemoClient client = new DemoClient(vertx, serviceUrl, simulatorUrl.get());
    return new DemoDay(vertx, client, clock).play(restaurant)
        .compose(played -> new DemoCoupons(database, clock).offer(restaurant.restaurant().tenantId())
            .onSuccess(code -> LOG.info("Demo coupons: members claim 满100减15 with the code {}; each member of the"
                + " day holds a first-visit 8折", code))
            .map(played))
        .compose(played -> new DemoHistory(database, client, clock).write(restaurant).map(played))
        .compose(played -> totals(restaurant, played.day())
            .map(totals -> new SeededDay(played.day(), totals, played.tablesDining(), played.refundsProcessing())))
        .onSuccess(day -> report(restaurant, day))
        .onFailure(failure -> LOG.warn("The demo restaurant's day of business could not be played: {}",
            failure.getMessage()))
        .map(Optional::of)
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  /** The ledger's sums for the business day, as the owner's settlement adds them up. */
  private Future<List<PaymentLedger.Totals>> totals(DemoRestaurant.Opened restaurant, LocalDate day) {
    UUID tenantId = restaurant.restaurant().tenantId();
    ZoneId zone = restaurant.store().timeZone();
    Instant from = ZonedDateTime.of(day, BusinessDay.STARTS_AT, zone).toInstant();
    Instant to = ZonedDateTime.of(day.plusDays(1), BusinessDay.STARTS_AT, zone).toInstant();
    return database.inTenant(tenantId, sql -> new PaymentLedger().totals(sql, tenantId, restaurant.store().id(),
        from, to));
  }

  private void report(DemoRestaurant.Opened restaurant, SeededDay day) {
    if (!day.refundsProcessing().isEmpty()) {
      LOG.warn("The demo's WeChat refund {} is still processing: WeChat Pay notifies refunds to PUBLIC_BASE_URL ({}),"
          + " which does not reach this service (HTTP_PORT 0?). Set PUBLIC_BASE_URL to this service's address.",
          day.refundsProcessing(), publicBaseUrl);
    }
    long gross = day.totals().stream().mapToLong(PaymentLedger.Totals::paymentsFen).sum();
    long refunds = day.totals().stream().mapToLong(PaymentLedger.Totals::refundsFen).sum();
    String methods = day.totals().stream()
        .map(totals -> totals.method().wireName() + " " + yuan(totals.paymentsFen() - totals.refundsFen()))
        .collect(Collectors.joining(", "));
    LOG.info("Demo day {} played at {}: {} payments {} 元, {} refunds {} 元, net {} 元 ({}); still dining: {}."
            + " Its settlement, for the owner: GET {}/api/v1/stores/{}/settlements/{} (owner invite: {})",
        day.day(), restaurant.store().name(),
        day.totals().stream().mapToLong(PaymentLedger.Totals::paymentCount).sum(), yuan(gross),
        day.totals().stream().mapToLong(PaymentLedger.Totals::refundCount).sum(), yuan(refunds),
        yuan(gross - refunds), methods, String.join(", ", day.tablesDining()), publicBaseUrl,
        restaurant.store().id(), day.day(), ownerInvite(restaurant));
  }

  private String ownerInvite(DemoRestaurant.Opened restaurant) {
    return inviteLink(restaurant.restaurant().ownerInvite());
  }

  private String inviteLink(StaffInvites.Invite invite) {
    return publicBaseUrl + "/i/" + invite.token();
  }

  static String yuan(long fen) {
    return (fen < 0 ? "-" : "") + Math.abs(fen) / 100 + "." + String.format("%02d", Math.abs(fen) % 100);
  }
}
