package app.tableloop;

import app.tableloop.identity.StaffInvites;
import app.tableloop.platform.config.Config;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.runtime.Infrastructure;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.tenancy.BusinessHours;
import app.tableloop.tenancy.DiningTables;
import app.tableloop.tenancy.OrderingMode;
import app.tableloop.tenancy.Stores;
import app.tableloop.tenancy.TableCodeRange;
import app.tableloop.tenancy.TenantBootstrap;
import app.tableloop.tenancy.TimeZones;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code tenant create --name … --store … --tables A1-A20 [--mode pay_first|eat_first] [--time-zone Asia/Shanghai]}:
 * sets up a brand with its first store and tables, and prints the one-time invite that makes someone its owner.
 */
final class TenantCreateCommand {
  static final int USAGE_ERROR = 64;
  static final String USAGE = """
      Usage: java -jar tableloop.jar tenant create --name <brand> --store <store name> --tables <codes>
                                                 [--mode pay_first|eat_first] [--time-zone Asia/Shanghai]
        --tables   table codes such as A1-A20 or A1-A8,B1-B4 (at most 300)
      Prints the owner's one-time invite (valid 72 hours).""";

  private TenantCreateCommand() {
  }

  static int run(Config config, List<String> arguments, PrintStream out, PrintStream err) {
    Optional<TenantBootstrap.NewTenant> tenant = parse(arguments, err);
    if (tenant.isEmpty()) {
      err.println(USAGE);
      return USAGE_ERROR;
    }
    try (Infrastructure infrastructure = Infrastructure.startDatabase(config)) {
      infrastructure.migrate();
      Vertx vertx = VertxFactory.create().vertx();
      Database database = Database.connect(vertx, infrastructure.connections().appDatabase(), 2);
      try {
        TenantBootstrap bootstrap = new TenantBootstrap(database, new Stores(), new DiningTables(),
            new StaffInvites(database, Clock.systemUTC()));
        TenantBootstrap.Bootstrapped created = bootstrap.create(tenant.get()).toCompletionStage().toCompletableFuture()
            .get(1, TimeUnit.MINUTES);
        print(created, tenant.get(), config.publicBaseUrl(), out);
        return 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("could not create the tenant: " + e.getMessage(), e);
      } finally {
        database.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
    }
  }

  static Optional<TenantBootstrap.NewTenant> parse(List<String> arguments, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < arguments.size(); i += 2) {
      String name = arguments.get(i);
      if (!List.of("--name", "--store", "--tables", "--mode", "--time-zone").contains(name)
          || i + 1 >= arguments.size()) {
        err.println("Unknown option or missing value: " + name);
        return Optional.empty();
      }
      options.put(name, arguments.get(i + 1));
    }
    for (String required : List.of("--name", "--store", "--tables")) {
      if (options.getOrDefault(required, "").isBlank()) {
        err.println("Missing " + required);
        return Optional.empty();
      }
    }
    Optional<List<String>> tables = TableCodeRange.parse(options.get("--tables"));
    Optional<OrderingMode> mode = OrderingMode.fromWireName(options.getOrDefault("--mode", "pay_first"));
    Optional<ZoneId> zone = TimeZones.parse(options.getOrDefault("--time-zone", "Asia/Shanghai"));
    if (tables.isEmpty() || mode.isEmpty() || zone.isEmpty()
        || options.get("--name").length() > 60 || options.get("--store").length() > 60) {
      err.println("Check --tables (A1-A20), --mode (pay_first or eat_first), --time-zone, and names of at most"
          + " 60 characters");
      return Optional.empty();
    }
    return Optional.of(new TenantBootstrap.NewTenant(options.get("--name"),
        new Stores.NewStore(options.get("--store"), zone.get(), mode.get(), BusinessHours.ALWAYS), tables.get()));
  }

  private static void print(TenantBootstrap.Bootstrapped created, TenantBootstrap.NewTenant tenant, String baseUrl,
                            PrintStream out) {
    out.println("Created tenant " + tenant.name() + " (" + created.tenantId() + ")");
    out.println("  store  " + created.store().name() + " (" + created.store().id() + ", code "
        + created.store().code() + ")");
    out.println("  tables " + created.tables().size());
    out.println();
    out.println("Owner invite (one-time, valid until " + created.ownerInvite().expiresAt() + "):");
    out.println("  link   " + baseUrl + "/i/" + created.ownerInvite().token());
    out.println("  token  " + created.ownerInvite().token());
    out.println("The owner signs in to the mini-program and accepts it (POST /api/v1/invites/accept).");
  }
}
