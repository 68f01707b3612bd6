package app.tableloop.loyalty.storedvalue;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant's top-up packages. */
public final class TopUpPackages {
  private static final String COLUMNS = "id, name, price_fen, bonus_fen, active, created_at";

  Future<List<TopUpPackage>> list(SqlClient sql, UUID tenantId, boolean activeOnly) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM top_up_packages WHERE tenant_id = $1"
            + " AND (active OR NOT $2) ORDER BY price_fen, created_at")
        .execute(Tuple.of(tenantId, activeOnly))
        .map(rows -> rows.stream().map(TopUpPackages::topUpPackage).toList());
  }

  public Future<TopUpPackage> insert(SqlClient sql, UUID tenantId, String name, long priceFen, long bonusFen) {
    return sql.preparedQuery("INSERT INTO top_up_packages (tenant_id, name, price_fen, bonus_fen)"
            + " VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, name, priceFen, bonusFen))
        .map(rows -> Rows.first(rows, TopUpPackages::topUpPackage).orElseThrow());
  }

  Future<Optional<TopUpPackage>> byId(SqlClient sql, UUID tenantId, UUID packageId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM top_up_packages WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, packageId))
        .map(rows -> Rows.first(rows, TopUpPackages::topUpPackage));
  }

  /** Renames or (de)activates a package; a null leaves that part as it is. Price and bonus never change. */
  Future<Optional<TopUpPackage>> update(SqlClient sql, UUID tenantId, UUID packageId, String name, Boolean active) {
    return sql.preparedQuery("UPDATE top_up_packages SET name = coalesce($3, name), active = coalesce($4, active)"
            + " WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(tenantId, packageId, name, active))
        .map(rows -> Rows.first(rows, TopUpPackages::topUpPackage));
  }

  private static TopUpPackage topUpPackage(Row row) {
    return new TopUpPackage(row.getUUID("id"), row.getString("name"), row.getLong("price_fen"),
        row.getLong("bonus_fen"), row.getBoolean("active"), row.getOffsetDateTime("created_at").toInstant());
  }
}
