package app.tableloop.loyalty.storedvalue;

import app.tableloop.payment.settlement.TopUpBonuses;
import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Members' top-ups, each with the package's terms as they were and its WeChat payment. */
public final class TopUps implements TopUpBonuses {
  private static final String COLUMNS = "id, store_id, member_id, package_id, name, price_fen, bonus_fen, payment_id,"
      + " created_at, credited_at";

  /** A top-up; {@code creditedAt} is when its money reached the balance (once). */
  record TopUp(UUID id, UUID storeId, UUID memberId, UUID packageId, String name, long priceFen, long bonusFen,
               UUID paymentId, Instant createdAt, Instant creditedAt) {
  }

  Future<UUID> insert(SqlClient sql, UUID tenantId, UUID storeId, UUID memberId, TopUpPackage offered) {
    return sql.preparedQuery("INSERT INTO top_ups (tenant_id, store_id, member_id, package_id, name, price_fen,"
            + " bonus_fen) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .execute(Tuple.of(tenantId, storeId, memberId, offered.id(), offered.name(), offered.priceFen(),
            offered.bonusFen()))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<Void> attachPayment(SqlClient sql, UUID tenantId, UUID topUpId, UUID paymentId) {
    return sql.preparedQuery("UPDATE top_ups SET payment_id = $3 WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, topUpId, paymentId))
        .mapEmpty();
  }

  /** The member's top-up. */
  Future<Optional<TopUp>> ofMember(SqlClient sql, UUID tenantId, UUID memberId, UUID topUpId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM top_ups WHERE tenant_id = $1 AND member_id = $2"
            + " AND id = $3")
        .execute(Tuple.of(tenantId, memberId, topUpId))
        .map(rows -> Rows.first(rows, TopUps::topUp));
  }

  /** Marks the top-up credited, once: empty when it already was. */
  Future<Optional<TopUp>> markCredited(SqlClient sql, UUID tenantId, UUID topUpId, Instant at) {
    return sql.preparedQuery("UPDATE top_ups SET credited_at = $3 WHERE tenant_id = $1 AND id = $2"
            + " AND credited_at IS NULL RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, topUpId, at.atOffset(ZoneOffset.UTC)))
        .map(rows -> Rows.first(rows, TopUps::topUp));
  }

  /** The member's credited top-ups: where their principal came from. */
  Future<List<UUID>> credited(SqlClient sql, UUID tenantId, UUID memberId) {
    return sql.preparedQuery("SELECT id FROM top_ups WHERE tenant_id = $1 AND member_id = $2"
            + " AND credited_at IS NOT NULL")
        .execute(Tuple.of(tenantId, memberId))
        .map(rows -> rows.stream().map(row -> row.getUUID("id")).toList());
  }

  /** The bonus of the store's top-ups paid in the stretch, by their payment's time as the ledger books it. */
  @Override
  public Future<Long> grantedFen(SqlClient sql, UUID tenantId, UUID storeId, Instant from, Instant to) {
    return sql.preparedQuery("""
            SELECT coalesce(sum(t.bonus_fen), 0) AS bonus_fen
              FROM top_ups t JOIN payments p ON p.id = t.payment_id AND p.tenant_id = t.tenant_id
             WHERE t.tenant_id = $1 AND t.store_id = $2 AND p.status = 'paid' AND p.paid_at >= $3 AND p.paid_at < $4
            """)
        .execute(Tuple.of(tenantId, storeId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong("bonus_fen"));
  }

  private static TopUp topUp(Row row) {
    OffsetDateTime credited = row.getOffsetDateTime("credited_at");
    return new TopUp(row.getUUID("id"), row.getUUID("store_id"), row.getUUID("member_id"),
        row.getUUID("package_id"), row.getString("name"), row.getLong("price_fen"), row.getLong("bonus_fen"),
        row.getUUID("payment_id"), row.getOffsetDateTime("created_at").toInstant(),
        credited == null ? null : credited.toInstant());
  }
}
