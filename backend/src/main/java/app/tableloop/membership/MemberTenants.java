package app.tableloop.membership;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Function;

/** The tenants that have members, for the jobs that go through every member: one tenant at a time. */
public final class MemberTenants {
  private MemberTenants() {
  }

  /** Runs {@code work} for each tenant with members, in turn; answers the sum of what each run counted. */
  public static Future<Integer> each(Database database, Function<UUID, Future<Integer>> work) {
    return database.pool().query("SELECT tenants_with_members() AS tenant_id").execute()
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (var row : rows) {
            UUID tenantId = row.getUUID("tenant_id");
            chain = chain.compose(done -> work.apply(tenantId).map(count -> done + count));
          }
          return chain;
        });
  }
}
