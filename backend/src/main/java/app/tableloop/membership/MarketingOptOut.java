package app.tableloop.membership;

import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A phone's owner asked marketing SMS to stop (replied 退订回T's T): marketing consent is withdrawn for every
 * membership with that number, in each brand, with a consent-ledger row each, as a withdrawal in the mini-program is.
 */
public final class MarketingOptOut {
  private final Database database;
  private final Members members;
  private final ConsentLedger consents;
  private final PhoneSealing phones;

  MarketingOptOut(Database database, Members members, ConsentLedger consents, PhoneSealing phones) {
    this.database = database;
    this.members = members;
    this.consents = consents;
    this.phones = phones;
  }

  /** Withdraws consent wherever the national number is a consenting member's; answers how many withdrew. */
  public Future<Integer> withdraw(String nationalNumber) {
    byte[] hash = phones.lookupHash(nationalNumber);
    return database.pool().preparedQuery("SELECT tenants_with_member_phone($1) AS tenant_id")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash)))
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Row row : rows) {
            UUID tenantId = row.getUUID("tenant_id");
            chain = chain.compose(done -> withdraw(tenantId, hash).map(count -> done + count));
          }
          return chain;
        });
  }

  private Future<Integer> withdraw(UUID tenantId, byte[] hash) {
    return database.inTenant(tenantId, sql -> sql.preparedQuery("""
            SELECT id, notice_version FROM members
             WHERE tenant_id = $1 AND phone_hash = $2 AND status = 'active' AND marketing_consent
               FOR UPDATE
            """).execute(Tuple.of(tenantId, io.vertx.core.buffer.Buffer.buffer(hash)))
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Row row : rows) {
            UUID memberId = row.getUUID("id");
            int notice = row.getInteger("notice_version");
            chain = chain.compose(done -> members.setMarketing(sql, tenantId, memberId, false)
                .compose(changed -> !changed ? Future.succeededFuture(done)
                    : consents.record(sql, tenantId, memberId, ConsentLedger.Purpose.MARKETING, false, notice)
                        .map(recorded -> done + 1)));
          }
          return chain;
        }));
  }
}
