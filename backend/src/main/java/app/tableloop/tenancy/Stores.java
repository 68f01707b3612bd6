package app.tableloop.tenancy;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The stores of a tenant. Every statement names its tenant, and runs where row-level security binds it too. */
public final class Stores {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final List<String> FIELDS = List.of("id", "tenant_id", "code", "name", "time_zone", "ordering_mode",
      "business_hours", "staff_may_refund");
  private static final String COLUMNS = String.join(", ", FIELDS);

  /** What a new store needs; the code is drawn here. */
  public record NewStore(String name, ZoneId timeZone, OrderingMode orderingMode, BusinessHours businessHours) {
  }

  /** What an owner may change; empty fields stay as they are. */
  public record StoreChanges(Optional<String> name, Optional<ZoneId> timeZone, Optional<OrderingMode> orderingMode,
                             Optional<BusinessHours> businessHours, Optional<Boolean> staffMayRefund) {
  }

  public Future<Store> create(SqlClient sql, UUID tenantId, NewStore store) {
    return insertWithFreshCode(sql, tenantId, store, 5);
  }

  public Future<Optional<Store>> find(SqlClient sql, UUID tenantId, UUID storeId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM stores WHERE tenant_id = $1 AND id = $2")
        .execute(Tuple.of(tenantId, storeId))
        .map(rows -> Rows.first(rows, Stores::store));
  }

  public Future<List<Store>> list(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT " + COLUMNS + " FROM stores WHERE tenant_id = $1 ORDER BY created_at, name")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.stream().map(Stores::store).toList());
  }

  public Future<Optional<Store>> update(SqlClient sql, UUID tenantId, UUID storeId, StoreChanges changes) {
    return sql.preparedQuery("""
            UPDATE stores
               SET name = coalesce($3, name),
                   time_zone = coalesce($4, time_zone),
                   ordering_mode = coalesce($5, ordering_mode),
                   business_hours = coalesce($6, business_hours),
                   staff_may_refund = coalesce($7, staff_may_refund)
             WHERE tenant_id = $1 AND id = $2
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.of(tenantId, storeId, changes.name().orElse(null),
            changes.timeZone().map(ZoneId::getId).orElse(null),
            changes.orderingMode().map(OrderingMode::wireName).orElse(null),
            changes.businessHours().map(TenancyJson::businessHours).orElse(null),
            changes.staffMayRefund().orElse(null)))
        .map(rows -> Rows.first(rows, Stores::store));
  }

  /** The store a QR code's store code names, with its tenant; asked before the request knows its tenant. */
  public Future<Optional<StoreRef>> byCode(SqlClient sql, String code) {
    return sql.preparedQuery("SELECT store_id, tenant_id FROM store_by_code($1)")
        .execute(Tuple.of(code))
        .map(rows -> Rows.first(rows, row -> new StoreRef(row.getUUID("store_id"), row.getUUID("tenant_id"))));
  }

  /** A store and its tenant, nothing more. */
  public record StoreRef(UUID storeId, UUID tenantId) {
  }

  private Future<Store> insertWithFreshCode(SqlClient sql, UUID tenantId, NewStore store, int attemptsLeft) {
    return sql.preparedQuery("""
            INSERT INTO stores (tenant_id, code, name, time_zone, ordering_mode, business_hours)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (code) DO NOTHING
            RETURNING\s""" + COLUMNS)
        .execute(Tuple.of(tenantId, freshCode(), store.name(), store.timeZone().getId(),
            store.orderingMode().wireName(), TenancyJson.businessHours(store.businessHours())))
        .compose(rows -> {
          if (rows.size() == 1) {
            return Future.succeededFuture(store(rows.iterator().next()));
          }
          // Two stores drew the same code; rare enough that drawing again is the whole answer.
          return attemptsLeft > 1 ? insertWithFreshCode(sql, tenantId, store, attemptsLeft - 1)
              : Future.failedFuture(new IllegalStateException("could not draw a free store code"));
        });
  }

  private static String freshCode() {
    StringBuilder code = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * A store's columns for a statement of another feature that reads the store with its own rows: those of the
   * {@code stores} row {@code alias}, each named with {@code prefix}, as {@link #store(Row, String)} reads them.
   */
  public static String columns(String alias, String prefix) {
    return FIELDS.stream().map(field -> alias + "." + field + " AS " + prefix + field)
        .collect(Collectors.joining(", "));
  }

  /** The store of the columns {@link #columns(String, String)} named with {@code prefix}. */
  public static Store store(Row row, String prefix) {
    Object hours = row.getValue(prefix + "business_hours");
    return new Store(row.getUUID(prefix + "id"), row.getUUID(prefix + "tenant_id"), row.getString(prefix + "code"),
        row.getString(prefix + "name"), ZoneId.of(row.getString(prefix + "time_zone")),
        OrderingMode.fromWireName(row.getString(prefix + "ordering_mode")).orElseThrow(),
        TenancyJson.businessHours(hours instanceof JsonArray array ? array : new JsonArray()),
        row.getBoolean(prefix + "staff_may_refund"));
  }

  private static Store store(Row row) {
    return store(row, "");
  }
}
