package app.tableloop.membership;

import app.tableloop.identity.Access;
import app.tableloop.platform.database.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Function;

/**
 * The owner's export of all the tenant's members or orders as CSV: the data is the restaurant's, to take elsewhere.
 * Rows are read through a cursor and written as they come, pausing while the client is slow, so that no export is
 * ever held in memory whole. The export is in the audit log before its first byte leaves.
 */
public final class TenantExport {
  private static final int FETCH = 200;
  /** Lets spreadsheet programs read the file as UTF-8 (the names are Chinese). */
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private final Database database;
  private final AccessAudit audit;
  private final PhoneSealing phones;
  private final PersonalDataSections personalData;

  TenantExport(Database database, AccessAudit audit, PhoneSealing phones, PersonalDataSections personalData) {
    this.database = database;
    this.audit = audit;
    this.phones = phones;
    this.personalData = personalData;
  }

  /** Every member, active and erased (those with nothing personal left), with their whole phone number. */
  public Future<Void> members(Access access, WriteStream<Buffer> out) {
    return export(access, AccessAudit.Action.MEMBERS_EXPORTED, out, CsvLine.of("member_id", "status", "joined_at",
        "joined_store_id", "joined_via", "recruited_by", "notice_version", "marketing_consent", "nickname", "birthday",
        "phone", "visits", "total_spend_fen", "first_visit_at", "last_visit_at", "erased_at"),
        "SELECT " + Members.COLUMNS + ", erased_at FROM members WHERE tenant_id = $1 ORDER BY joined_at, id", row -> {
          Member member = Members.member(row);
          return CsvLine.of(member.id(), row.getString("status"), member.joinedAt(), member.joinedStoreId(),
              member.via().wireName(), member.recruitedBy(), member.noticeVersion(), member.marketingConsent(),
              member.nickname(), member.birthday(), member.phone().map(phones::open).map(Phone::number).orElse(null),
              member.visits().count(), member.visits().spendFen(), member.visits().first(), member.visits().last(),
              row.getOffsetDateTime("erased_at"));
        });
  }

  /** Every order of every store of the tenant, with the member who placed it while they are one. */
  public Future<Void> orders(Access access, WriteStream<Buffer> out) {
    return export(access, AccessAudit.Action.ORDERS_EXPORTED, out, CsvLine.of("order_id", "store_id", "store_name",
        "number", "business_date", "status", "total_fen", "placed_at", "paid", "member_id", "notes"), """
            SELECT o.id, o.store_id, s.name AS store_name, o.number, o.business_date, o.status, o.total_fen,
                   o.placed_at, o.paid_by IS NOT NULL AS paid, m.id AS member_id, o.notes
              FROM orders o
              JOIN stores s ON s.id = o.store_id
              LEFT JOIN members m ON m.tenant_id = o.tenant_id AND m.user_id = o.placed_by AND m.status = 'active'
             WHERE o.tenant_id = $1
             ORDER BY o.placed_at, o.id
            """, row -> CsvLine.of(row.getUUID("id"), row.getUUID("store_id"), row.getString("store_name"),
            row.getString("number"), row.getLocalDate("business_date"), row.getString("status"),
            row.getLong("total_fen"), row.getOffsetDateTime("placed_at"), row.getBoolean("paid"),
            row.getUUID("member_id"), row.getString("notes")));
  }

  /**
   * What the other features hold about each member (coupons, points, stored value, referrals, messages,
   * subscriptions): one line per row, its section, its member and the row as JSON.
   */
  public Future<Void> memberData(Access access, WriteStream<Buffer> out) {
    return export(access, AccessAudit.Action.MEMBER_DATA_EXPORTED, out, CsvLine.of("section", "member_id", "data"),
        "SELECT section, member_id, data FROM (" + personalData.allRows() + ") d ORDER BY member_id, section",
        row -> CsvLine.of(row.getString("section"), row.getUUID("member_id"), row.getString("data")));
  }

  private Future<Void> export(Access access, AccessAudit.Action action, WriteStream<Buffer> out, String header,
                              String query, Function<Row, String> line) {
    UUID tenantId = access.tenantId();
    return database.inTenant(tenantId, sql -> audit.record(sql, tenantId, PrivacyRights.actor(access), null, action,
            null))
        .compose(audited -> database.inTenant(tenantId, sql -> sql.prepare(query).compose(statement -> {
          Promise<Void> done = Promise.promise();
          RowStream<Row> rows = statement.createStream(FETCH, Tuple.of(tenantId));
          out.exceptionHandler(done::tryFail);
          rows.exceptionHandler(done::tryFail);
          rows.endHandler(end -> done.tryComplete());
          out.write(Buffer.buffer(BYTE_ORDER_MARK + header));
          rows.handler(row -> {
            try {
              out.write(Buffer.buffer(line.apply(row)));
            } catch (RuntimeException e) {
              done.tryFail(e);
              return;
            }
            if (out.writeQueueFull()) {
              rows.pause();
              out.drainHandler(drained -> rows.resume());
            }
          });
          return done.future().eventually(() -> rows.close());
        })));
  }
}
