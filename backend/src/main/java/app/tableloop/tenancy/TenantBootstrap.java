package app.tableloop.tenancy;

import app.tableloop.identity.Role;
import app.tableloop.identity.StaffInvites;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Sets up a new tenant in one transaction: the tenant, its first store and tables, and a one-time invite for the
 * store's owner. The command line and the demo restaurant use it; it runs as the application role, bound to the new
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
    return database.inTenant(tenantId, sql -> create(sql, tenantId, tenant));
  }

  /** The same, as part of a larger transaction already bound to the new {@code tenantId}. */
  public Future<Bootstrapped> create(SqlClient sql, UUID tenantId, NewTenant tenant) {
    return sql.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)")
        .execute(Tuple.of(tenantId, tenant.name()))
        .compose(inserted -> stores.create(sql, tenantId, tenant.store()))
        .compose(store -> tables.add(sql, tenantId, store.id(), tenant.tableCodes().stream()
                .map(code -> new DiningTables.NewTable(code, code, null, 4)).toList())
            .compose(added -> invites.create(sql, tenantId, store.id(), Role.OWNER, null,
                    StaffInvites.DEFAULT_VALIDITY)
                .map(invite -> new Bootstrapped(tenantId, store, added, invite))));
  }
}
