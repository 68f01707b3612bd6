package app.tableloop.campaign.inbox;

import static app.tableloop.platform.http.Refusals.refuse;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The signed-in member's message box; each call one transaction bound to the store's tenant. */
public final class MessageBox {
  private final Database database;
  private final Messages messages;
  private final Clock clock;

  public MessageBox(Database database, Messages messages, Clock clock) {
    this.database = database;
    this.messages = messages;
    this.clock = clock;
  }

  record Box(List<Messages.Message> items, long unread) {
  }

  Future<Box> box(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> messages.ofMember(sql, tenantId, memberId)
            .compose(items -> messages.unread(sql, tenantId, memberId).map(unread -> new Box(items, unread)))));
  }

  Future<Optional<Messages.Message>> banner(Access access) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> messages.banner(sql, tenantId, memberId)));
  }

  Future<Void> read(Access access, UUID messageId) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> member(sql, access)
        .compose(memberId -> messages.markRead(sql, tenantId, memberId, messageId, clock.instant()))
        .compose(found -> found ? Future.<Void>succeededFuture() : refuse(InboxRefusal.MESSAGE_NOT_FOUND)));
  }

  private static Future<UUID> member(SqlClient sql, Access access) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'")
        .execute(Tuple.of(access.tenantId(), access.user().userId()))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next().getUUID("id"))
            : refuse(InboxRefusal.JOIN_FIRST));
  }
}
