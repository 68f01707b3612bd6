package app.tableloop.tenancy;

import app.tableloop.identity.Role;
import app.tableloop.identity.StaffInvites;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sets up a new tenant in one transaction: the tenant, its first store and tables, and a one-time invite for the
 * store's owner. The command line and the demo data use it; it runs as the application role, bound to the new
 * tenant like any other write.
 */
public final class TenantBootstrap {
  private final Database database;
  private final Stores stores;
  private final DiningTables tables;
  private final StaffInvites invites;

  public TenantBootstrap(Database database, Stores stores, DiningTables tables, StaffInvites invites) {
    this.database = database;
    this.stores = stores;
    this.tables = tables;
    this.invites = invites;
  }

  public record NewTenant(String name, Stores.NewStore store, List<String> tableCodes) {
  }

  public record Bootstrapped(UUID tenantId, Store store, List<DiningTable> tables, StaffInvites.Invite ownerInvite) {
  }

  public Future<Bootstrapped> create(NewTenant tenant) {
    UUID tenantId = UUID.randomUUID();
    return database.inTenant(tenantId, sql -> sql.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)")
        .execute(Tuple.of(tenantId, tenant.name()))
        .compose(inserted -> stores.create(sql, tenantId, tenant.store()))
        .compose(store -> tables.add(sql, tenantId, store.id(), tenant.tableCodes().stream()
                .map(code -> new DiningTables.NewTable(code, code, null, 4)).toList())
            .compose(added -> invites.create(sql, tenantId, store.id(), Role.OWNER, null,
                    StaffInvites.DEFAULT_VALIDITY)
                .map(invite -> new Bootstrapped(tenantId, store, added, invite)))));
  }

  /** The demo restaurant of the embedded default, created once, into an empty deployment only. */
  public Future<Optional<Bootstrapped>> seedDemoIfEmpty() {
    return database.pool().query("SELECT deployment_has_tenants() AS seeded").execute()
        .compose(rows -> rows.iterator().next().getBoolean("seeded") ? Future.succeededFuture(Optional.empty())
            : create(new NewTenant("演示面馆 Demo Noodle House",
                new Stores.NewStore("演示面馆 人民路店", ZoneId.of("Asia/Shanghai"), OrderingMode.PAY_FIRST,
                    BusinessHours.ALWAYS),
                TableCodeRange.parse("A1-A12").orElseThrow())).map(Optional::of));
  }
}
