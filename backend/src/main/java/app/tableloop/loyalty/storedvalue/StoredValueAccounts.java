package app.tableloop.loyalty.storedvalue;

import app.tableloop.loyalty.storedvalue.StoredValueRules.Split;
import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Members' balances and the append-only entries they are the sum of. An entry is written once per entry key, and the
 * balance moves only with an entry written, in the same statement order and transaction; the accounts' CHECKs refuse
 * a balance below zero whatever the caller did.
 */
final class StoredValueAccounts {
  private static final String ENTRY_COLUMNS = "id, kind, principal_fen, bonus_fen, top_up_id, payment_id, order_id,"
      + " tab_id, reason, occurred_at";

  /** A change of a balance, signed. */
  record Entry(String entryKey, String kind, UUID storeId, Split amount, UUID topUpId, UUID paymentId, UUID orderId,
               UUID tabId, String reason, UUID recordedBy, Instant at) {
  }

  /** An entry as the member's history shows it. */
  record Booked(long id, String kind, Split amount, UUID topUpId, UUID paymentId, UUID orderId, UUID tabId,
                String reason, Instant at) {
  }

  /** What a stored-value payment took, and of whom. */
  record Taken(UUID memberId, UUID storeId, Split amount, UUID orderId, UUID tabId) {
  }

  /** The diner's active membership of the tenant. */
  Future<Optional<UUID>> memberOf(SqlClient sql, UUID tenantId, UUID userId) {
    return sql.preparedQuery("SELECT id FROM members WHERE tenant_id = $1 AND user_id = $2 AND status = 'active'")
        .execute(Tuple.of(tenantId, userId))
        .map(rows -> Rows.first(rows, row -> row.getUUID("id")));
  }

  Future<Boolean> isMember(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT EXISTS (SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2) AS found")
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> rows.iterator().next().getBoolean("found"));
  }

  /** The member's balance (zero without an account). */
  Future<Split> balance(SqlClient sql, UUID tenantId, UUID memberId) {
    return read(sql, "SELECT principal_fen, bonus_fen FROM stored_value_accounts WHERE tenant_id = $1"
        + " AND member_id = $2", tenantId, memberId);
  }

  /** The member's balance, locked until the transaction ends: what spends it queues here. */
  Future<Split> lock(SqlClient sql, UUID tenantId, UUID memberId) {
    return read(sql, "SELECT principal_fen, bonus_fen FROM stored_value_accounts WHERE tenant_id = $1"
        + " AND member_id = $2 FOR UPDATE", tenantId, memberId);
  }

  private static Future<Split> read(SqlClient sql, String query, UUID tenantId, UUID memberId) {
    return sql.preparedQuery(query).execute(Tuple.of(tenantId, memberId))
        .map(rows -> Rows.first(rows, row -> new Split(row.getLong("principal_fen"), row.getLong("bonus_fen")))
            .orElse(new Split(0, 0)));
  }

  /** Writes the entry and moves the balance by it; false (and nothing moved) when its key was written before. */
  Future<Boolean> book(SqlClient sql, UUID tenantId, UUID memberId, Entry entry) {
    return sql.preparedQuery("""
            INSERT INTO stored_value_entries (tenant_id, member_id, store_id, entry_key, kind, principal_fen,
                                              bonus_fen, top_up_id, payment_id, order_id, tab_id, reason,
                                              recorded_by, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (entry_key) DO NOTHING
            """)
        .execute(Tuple.from(Arrays.asList(tenantId, memberId, entry.storeId(), entry.entryKey(), entry.kind(),
            entry.amount().principalFen(), entry.amount().bonusFen(), entry.topUpId(), entry.paymentId(),
            entry.orderId(), entry.tabId(), entry.reason(), entry.recordedBy(), entry.at().atOffset(ZoneOffset.UTC))))
        .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture(false)
            // The first entry opens the account; the update then moves it, under its CHECKs.
            : sql.preparedQuery("INSERT INTO stored_value_accounts (member_id, tenant_id) VALUES ($2, $1)"
                    + " ON CONFLICT (member_id) DO NOTHING")
                .execute(Tuple.of(tenantId, memberId))
                .compose(opened -> sql.preparedQuery("UPDATE stored_value_accounts SET"
                        + " principal_fen = principal_fen + $3, bonus_fen = bonus_fen + $4, updated_at = $5"
                        + " WHERE tenant_id = $1 AND member_id = $2")
                    .execute(Tuple.of(tenantId, memberId, entry.amount().principalFen(), entry.amount().bonusFen(),
                        entry.at().atOffset(ZoneOffset.UTC))))
                .map(true));
  }

  /** The entry written under {@code entryKey}, with its member. */
  Future<Optional<Keyed>> byKey(SqlClient sql, UUID tenantId, String entryKey) {
    return sql.preparedQuery("SELECT member_id, " + ENTRY_COLUMNS + " FROM stored_value_entries"
            + " WHERE tenant_id = $1 AND entry_key = $2")
        .execute(Tuple.of(tenantId, entryKey))
        .map(rows -> Rows.first(rows, row -> new Keyed(row.getUUID("member_id"), booked(row))));
  }

  record Keyed(UUID memberId, Booked entry) {
  }

  /** The member's entries, newest first, older than {@code before} when given. */
  Future<List<Booked>> history(SqlClient sql, UUID tenantId, UUID memberId, Long before, int limit) {
    return sql.preparedQuery("SELECT " + ENTRY_COLUMNS + " FROM stored_value_entries WHERE tenant_id = $1"
            + " AND member_id = $2 AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
        .execute(Tuple.of(tenantId, memberId, before, limit))
        .map(rows -> rows.stream().map(StoredValueAccounts::booked).toList());
  }

  /** What the stored-value payment took, and of whom. */
  Future<Optional<Taken>> takenBy(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT member_id, store_id, principal_fen, bonus_fen, order_id, tab_id"
            + " FROM stored_value_entries WHERE tenant_id = $1 AND payment_id = $2 AND kind = 'payment'")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> Rows.first(rows, row -> new Taken(row.getUUID("member_id"), row.getUUID("store_id"),
            new Split(-row.getLong("principal_fen"), -row.getLong("bonus_fen")), row.getUUID("order_id"),
            row.getUUID("tab_id"))));
  }

  /** How much refunds of the payment have returned to the balance so far. */
  Future<Long> returnedOf(SqlClient sql, UUID tenantId, UUID paymentId) {
    return sql.preparedQuery("SELECT coalesce(sum(principal_fen + bonus_fen), 0) AS returned_fen"
            + " FROM stored_value_entries WHERE tenant_id = $1 AND payment_id = $2 AND kind = 'reversal'")
        .execute(Tuple.of(tenantId, paymentId))
        .map(rows -> rows.iterator().next().getLong("returned_fen"));
  }

  private static Booked booked(Row row) {
    return new Booked(row.getLong("id"), row.getString("kind"),
        new Split(row.getLong("principal_fen"), row.getLong("bonus_fen")), row.getUUID("top_up_id"),
        row.getUUID("payment_id"), row.getUUID("order_id"), row.getUUID("tab_id"), row.getString("reason"),
        row.getOffsetDateTime("occurred_at").toInstant());
  }
}
