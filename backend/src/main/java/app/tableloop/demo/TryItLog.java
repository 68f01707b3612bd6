package app.tableloop.demo;

import app.tableloop.identity.Role;
import app.tableloop.identity.StaffInvites;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start log's "try it" block, on every start with the WeChat simulator: what a newcomer needs to carry on, read as
 * it is now through the API as the demo store's owner {@value Walkthrough#DEMO_OWNER}: the owner invite token (a
 * fresh one-time invite while no one else owns the demo store; never one already used), the store's code, a free
 * table's link, the simulator's address and the {@code try} command line.
 */
public final class TryItLog {
  private static final Logger LOG = LoggerFactory.getLogger(TryItLog.class);

  private final Vertx vertx;
  private final Database database;
  private final String serviceUrl;
  private final String simulatorUrl;
  private final String publicBaseUrl;
  private final Clock clock;

  /**
   * @param serviceUrl    where the service listens, for the {@code try} command line
   * @param publicBaseUrl where diners reach it, for the table link
   */
  public TryItLog(Vertx vertx, Database database, String serviceUrl, String simulatorUrl, String publicBaseUrl,
                  Clock clock) {
    this.vertx = vertx;
    this.database = database;
    this.serviceUrl = serviceUrl;
    this.simulatorUrl = simulatorUrl;
    this.publicBaseUrl = publicBaseUrl;
    this.clock = clock;
  }

  /**
   * Logs the block; {@code seededInvite} is the owner invite this start's seeding has just logged (still unused).
   * Never fails: a block it cannot read is a warning.
   */
  public Future<Void> log(Optional<StaffInvites.Invite> seededInvite) {
    DemoClient client = new DemoClient(vertx, serviceUrl, simulatorUrl);
    return client.signIn(Walkthrough.DEMO_OWNER)
        .compose(owner -> client.get("/api/v1/me", owner).compose(me -> me.getJsonArray("roles").stream()
            .map(JsonObject.class::cast).filter(grant -> "owner".equals(grant.getString("role"))).findFirst()
            .map(grant -> demoStore(client, owner, me.getJsonObject("user").getString("id"), grant, seededInvite)
                .map(block -> block + "\n  play both flows:    " + tryCommand(serviceUrl, simulatorUrl)))
            .orElseGet(() -> Future.succeededFuture(withoutDemo(serviceUrl, simulatorUrl)))))
        .onSuccess(block -> log(simulatorUrl, block))
        .onFailure(failure -> LOG.warn("The start log's try-it block could not be read: {}", failure.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty()
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  /** The block where there is no demo restaurant (it is seeded only into the embedded default's empty database). */
  public static void logWithoutDemo(String serviceUrl, String simulatorUrl) {
    log(simulatorUrl, withoutDemo(serviceUrl, simulatorUrl));
  }

  private static void log(String simulatorUrl, String block) {
    LOG.info("Try it in five minutes (see the README):\n  WeChat simulator:   {}{}", simulatorUrl, block);
  }

  private static String withoutDemo(String serviceUrl, String simulatorUrl) {
    return "\n  no demo restaurant here: make a store with `tenant create`, give it a menu, then"
        + "\n  play both flows:    " + tryCommand(serviceUrl, simulatorUrl) + " --invite <its owner invite token>";
  }

  private static String tryCommand(String serviceUrl, String simulatorUrl) {
    return "java -jar backend/target/tableloop.jar try --url " + serviceUrl + " --simulator " + simulatorUrl;
  }

  private Future<String> demoStore(DemoClient client, String owner, String demoOwnerId, JsonObject grant,
                                   Optional<StaffInvites.Invite> seededInvite) {
    String store = "/api/v1/stores/" + grant.getString("store_id");
    return client.get(store, owner).compose(read -> client.get(store + "/tables", owner)
        .compose(tables -> client.get(store + "/tabs", owner)
            .map(tabs -> Walkthrough.lastFreeTable(tables, tabs)
                .map(table -> Walkthrough.tableLink(publicBaseUrl, read, table)).orElse("(every table is busy)")))
        .compose(link -> ownerInvite(client, owner, demoOwnerId, grant, seededInvite).map(invite ->
            "\n  owner invite token: " + invite
                + "\n  demo store:         " + read.getString("name") + ", code " + read.getString("code")
                + ", id " + read.getString("id")
                + "\n  a table link:       " + link)));
  }

  /** The seeding's invite; else a fresh one while no one but the demo owner owns the store; else none. */
  private Future<String> ownerInvite(DemoClient client, String owner, String demoOwnerId, JsonObject grant,
                                     Optional<StaffInvites.Invite> seededInvite) {
    if (seededInvite.isPresent()) {
      return Future.succeededFuture(described(seededInvite.get()));
    }
    UUID tenantId = UUID.fromString(grant.getString("tenant_id"));
    UUID storeId = UUID.fromString(grant.getString("store_id"));
    return client.get("/api/v1/stores/" + storeId + "/staff", owner).compose(staff -> {
      boolean owned = staff.getJsonArray("staff").stream().map(JsonObject.class::cast)
          .anyMatch(member -> "owner".equals(member.getString("role"))
              && !demoOwnerId.equals(member.getString("user_id")));
      return owned ? Future.succeededFuture("none (the demo store has its owner; an invite is used once)")
          : database.inTenant(tenantId, sql -> new StaffInvites(database, clock).create(sql, tenantId, storeId,
              Role.OWNER, null, StaffInvites.DEFAULT_VALIDITY)).map(this::described);
    });
  }

  private String described(StaffInvites.Invite invite) {
    return invite.token() + " (one-time, until " + invite.expiresAt().truncatedTo(ChronoUnit.SECONDS) + "; its link "
        + publicBaseUrl.replaceFirst("/+$", "") + "/i/" + invite.token() + ")";
  }
}
