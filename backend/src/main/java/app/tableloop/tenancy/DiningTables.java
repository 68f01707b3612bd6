package app.tableloop.tenancy;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The tables of a store. */
public final class DiningTables {
  private static final List<String> FIELDS = List.of("id", "store_id", "code", "name", "area", "seats", "active");
  private static final String COLUMNS = String.join(", ", FIELDS);

  public record NewTable(String code, String name, String area, int seats) {
  }

  public record TableChanges(Optional<String> name, Optional<String> area, Optional<Integer> seats,
                             Optional<Boolean> active) {
  }

  /** Adds tables; a code the store already has is skipped, so that adding A1-A20 twice leaves twenty tables. */
  public Future<List<DiningTable>> add(SqlClient sql, UUID tenantId, UUID storeId, List<NewTable> tables) {
    List<Tuple> batch = tables.stream()
        .map(t -> Tuple.of(tenantId, storeId, t.code(), t.name(), t.area(), t.seats()))
        .toList();
    return sql.preparedQuery("""
            INSERT INTO dining_tables (tenant_id, store_id, code, name, area, seats)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (store_id, code) DO NOTHING
            """)
        .executeBatch(batch)
        .compose(ignored -> list(sql, tenantId, storeId));
  }

  public Future<List<DiningTable>> list(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM dining_tables WHERE tenant_id = $1 AND store_id = $2"
            + " ORDER BY substring(code from '^[A-Za-z-]*'), length(code), code")
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> rows.stream().map(DiningTables::table).toList());
  }

  public Future<Optional<DiningTable>> find(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM dining_tables"
            + " WHERE tenant_id = $1 AND store_id = $2 AND id = $3")
        .execute(Tuple.of(tenantId, storeId, tableId))
        .map(rows -> Rows.first(rows, DiningTables::table));
  }

  public Future<Optional<DiningTable>> findByCode(SqlClient sql, UUID tenantId, UUID storeId, String code) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM dining_tables"
            + " WHERE tenant_id = $1 AND store_id = $2 AND code = $3")
        .execute(Tuple.of(tenantId, storeId, code))
        .map(rows -> Rows.first(rows, DiningTables::table));
  }

  public Future<Optional<DiningTable>> update(SqlClient sql, UUID tenantId, UUID storeId, UUID tableId,
                                              TableChanges changes) {
    return sql.preparedQuery("""
            UPDATE dining_tables
               SET name = coalesce($4, name),
                   area = coalesce($5, area),
                   seats = coalesce($6, seats),
                   active = coalesce($7, active)
             WHERE tenant_id = $1 AND store_id = $2 AND id = $3
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.of(tenantId, storeId, tableId, changes.name().orElse(null), changes.area().orElse(null),
            changes.seats().orElse(null), changes.active().orElse(null)))
        .map(rows -> Rows.first(rows, DiningTables::table));
  }

  /**
   * A table's columns for a statement of another feature that reads the table with its own rows: those of the
   * {@code dining_tables} row {@code alias}, each named with {@code prefix}, as {@link #table(Row, String)} reads them.
   */
  public static String columns(String alias, String prefix) {
    return FIELDS.stream().map(field -> alias + "." + field + " AS " + prefix + field)
        .collect(Collectors.joining(", "));
  }

  /** The table of the columns {@link #columns(String, String)} named with {@code prefix}. */
  public static DiningTable table(Row row, String prefix) {
    return new DiningTable(row.getUUID(prefix + "id"), row.getUUID(prefix + "store_id"), row.getString(prefix + "code"),
        row.getString(prefix + "name"), row.getString(prefix + "area"), row.getInteger(prefix + "seats"),
        row.getBoolean(prefix + "active"));
  }

  private static DiningTable table(Row row) {
    return table(row, "");
  }
}
